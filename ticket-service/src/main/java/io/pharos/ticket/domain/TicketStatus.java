package io.pharos.ticket.domain;

import org.eclipse.microprofile.graphql.Description;

/** Where a ticket is in its life: NEW → OPEN → PENDING / ON_HOLD → SOLVED → CLOSED. */
@Description("A ticket's place in its workflow: NEW, OPEN, PENDING (waiting on the customer), ON_HOLD (waiting on a third party), SOLVED, CLOSED")
public enum TicketStatus {
    NEW, OPEN, PENDING, ON_HOLD, SOLVED, CLOSED
}
