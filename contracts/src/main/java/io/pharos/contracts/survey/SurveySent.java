package io.pharos.contracts.survey;

import java.time.Instant;
import java.util.UUID;

import io.pharos.contracts.Channel;
import io.pharos.contracts.Nullable;

/**
 * {@code pharos.survey.sent}: an invitation went out to a customer (its message was requested in the
 * same transaction). The event key is the ticket, or the customer for relationship surveys.
 *
 * @param ticketId null for relationship surveys, which are about no ticket
 * @param agentId the ticket's assignee when the invitation was sent
 * @param channel the channel the invitation was sent on
 * @param expiresAt after this the survey link no longer accepts answers
 */
public record SurveySent(UUID invitationId, UUID surveyId, SurveyType type, @Nullable UUID ticketId, UUID customerId,
        @Nullable String agentId, @Nullable String team, Channel channel, Instant sentAt, Instant expiresAt) {
}
