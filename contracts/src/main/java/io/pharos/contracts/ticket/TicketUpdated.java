package io.pharos.contracts.ticket;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.pharos.contracts.Nullable;

/**
 * {@code pharos.ticket.updated}: subject, priority, tags or language changed (status and assignment
 * changes have events of their own).
 */
public record TicketUpdated(TicketSnapshot ticket, List<SlaClockSnapshot> slaClocks, Changes changes) implements TicketEvent {

    /** The new values of what changed; what did not change is absent. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Changes(@Nullable String subject, @Nullable Priority priority, @Nullable List<String> tags,
            @Nullable String language) {
    }
}
