package io.pharos.survey.mapping;

import java.util.Arrays;
import java.util.Locale;

import io.pharos.contracts.Channel;
import io.pharos.contracts.survey.Sentiment;
import io.pharos.contracts.survey.SurveyResponded;
import io.pharos.contracts.survey.SurveyType;
import io.pharos.survey.domain.SurveyResponse;

/** The survey's own vocabulary as the event contracts spell it. */
public final class SurveyEventMapping {

    private SurveyEventMapping() {
    }

    public static SurveyType type(io.pharos.survey.model.SurveyType type) {
        return SurveyType.valueOf(type.name());
    }

    /** A channel as the replicas and invitations keep it (lower-case) to the contracts' channel. */
    public static Channel channel(String channel) {
        return Channel.valueOf(channel.toUpperCase(Locale.ROOT));
    }

    public static SurveyResponded responded(SurveyResponse r) {
        return new SurveyResponded(r.id, r.definitionId, r.invitationId, type(r.type), r.scaleMin, r.scaleMax, r.score, r.normalized,
                r.ticketId, r.customerId, r.agentId, r.team, r.channel, r.comment,
                r.sentiment == null ? null : Sentiment.valueOf(r.sentiment.toUpperCase(Locale.ROOT)), Arrays.asList(r.themes),
                r.externalId, r.respondedAt);
    }
}
