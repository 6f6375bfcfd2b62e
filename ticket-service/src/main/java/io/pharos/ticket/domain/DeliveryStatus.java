package io.pharos.ticket.domain;

/** What happened to an outgoing message on its channel. */
public enum DeliveryStatus {
    PENDING, SENT, DELIVERED, READ, FAILED
}
