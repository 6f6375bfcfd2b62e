package io.pharos.ticket.api;

import java.util.List;

import io.pharos.ticket.domain.Priority;
import io.pharos.ticket.domain.TicketStatus;

/**
 * A JSON merge patch of a ticket: absent fields stay as they are; {@code assigneeId} and
 * {@code team} may be set to null explicitly to unassign, hence their "set" flags.
 */
public record TicketPatch(String subject, TicketStatus status, Priority priority, List<String> tags, String language,
        String assigneeId, boolean assigneeSet, String team, boolean teamSet) {
}
