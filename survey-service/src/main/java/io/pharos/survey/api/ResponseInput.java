package io.pharos.survey.api;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.Size;

import io.pharos.survey.model.SurveyType;

/**
 * A response from an API client: either the invitation's {@code token} (and the score), or, for
 * history without an invitation, the survey type/scale and the ticket/customer it belongs to.
 */
public record ResponseInput(@Size(max = 200) String token, Integer score, @Size(max = 5000) String comment,
        SurveyType type, Integer scaleMax, UUID surveyId, UUID ticketId, UUID customerId, String agentId, String team,
        String channel, Instant respondedAt, @Size(max = 200) String externalId) {
}
