package io.pharos.survey.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.pharos.survey.model.SurveyType;

public record ResponseDto(UUID id, UUID surveyId, UUID invitationId, SurveyType type, int scaleMin, int scaleMax, int score,
        double normalizedScore, String comment, String sentiment, List<String> themes, List<String> matchedWords,
        UUID ticketId, UUID customerId, String agentId, String team, String channel, String externalId,
        Instant respondedAt) {
}
