package io.pharos.contracts.ticket;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.pharos.contracts.Nullable;

/**
 * {@code pharos.ticket.status.changed}, and with the same data {@code .solved}, {@code .reopened}
 * and {@code .closed}, which follow it for those changes.
 *
 * @param changedBy who changed it, as the audit trail names them
 * @param reason why, when the change came with one (an imported status change's reason)
 */
public record TicketStatusChanged(TicketSnapshot ticket, List<SlaClockSnapshot> slaClocks, TicketStatus previousStatus,
        TicketStatus status, Instant changedAt, String changedBy,
        @Nullable @JsonInclude(JsonInclude.Include.NON_NULL) String reason) implements TicketEvent {

    /** A change without a stated reason. */
    public TicketStatusChanged(TicketSnapshot ticket, List<SlaClockSnapshot> slaClocks, TicketStatus previousStatus, TicketStatus status,
            Instant changedAt, String changedBy) {
        this(ticket, slaClocks, previousStatus, status, changedAt, changedBy, null);
    }
}
