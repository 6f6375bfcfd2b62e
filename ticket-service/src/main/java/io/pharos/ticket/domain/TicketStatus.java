package io.pharos.ticket.domain;

/** Where a ticket is in its life: NEW → OPEN → PENDING / ON_HOLD → SOLVED → CLOSED. */
public enum TicketStatus {
    NEW, OPEN, PENDING, ON_HOLD, SOLVED, CLOSED
}
