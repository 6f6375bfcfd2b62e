package io.pharos.contracts.ticket;

import java.util.List;

/**
 * What every {@code pharos.ticket.*} event carries: the ticket after the change and its SLA clocks,
 * so that consumers which only keep a replica of tickets treat all of them alike.
 */
public sealed interface TicketEvent permits TicketCreated, TicketUpdated, TicketAssigned, TicketStatusChanged, TicketMessageAdded,
        TicketSlaAlert {

    TicketSnapshot ticket();

    /** The ticket's SLA clocks after the change; null only on an assignment made by routing. */
    List<SlaClockSnapshot> slaClocks();
}
