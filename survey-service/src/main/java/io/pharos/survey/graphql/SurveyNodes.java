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
    public record TicketRef(@Id @NonNull UUID id) {
    }

    @Name("Customer")
    @Key(fields = @FieldSet("id"))
    // no description: the owner's (ticket-service) is the one the supergraph shows
    public record CustomerRef(@Id @NonNull UUID id) {
    }

    @Name("SurveyText")
    @Description("What the customer reads, in one language")
    public record Text(@NonNull String language, @NonNull String question, String followUp, String thanks) {
    }

    @Name("Survey")
    @Description("A survey definition: what is asked, when, over which channel, how often")
    public record Survey(@Id @NonNull UUID id, @NonNull String name, @NonNull SurveyType type, int scaleMin, int scaleMax,
            @NonNull List<@NonNull Text> texts, @NonNull SurveyDefinition.Trigger trigger,
            @Description("Seconds after the trigger (solve) before the invitation goes out") int delaySeconds,
            @Description("Only tickets of these channels (empty: all)") @NonNull List<@NonNull String> channels,
            @Description("Only tickets with one of these tags (empty: all)") @NonNull List<@NonNull String> tags,
            @NonNull SurveyDefinition.SendVia sendVia,
            @Description("At most one survey per customer per this many days, across all surveys") int throttleDays,
            @Description("Hours an invitation link stays valid") int expiryHours,
            @Description("Relationship surveys: days between two invitations to an active customer") Integer intervalDays,
            boolean enabled, @NonNull Instant createdAt, @NonNull Instant updatedAt, long version) {

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
    public record Response(@Id @NonNull UUID id, @Id UUID surveyId, @NonNull SurveyType type, int score,
            @NonNull @Description("The scale answered on, e.g. \"1-5\"") String scale, int scaleMin, int scaleMax,
            @Description("The score on a 0–10 scale, comparable across surveys") double normalizedScore,
            String comment, @Description("positive, neutral or negative; null without a comment") String sentiment,
            @NonNull List<@NonNull String> themes,
            @NonNull @Description("The words that decided sentiment and themes") List<@NonNull String> matchedWords,
            @Description("The agent who handled the ticket") String agentId, String team, String channel, String externalId,
            @NonNull Instant respondedAt, @Ignore UUID ticketId, @Ignore UUID customerId) {

        static Response of(ResponseDto r) {
            return r == null ? null : new Response(r.id(), r.surveyId(), r.type(), r.score(), r.scaleMin() + "-" + r.scaleMax(),
                    r.scaleMin(), r.scaleMax(), r.normalizedScore(), r.comment(), r.sentiment(), r.themes(), r.matchedWords(),
                    r.agentId(), r.team(), r.channel(), r.externalId(), r.respondedAt(), r.ticketId(), r.customerId());
        }
    }

    @Name("SurveyResponseConnection")
    @Description("A page of survey responses, newest first (Relay connection)")
    public record Responses(@NonNull List<@NonNull ResponseEdge> edges, @NonNull PageInfo pageInfo) {
    }

    @Name("SurveyResponseEdge")
    public record ResponseEdge(@NonNull String cursor, @NonNull Response node) {
    }

    @Name("PageInfo")
    @Shareable
    public record PageInfo(boolean hasNextPage, String endCursor) {
    }

    @Name("ThemeCount")
    @Description("How often a theme came up in the comments of a period")
    public record Theme(@NonNull String theme, long count,
            @Description("Of those, comments with a negative sentiment") long negative,
            @NonNull @Description("The newest comments that show it") List<@NonNull String> examples) {

        static Theme of(ThemeCount t) {
            return new Theme(t.theme(), t.count(), t.negative(), t.examples());
        }
    }
}
