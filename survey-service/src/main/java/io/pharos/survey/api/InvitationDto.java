package io.pharos.survey.api;

import java.time.Instant;
import java.util.UUID;

/** Whether and when a customer was (or will be) asked; the link itself is never shown again. */
public record InvitationDto(UUID id, UUID surveyId, UUID ticketId, UUID customerId, String status, Instant dueAt, Instant sentAt,
        Instant expiresAt, String channel, String language, String skipReason, Instant createdAt) {
}
