package io.pharos.survey.graphql;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import io.pharos.commons.graphql.GraphQLIds;
import io.pharos.survey.api.ResponseFilter;
import io.pharos.survey.api.ResponseInput;
import io.pharos.survey.api.SurveyDefinitionInput;
import io.pharos.survey.api.SurveyTexts;
import io.pharos.survey.domain.SurveyDefinition;
import io.pharos.survey.model.SurveyType;

/** GraphQL inputs, mapped onto the service's input records. */
final class SurveyInputs {

    private SurveyInputs() {
    }

    @Name("SurveyTextInput")
    public record TextInput(@NonNull @NotBlank @Size(max = 10) String language, @NonNull @NotBlank @Size(max = 500) String question,
            @Size(max = 500) String followUp, @Size(max = 500) String thanks) {
    }

    @Name("SurveyInput")
    @Description("A survey definition; omitted values take the usual defaults (standard scale, 1 hour after the solve, "
            + "the ticket's channel, 7 days throttle, links valid 7 days)")
    public record SurveyInput(@NonNull @NotBlank @Size(max = 200) String name, @NonNull @NotNull SurveyType type, Integer scaleMax,
            List<@Valid TextInput> texts, SurveyDefinition.Trigger trigger, @Min(0) @Max(30 * 24 * 3600) Integer delaySeconds,
            List<String> channels, List<String> tags, SurveyDefinition.SendVia sendVia, @Min(0) @Max(365) Integer throttleDays,
            @Min(1) @Max(90 * 24) Integer expiryHours, @Min(1) @Max(3650) Integer intervalDays, Boolean enabled) {

        SurveyDefinitionInput toInput() {
            java.util.Map<String, SurveyTexts> map = texts == null ? null : new java.util.LinkedHashMap<>();
            if (texts != null) {
                texts.forEach(t -> map.put(t.language(), new SurveyTexts(t.question(), t.followUp(), t.thanks())));
            }
            return new SurveyDefinitionInput(name, type, scaleMax, map, trigger, delaySeconds, channels, tags, sendVia, throttleDays,
                    expiryHours, intervalDays, enabled);
        }
    }

    @Name("SurveyResponseFilter")
    public record Filter(@Id String surveyId, SurveyType type, @Id String ticketId, @Id String customerId, String agentId, String team,
            String channel, String sentiment, String theme, Integer minScore, Integer maxScore, Instant from, Instant to) {

        ResponseFilter toFilter() {
            return new ResponseFilter(GraphQLIds.field("surveyId", surveyId), type, GraphQLIds.field("ticketId", ticketId),
                    GraphQLIds.field("customerId", customerId), agentId, team, channel, sentiment, theme, minScore, maxScore, from, to);
        }
    }

    @Name("SurveyResponseInput")
    @Description("A response: the invitation's token and a score, or for history without an invitation the type, "
            + "ticketId or customerId and respondedAt")
    public record ResponseIn(@Size(max = 200) String token, @NonNull Integer score, @Size(max = 5000) String comment,
            SurveyType type, Integer scaleMax, @Id String surveyId, @Id String ticketId, @Id String customerId, String agentId,
            String team, String channel, Instant respondedAt, @Size(max = 200) String externalId) {

        ResponseInput toInput() {
            return new ResponseInput(token, score, comment, type, scaleMax, GraphQLIds.field("surveyId", surveyId),
                    GraphQLIds.field("ticketId", ticketId), GraphQLIds.field("customerId", customerId), agentId, team, channel,
                    respondedAt, externalId);
        }
    }
}
