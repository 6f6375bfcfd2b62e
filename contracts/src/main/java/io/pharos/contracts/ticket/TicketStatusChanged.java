package io.pharos.contracts.ticket;

import java.time.Instant;
import java.util.List;

/**
 * {@code pharos.ticket.status.changed}, and with the same data {@code .solved}, {@code .reopened}
 * and {@code .closed}, which follow it for those changes.
 *
 * @param changedBy who changed it, as the audit trail names them
 */
public record TicketStatusChanged(TicketSnapshot ticket, List<SlaClockSnapshot> slaClocks, TicketStatus previousStatus,
        TicketStatus status, Instant changedAt, String changedBy) implements TicketEvent {
}
