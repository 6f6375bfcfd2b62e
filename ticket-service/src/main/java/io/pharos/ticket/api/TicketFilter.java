package io.pharos.ticket.api;

import java.time.Instant;
import java.util.UUID;

import io.pharos.ticket.domain.Channel;
import io.pharos.ticket.domain.TicketStatus;

/**
 * What a ticket list asks for. Without {@code updatedSince} the newest tickets come first; with it
 * the list is a sync feed in update order, where a ticket updated while paging shows up again
 * later instead of being skipped.
 */
public record TicketFilter(TicketStatus status, String assigneeId, UUID requesterId, Instant updatedSince,
        String externalId, String tag, Channel channel, String team, String search) {

    public static TicketFilter none() {
        return new TicketFilter(null, null, null, null, null, null, null, null, null);
    }
}
