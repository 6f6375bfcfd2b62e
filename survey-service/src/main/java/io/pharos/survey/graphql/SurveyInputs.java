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
    @Description("A survey's texts in one language")
    public record TextInput(
            @Description("ISO 639-1") @NonNull @NotBlank @Size(max = 10) String language,
            @Description("The question of the score") @NonNull @NotBlank @Size(max = 500) String question,
            @Description("Asked after the score") @Size(max = 500) String followUp,
            @Description("Shown once answered") @Size(max = 500) String thanks) {
    }

    @Name("SurveyInput")
    @Description("A survey definition; omitted values take the usual defaults (standard scale, 1 hour after the solve, "
            + "the ticket's channel, 7 days throttle, links valid 7 days)")
    public record SurveyInput(
            @Description("Name shown to admins") @NonNull @NotBlank @Size(max = 200) String name,
            @Description("CSAT, NPS or CES") @NonNull @NotNull SurveyType type,
            @Description("Highest score; the type's standard scale when not given") Integer scaleMax,
            @Description("Question, follow-up and thanks per language") List<@Valid TextInput> texts,
            @Description("What sends it") SurveyDefinition.Trigger trigger,
            @Description("Wait after the trigger before inviting") @Min(0) @Max(30 * 24 * 3600) Integer delaySeconds,
            @Description("Only tickets of these channels (empty: any)") List<String> channels,
            @Description("Only tickets with one of these tags (empty: any)") List<String> tags,
            @Description("Channel the invitation goes out on") SurveyDefinition.SendVia sendVia,
            @Description("Invite a customer at most once per this many days") @Min(0) @Max(365) Integer throttleDays,
            @Description("How long a link stays valid") @Min(1) @Max(90 * 24) Integer expiryHours,
            @Description("Relationship surveys: days between invitations to one customer") @Min(1) @Max(3650) Integer intervalDays,
            @Description("Whether it sends invitations") Boolean enabled) {

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
    @Description("Which survey responses to list; all given conditions must hold")
    public record Filter(
            @Description("Answers to this survey") @Id String surveyId,
            @Description("CSAT, NPS or CES") SurveyType type,
            @Description("Answers about this ticket") @Id String ticketId,
            @Description("Answers of this customer") @Id String customerId,
            @Description("Answers about this agent's tickets") String agentId,
            @Description("Answers about this team's tickets") String team,
            @Description("Answers about tickets of this channel") String channel,
            @Description("positive, neutral or negative comments") String sentiment,
            @Description("Comments of this theme") String theme,
            @Description("Scores from") Integer minScore,
            @Description("Scores up to") Integer maxScore,
            Instant from,
            Instant to) {

        ResponseFilter toFilter() {
            return new ResponseFilter(GraphQLIds.field("surveyId", surveyId), type, GraphQLIds.field("ticketId", ticketId),
                    GraphQLIds.field("customerId", customerId), agentId, team, channel, sentiment, theme, minScore, maxScore, from, to);
        }
    }

    @Name("SurveyResponseInput")
    @Description("A response: the invitation's token and a score, or for history without an invitation the type, "
            + "ticketId, ticketExternalId or customerId and respondedAt")
    public record ResponseIn(
            @Description("The invitation's token") @Size(max = 200) String token,
            @Description("The score given") @NonNull Integer score,
            @Description("The customer's words") @Size(max = 5000) String comment,
            @Description("History: CSAT, NPS or CES") SurveyType type,
            @Description("History: highest score of the scale") Integer scaleMax,
            @Description("History: the survey answered") @Id String surveyId,
            @Description("History: the ticket answered about") @Id String ticketId,
            @Description("History: the ticket answered about, by the externalId its import kept") @Size(max = 200) String ticketExternalId,
            @Description("History: the customer who answered") @Id String customerId,
            @Description("History: the agent of the ticket") String agentId,
            @Description("History: the team of the ticket") String team,
            @Description("History: the channel of the ticket") String channel,
            Instant respondedAt,
            @Description("History: id in the old system (an import can run again)") @Size(max = 200) String externalId) {

        ResponseInput toInput() {
            return new ResponseInput(token, score, comment, type, scaleMax, GraphQLIds.field("surveyId", surveyId),
                    GraphQLIds.field("ticketId", ticketId), ticketExternalId, GraphQLIds.field("customerId", customerId), agentId, team, channel,
                    respondedAt, externalId);
        }
    }
}
