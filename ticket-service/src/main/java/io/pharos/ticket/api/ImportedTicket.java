package io.pharos.ticket.api;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.pharos.ticket.domain.AuthorKind;
import io.pharos.ticket.domain.Channel;
import io.pharos.ticket.domain.Priority;
import io.pharos.ticket.domain.TicketStatus;

/**
 * One line of {@code POST /api/v1/tickets/import}: a whole ticket with its history, timestamps
 * kept as given (within {@link Timestamps}' window). Messages and status changes are applied in time order; nothing
 * is delivered, and every event the line writes is marked historical.
 *
 * @param openedBy {@code customer} or {@code agent} (proactive outreach); by default {@code agent} when the first
 *        customer or public agent message by time is an agent's, else {@code customer}
 * @param historicalAgents accept agent ids (assignee, message authors, status actors) and a team the directory does
 *        not know (people who left, teams dissolved), recorded as given; otherwise they are refused
 * @param slaPolicy the name of the SLA policy the ticket's clocks are replayed under; absent, the one that matches
 */
public record ImportedTicket(
        @NotBlank @Size(max = 500) String subject,
        @NotNull Channel channel,
        Priority priority,
        @NotNull @Valid IdentityInput requester,
        @NotNull @Timestamps.Plausible Instant createdAt,
        @Size(max = 200) String externalId,
        @Size(max = 50) List<@NotBlank @Size(max = 64) String> tags,
        @Size(max = 100) String team,
        @Size(max = 200) String assigneeId,
        @Size(max = 16) String language,
        @Size(max = 10_000) List<@Valid @NotNull MessageInput> messages,
        @Size(max = 1_000) List<@Valid @NotNull StatusChange> statusChanges,
        AuthorKind openedBy,
        Boolean historicalAgents,
        @Size(max = 200) String slaPolicy) {

    /** {@code actor}: an agent id, {@code customer} or {@code system}; absent, the importing caller. */
    public record StatusChange(@NotNull TicketStatus status, @NotNull @Timestamps.Plausible Instant at,
            @Size(max = 200) String actor, @Size(max = 500) String reason) {
    }

    public boolean acceptsUnknownAgents() {
        return Boolean.TRUE.equals(historicalAgents);
    }
}
