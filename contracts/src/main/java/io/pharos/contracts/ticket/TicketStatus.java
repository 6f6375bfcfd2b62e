package io.pharos.contracts.ticket;

/** Where a ticket is in its workflow; lower-case on the wire ({@code on_hold}). */
public enum TicketStatus {
    NEW, OPEN, PENDING, ON_HOLD, SOLVED, CLOSED
}
