package io.pharos.contracts.survey;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.pharos.contracts.Nullable;

/**
 * {@code pharos.survey.responded}: a customer answered a survey, or changed or commented their answer
 * (the same {@code responseId} again, the latest {@code respondedAt} wins). The event key is the
 * ticket, else the customer, else the response.
 *
 * @param surveyId null for imported history that names no survey definition
 * @param invitationId null for answers that came without an invitation (API, import)
 * @param normalizedScore the score mapped onto 0..10 over the scale, so that scales compare
 * @param channel lower-case; open because imported history may carry channels of other tools
 * @param sentiment of the comment; null without one
 * @param themes of the comment; empty without one
 * @param externalId the id in the tool an imported response came from
 */
public record SurveyResponded(UUID responseId, @Nullable UUID surveyId, @Nullable UUID invitationId, SurveyType type, int scaleMin,
        int scaleMax, int score, double normalizedScore, @Nullable UUID ticketId, @Nullable UUID customerId, @Nullable String agentId,
        @Nullable String team, @Nullable String channel, @Nullable String comment, @Nullable Sentiment sentiment, List<String> themes,
        @Nullable String externalId, Instant respondedAt) {
}
