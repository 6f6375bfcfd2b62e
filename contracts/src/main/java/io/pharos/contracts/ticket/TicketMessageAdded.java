package io.pharos.contracts.ticket;

import java.util.List;

/** {@code pharos.ticket.message.added}: a message joined the conversation (the ticket after what it meant for it). */
public record TicketMessageAdded(MessageSnapshot message, TicketSnapshot ticket, List<SlaClockSnapshot> slaClocks)
        implements TicketEvent {
}
