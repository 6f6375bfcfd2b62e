package io.pharos.ticket.api;

import java.time.Instant;
import java.util.UUID;

import io.pharos.ticket.domain.Callback;

/** A call back to a phone ticket's caller: assigned to an agent, due by {@code dueAt}, {@code outcome} once made. */
public record CallbackDto(UUID id, UUID ticketId, String assigneeId, Instant dueAt, String note, Callback.Status status,
        Callback.Outcome outcome, String outcomeNote, Instant createdAt, Instant completedAt) {
}
