package io.pharos.survey.graphql;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import io.pharos.survey.api.ResponseDto;
import io.pharos.survey.api.SurveyDefinitionDto;
import io.pharos.survey.api.ThemeCount;
import io.pharos.survey.domain.SurveyDefinition;
import io.pharos.survey.model.SurveyType;
import io.smallrye.graphql.api.federation.FieldSet;
import io.smallrye.graphql.api.federation.Key;
import io.smallrye.graphql.api.federation.Shareable;

/** The types of the survey subgraph: plain records built from the service DTOs. */
final class SurveyNodes {

    private SurveyNodes() {
    }

    @Name("Ticket")
    @Key(fields = @FieldSet("id"))
    // no description: the owner's (ticket-service) is the one the supergraph shows
    public record TicketRef(@Description("Ticket id") @Id @NonNull UUID id) {
    }

    @Name("Customer")
    @Key(fields = @FieldSet("id"))
    // no description: the owner's (ticket-service) is the one the supergraph shows
    public record CustomerRef(@Description("Customer id") @Id @NonNull UUID id) {
    }

    @Name("SurveyText")
    @Description("What the customer reads, in one language")
    public record Text(
            @Description("ISO 639-1") @NonNull String language,
            @Description("The question of the score") @NonNull String question,
            @Description("Asked after the score") String followUp,
            @Description("Shown once answered") String thanks) {
    }

    @Name("Survey")
    @Description("A survey definition: what is asked, when, over which channel, how often")
    public record Survey(
            @Description("Survey id") @Id @NonNull UUID id,
            @Description("Name shown to admins") @NonNull String name,
            @Description("CSAT, NPS or CES") @NonNull SurveyType type,
            @Description("Lowest score") int scaleMin,
            @Description("Highest score") int scaleMax,
            @Description("Question, follow-up and thanks per language") @NonNull List<@NonNull Text> texts,
            @Description("What sends it") @NonNull SurveyDefinition.Trigger trigger,
            @Description("Seconds after the trigger (solve) before the invitation goes out") int delaySeconds,
            @Description("Only tickets of these channels (empty: all)") @NonNull List<@NonNull String> channels,
            @Description("Only tickets with one of these tags (empty: all)") @NonNull List<@NonNull String> tags,
            @Description("Channel the invitation goes out on") @NonNull SurveyDefinition.SendVia sendVia,
            @Description("At most one survey per customer per this many days, across all surveys") int throttleDays,
            @Description("Hours an invitation link stays valid") int expiryHours,
            @Description("Relationship surveys: days between two invitations to an active customer") Integer intervalDays,
            @Description("Whether it sends invitations") boolean enabled,
            @NonNull Instant createdAt,
            @NonNull Instant updatedAt,
            @Description("Increases with every change") long version) {

        static Survey of(SurveyDefinitionDto d) {
            List<Text> texts = d.texts().entrySet().stream()
                    .map(e -> new Text(e.getKey(), e.getValue().question(), e.getValue().followUp(), e.getValue().thanks())).toList();
            return new Survey(d.id(), d.name(), d.type(), d.scaleMin(), d.scaleMax(), texts, d.trigger(), d.delaySeconds(),
                    d.channels(), d.tags(), d.sendVia(), d.throttleDays(), d.expiryHours(), d.intervalDays(), d.enabled(),
                    d.createdAt(), d.updatedAt(), d.version());
        }
    }

    @Name("SurveyResponse")
    @Description("One customer's answer to a survey, with its analysed comment")
    public record Response(
            @Description("Response id") @Id @NonNull UUID id,
            @Description("The survey answered") @Id UUID surveyId,
            @Description("CSAT, NPS or CES") @NonNull SurveyType type,
            @Description("The score given") int score,
            @NonNull @Description("The scale answered on, e.g. \"1-5\"") String scale,
            @Description("Lowest score of the scale") int scaleMin,
            @Description("Highest score of the scale") int scaleMax,
            @Description("The score on a 0–10 scale, comparable across surveys") double normalizedScore,
            @Description("The customer's words") String comment,
            @Description("positive, neutral or negative; null without a comment") String sentiment,
            @Description("Themes found in the comment") @NonNull List<@NonNull String> themes,
            @NonNull @Description("The words that decided sentiment and themes") List<@NonNull String> matchedWords,
            @Description("The agent who handled the ticket") String agentId,
            @Description("Team of the ticket") String team,
            @Description("Channel of the ticket") String channel,
            @Description("Id in the system it was imported from") String externalId,
            @NonNull Instant respondedAt,
            @Ignore UUID ticketId,
            @Ignore UUID customerId) {

        static Response of(ResponseDto r) {
            return r == null ? null : new Response(r.id(), r.surveyId(), r.type(), r.score(), r.scaleMin() + "-" + r.scaleMax(),
                    r.scaleMin(), r.scaleMax(), r.normalizedScore(), r.comment(), r.sentiment(), r.themes(), r.matchedWords(),
                    r.agentId(), r.team(), r.channel(), r.externalId(), r.respondedAt(), r.ticketId(), r.customerId());
        }
    }

    @Name("SurveyResponseConnection")
    @Description("A page of survey responses, newest first (Relay connection)")
    public record Responses(
            @Description("The responses of this page") @NonNull List<@NonNull ResponseEdge> edges,
            @Description("Where the page ends") @NonNull PageInfo pageInfo) {
    }

    @Name("SurveyResponseEdge")
    @Description("A survey response of a connection page, with its cursor")
    public record ResponseEdge(
            @Description("Position of this response, for after") @NonNull String cursor,
            @Description("The response") @NonNull Response node) {
    }

    @Name("PageInfo")
    @Shareable
    @Description("Where a page of a connection ends and whether more follow (Relay)")
    public record PageInfo(
            @Description("Whether more edges follow") boolean hasNextPage,
            @Description("Cursor of the last edge: pass it as after for the next page") String endCursor) {
    }

    @Name("ThemeCount")
    @Description("How often a theme came up in the comments of a period")
    public record Theme(@Description("Theme") @NonNull String theme, @Description("Comments of the theme") long count,
            @Description("Of those, comments with a negative sentiment") long negative,
            @NonNull @Description("The newest comments that show it") List<@NonNull String> examples) {

        static Theme of(ThemeCount t) {
            return new Theme(t.theme(), t.count(), t.negative(), t.examples());
        }
    }
}
