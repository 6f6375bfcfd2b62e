package io.pharos.survey.api;

import java.time.Instant;
import java.util.UUID;

import io.pharos.survey.model.SurveyType;

/** Which responses to list; every criterion is optional and they combine with AND. */
public record ResponseFilter(UUID surveyId, SurveyType type, UUID ticketId, UUID customerId, String agentId, String team,
        String channel, String sentiment, String theme, Integer minScore, Integer maxScore, Instant from, Instant to) {

    public static final ResponseFilter NONE = new ResponseFilter(null, null, null, null, null, null, null, null, null, null, null,
            null, null);
}
