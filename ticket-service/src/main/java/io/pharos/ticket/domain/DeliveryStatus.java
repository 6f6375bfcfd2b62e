package io.pharos.ticket.domain;

import org.eclipse.microprofile.graphql.Description;

/** What happened to an outgoing message on its channel. */
@Description("Where an outbound message stands with the channel: PENDING, SENT, DELIVERED, READ or FAILED")
public enum DeliveryStatus {
    PENDING, SENT, DELIVERED, READ, FAILED
}
