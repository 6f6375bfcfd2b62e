package io.pharos.survey.graphql;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.pharos.testing.KeycloakTokens;
import io.pharos.testing.Supergraph;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * The survey subgraph: definitions for admins, responses imported over NDJSON and read back with
 * filters, the fields it adds to Ticket and Customer (asked the way the gateway asks, through
 * {@code _entities}, several at once), theme counts, and its SDL composing with ticket-service's.
 */
@QuarkusTest
class SurveyGraphQLTest {

    static ValidatableResponse graphql(String token, String query, Map<String, Object> variables) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("query", query, "variables", variables))
                .when().post("/graphql").then().statusCode(200);
    }

    static List<Map<String, Object>> importLines(String token, String ndjson) {
        return given().auth().oauth2(token).contentType("application/x-ndjson").body(ndjson.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/api/v1/responses/import").then().statusCode(200).extract().body().asString().lines()
                .map(line -> io.restassured.path.json.JsonPath.from(line).<String, Object> getMap("")).toList();
    }

    static String line(String externalId, UUID ticket, UUID customer, int score, String comment, Instant at) {
        return "{\"externalId\":\"" + externalId + "\",\"type\":\"CSAT\",\"score\":" + score + ",\"ticketId\":\"" + ticket
                + "\",\"customerId\":\"" + customer + "\",\"agentId\":\"anna\",\"channel\":\"email\",\"comment\":\"" + comment
                + "\",\"respondedAt\":\"" + at + "\"}";
    }

    @Test
    void importedHistoryIsReadBackPerTicketPerCustomerAndAsThemes() {
        String integrator = KeycloakTokens.integrator("acme");
        String run = UUID.randomUUID().toString();
        UUID customer = UUID.randomUUID();
        UUID ticketA = UUID.randomUUID();
        UUID ticketB = UUID.randomUUID();
        Instant base = Instant.parse("2021-03-01T10:00:00Z").plus((long) (Math.random() * 100_000), ChronoUnit.MINUTES);
        String ndjson = String.join("\n",
                line(run + "-1", ticketA, customer, 2, "I waited three days for a reply, far too slow", base),
                line(run + "-2", ticketA, customer, 4, "Better now, thanks", base.plusSeconds(3600)),
                "{not json",
                line(run + "-3", ticketB, customer, 9, "x", base.plusSeconds(7200)), // 9 is off the 1–5 scale
                line(run + "-4", ticketB, customer, 1, "Η χρέωση στον λογαριασμό είναι λάθος, πολύ αργή απάντηση", base.plusSeconds(9000)),
                line(run + "-1", ticketA, customer, 5, "a repeated line changes nothing", base));
        List<Map<String, Object>> results = importLines(integrator, ndjson);
        assertThat(results).extracting(r -> r.get("status")).containsExactly("created", "created", "failed", "failed", "created",
                "exists");
        assertThat(results.get(2)).extracting(r -> ((Map<?, ?>) r.get("error")).get("type")).isEqualTo("urn:pharos:problem:malformed-json");
        assertThat(results.get(3)).extracting(r -> ((Map<?, ?>) r.get("error")).get("type")).isEqualTo("urn:pharos:problem:score-out-of-scale");
        assertThat(results.get(5).get("id")).isEqualTo(results.get(0).get("id"));

        // what the gateway sends for ticket { satisfaction }: one _entities call for a whole page, plus a top-level field
        String anna = KeycloakTokens.user("anna");
        ValidatableResponse entities = graphql(anna, """
                query($reps: [_Any!]!, $customer: ID) {
                  _entities(representations: $reps) {
                    ... on Ticket { id satisfaction { score scale type comment respondedAt sentiment themes } }
                    ... on Customer { id surveyResponses { score ticket { id } } }
                  }
                  surveyResponses(first: 2, filter: {customerId: $customer}) { edges { node { score } } pageInfo { hasNextPage endCursor } }
                }""", Map.of("customer", customer.toString(), "reps", List.of(Map.of("__typename", "Ticket", "id", ticketA.toString()),
                Map.of("__typename", "Ticket", "id", ticketB.toString()), Map.of("__typename", "Ticket", "id", UUID.randomUUID().toString()),
                Map.of("__typename", "Customer", "id", customer.toString()))));
        entities.body("errors", nullValue())
                .body("data._entities[0].satisfaction.score", equalTo(4))
                .body("data._entities[0].satisfaction.scale", equalTo("1-5"))
                .body("data._entities[0].satisfaction.type", equalTo("CSAT"))
                .body("data._entities[1].satisfaction.score", equalTo(1))
                .body("data._entities[1].satisfaction.sentiment", equalTo("negative"))
                .body("data._entities[1].satisfaction.themes", equalTo(List.of("slow-reply", "billing")))
                .body("data._entities[2].satisfaction", nullValue())
                .body("data._entities[3].surveyResponses.score", equalTo(List.of(1, 4, 2)))
                .body("data._entities[3].surveyResponses[0].ticket.id", equalTo(ticketB.toString()))
                .body("data.surveyResponses.edges.node.score", equalTo(List.of(1, 4)))
                .body("data.surveyResponses.pageInfo.hasNextPage", equalTo(true));
        String cursor = entities.extract().path("data.surveyResponses.pageInfo.endCursor");
        graphql(anna, "query($c: ID, $after: String) { surveyResponses(first: 2, after: $after, filter: {customerId: $c}) "
                + "{ edges { node { score } } pageInfo { hasNextPage } } }", Map.of("c", customer.toString(), "after", cursor))
                .body("errors", nullValue()).body("data.surveyResponses.edges.node.score", equalTo(List.of(2)))
                .body("data.surveyResponses.pageInfo.hasNextPage", equalTo(false));

        // themes of that period, for supervisors; the same data is invisible to another tenant
        graphql(KeycloakTokens.user("sofia"), "query($from: DateTime!, $to: DateTime!) { topThemes(from: $from, to: $to) "
                + "{ theme count negative examples } }", Map.of("from", base.toString(), "to", base.plusSeconds(10_000).toString()))
                .body("errors", nullValue())
                .body("data.topThemes.find { it.theme == 'slow-reply' }.count", equalTo(2))
                .body("data.topThemes.find { it.theme == 'billing' }.examples[0]", equalTo("Η χρέωση στον λογαριασμό είναι λάθος, πολύ αργή απάντηση"));
        graphql(KeycloakTokens.user("gina"), "query($c: ID) { surveyResponses(filter: {customerId: $c}) { edges { node { id } } } }",
                Map.of("c", customer.toString())).body("data.surveyResponses.edges", hasSize(0));
    }

    @Test
    void integratorsRecordHistoricalResponsesOverGraphQL() {
        UUID customer = UUID.randomUUID();
        String mutation = "mutation($in: SurveyResponseInput!) { submitSurveyResponse(input: $in) { id type score scale "
                + "normalizedScore customer { id } } }";
        graphql(KeycloakTokens.integrator("acme"), mutation, Map.of("in", Map.of("type", "NPS", "score", 9, "customerId",
                customer.toString(), "respondedAt", "2024-05-02T08:00:00Z")))
                .body("errors", nullValue()).body("data.submitSurveyResponse.scale", equalTo("0-10"))
                .body("data.submitSurveyResponse.normalizedScore", equalTo(9.0f))
                .body("data.submitSurveyResponse.customer.id", equalTo(customer.toString()));
        graphql(KeycloakTokens.integrator("acme"), mutation, Map.of("in", Map.of("type", "CES", "score", 0, "customerId",
                customer.toString())))
                .body("data.submitSurveyResponse", nullValue()).body("errors[0].message", org.hamcrest.Matchers.containsString("1"));
        graphql(KeycloakTokens.user("anna"), mutation, Map.of("in", Map.of("type", "NPS", "score", 9, "customerId", customer.toString())))
                .body("data.submitSurveyResponse", nullValue()).body("errors[0].extensions.code", equalTo("forbidden"));
    }

    @Test
    void surveysAreDefinedByAdminsOnlyWithTypedErrors() {
        String id = graphql(KeycloakTokens.user("alex"), """
                mutation { createSurvey(input: {name: "Relationship NPS", type: NPS, trigger: RELATIONSHIP, intervalDays: 90, enabled: false,
                  texts: [{language: "en", question: "Would you recommend Acme?"}]}) { id type scaleMin scaleMax intervalDays enabled
                  texts { language question } } }""", Map.of())
                .body("errors", nullValue()).body("data.createSurvey.scaleMax", equalTo(10))
                .body("data.createSurvey.intervalDays", equalTo(90)).body("data.createSurvey.enabled", equalTo(false))
                .body("data.createSurvey.texts.find { it.language == 'el' }.question", org.hamcrest.Matchers.containsString("συστήσετε"))
                .extract().path("data.createSurvey.id");
        // found and replaced by its ID, given as a variable and inline; an ID that is no survey's is null / not found
        graphql(KeycloakTokens.user("sofia"), "query($id: ID!) { survey(id: $id) { id name } }", Map.of("id", id))
                .body("errors", nullValue()).body("data.survey.name", equalTo("Relationship NPS"));
        graphql(KeycloakTokens.user("alex"), "mutation { updateSurvey(id: \"" + id + "\", input: {name: \"Relationship NPS (yearly)\", type: NPS,"
                + " trigger: RELATIONSHIP, intervalDays: 365, enabled: false}) { id intervalDays } }", Map.of())
                .body("errors", nullValue()).body("data.updateSurvey.intervalDays", equalTo(365));
        graphql(KeycloakTokens.user("sofia"), "query($id: ID!) { survey(id: $id) { id } }", Map.of("id", "not-a-survey"))
                .body("errors", nullValue()).body("data.survey", nullValue());
        graphql(KeycloakTokens.user("anna"), "query($id: ID) { surveyResponses(first: 5, filter: {surveyId: $id}) { edges { node { id } } } }",
                Map.of("id", id)).body("errors", nullValue()).body("data.surveyResponses.edges", hasSize(0));
        graphql(KeycloakTokens.user("anna"), "{ surveyResponses(first: 5, filter: {ticketId: \"nope\"}) { edges { node { id } } } }", Map.of())
                .body("data.surveyResponses", nullValue()).body("errors[0].extensions.kind", equalTo("validation"));
        graphql(KeycloakTokens.user("anna"), "mutation { createSurvey(input: {name: \"x\", type: CSAT}) { id } }", Map.of())
                .body("data.createSurvey", nullValue()).body("errors[0].extensions.code", equalTo("forbidden"));
        graphql(KeycloakTokens.user("alex"), "mutation { createSurvey(input: {name: \"x\", type: CSAT, scaleMax: 7}) { id } }", Map.of())
                .body("data.createSurvey", nullValue()).body("errors[0].message", org.hamcrest.Matchers.containsString("scale"));
        graphql(KeycloakTokens.user("sofia"), "{ surveys { name type } surveyTypes { type maxScore } }", Map.of())
                .body("errors", nullValue()).body("data.surveys.name", org.hamcrest.Matchers.hasItem("Relationship NPS (yearly)"))
                .body("data.surveyTypes", hasSize(3));
    }

    @Test
    void theSubgraphIsTheCheckedInOneAndComposesWithTicketService() throws Exception {
        Supergraph.ensureTooling();
        String sdl = graphql(KeycloakTokens.user("anna"), "{ _service { sdl } }", Map.of()).extract().path("data._service.sdl");
        assertThat(sdl).contains("type Ticket @key(fields : \"id\")").contains("satisfaction: SurveyResponse");
        assertThat(Supergraph.drift("survey-service", sdl)).isNull();
        Supergraph.Result result = Supergraph.composeCheckedIn();
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(Files.readString(Supergraph.SUPERGRAPH)).contains("satisfaction: SurveyResponse @join__field(graph: SURVEY_SERVICE)")
                .contains("ticketChanged");
    }
}
