package io.pharos.survey.rest;

import static io.pharos.survey.service.TicketEventFixtures.customer;
import static io.pharos.survey.service.TicketEventFixtures.publishHistorical;
import static io.pharos.survey.service.TicketEventFixtures.ticket;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.survey.service.TicketEventFixtures;
import io.pharos.testing.KafkaEvents;
import io.pharos.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Survey answers imported by the ticket's external id (the id the ticket import kept), their
 * events marked historical, and every result line echoing its externalId (issue 20).
 */
@QuarkusTest
@SuppressWarnings("unchecked")
class ResponseImportByExternalIdTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void consumerReady() {
        TicketEventFixtures.awaitConsumer();
    }

    @Test
    void anAnswerNamesItsTicketByExternalIdAndTakesItsChannelTeamAndAgent() throws Exception {
        String run = UUID.randomUUID().toString();
        String ticketId = UUID.randomUUID().toString();
        String ticketExternalId = "zd-" + run;
        String customer = customer("en");
        Map<String, Object> t = new HashMap<>((Map<String, Object>) ticket(ticketId, customer, "solved", "t-" + run).get("ticket"));
        t.put("externalId", ticketExternalId);
        t.put("channel", "whatsapp");
        t.put("assigneeId", "maria");
        t.put("team", "billing");
        try (KafkaEvents kafka = new KafkaEvents("pharos.survey.events")) {
            publishHistorical("acme", "pharos.ticket.solved", ticketId, Map.of("ticket", t));
            String line = "{\"externalId\":\"ans-" + run + "\",\"type\":\"CSAT\",\"score\":4,\"ticketExternalId\":\"" + ticketExternalId
                    + "\",\"respondedAt\":\"2025-02-01T10:00:00Z\"}";
            // until the ticket's events arrived the line is a 409 to retry; then it is imported
            JsonNode created = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() -> {
                JsonNode result = importLines(line).get(0);
                if ("failed".equals(result.path("status").asText())) {
                    assertThat(result.path("error").path("status").asInt()).isEqualTo(409);
                    assertThat(result.path("error").path("type").asText()).endsWith("ticket-not-yet-known");
                    assertThat(result.path("externalId").asText()).isEqualTo("ans-" + run);
                }
                return result;
            }, r -> "created".equals(r.path("status").asText()));
            assertThat(created.path("externalId").asText()).isEqualTo("ans-" + run);
            String id = created.path("id").asText();
            given().auth().oauth2(KeycloakTokens.integrator("acme")).get("/api/v1/responses/" + id).then().statusCode(200)
                    .body("ticketId", equalTo(ticketId)).body("customerId", equalTo(customer)).body("channel", equalTo("whatsapp"))
                    .body("team", equalTo("billing")).body("agentId", equalTo("maria"));
            // another tenant does not see acme's external ids
            JsonNode elsewhere = JSON.readTree(given().auth().oauth2(KeycloakTokens.integrator("globex")).contentType("application/x-ndjson")
                    .body(line.replace("ans-", "globex-ans-").getBytes(StandardCharsets.UTF_8)).post("/api/v1/responses/import").then().statusCode(200).extract().asString());
            assertThat(elsewhere.path("error").path("type").asText()).endsWith("ticket-not-yet-known");

            // the import's event is history; analytics projects it like a live one
            KafkaEvents.Event responded = kafka.await(e -> e.type().equals("pharos.survey.responded") && ticketId.equals(e.key()), 1,
                    Duration.ofSeconds(20)).get(0);
            assertThat(responded.cloudEvent().path("historical").asBoolean()).isTrue();
            assertThat(responded.cloudEvent().path("data").path("channel").asText()).isEqualToIgnoringCase("whatsapp");

            // a line given again answers exists, still echoing its externalId; the line's own values win over the ticket's
            List<JsonNode> again = importLines(line, "{\"externalId\":\"own-" + run + "\",\"type\":\"CSAT\",\"score\":2,\"ticketExternalId\":\""
                    + ticketExternalId + "\",\"team\":\"sales\",\"respondedAt\":\"2025-02-02T10:00:00Z\"}");
            assertThat(again.get(0).path("status").asText()).isEqualTo("exists");
            assertThat(again.get(0).path("externalId").asText()).isEqualTo("ans-" + run);
            assertThat(again.get(1).path("status").asText()).isEqualTo("created");
            given().auth().oauth2(KeycloakTokens.integrator("acme")).get("/api/v1/responses/" + again.get(1).path("id").asText())
                    .then().statusCode(200).body("team", equalTo("sales")).body("agentId", equalTo("maria"));

            // a live answer through the API is no history
            String live = given().auth().oauth2(KeycloakTokens.integrator("acme")).contentType(ContentType.JSON)
                    .body(Map.of("type", "CSAT", "score", 5, "ticketExternalId", ticketExternalId)).post("/api/v1/responses")
                    .then().statusCode(201).body("ticketId", equalTo(ticketId)).extract().path("id");
            KafkaEvents.Event liveEvent = kafka.await(e -> e.type().equals("pharos.survey.responded")
                    && live.equals(e.cloudEvent().path("data").path("responseId").asText()), 1, Duration.ofSeconds(20)).get(0);
            assertThat(liveEvent.cloudEvent().path("historical").asBoolean()).as(liveEvent.cloudEvent().toString()).isFalse();

            // GraphQL shares the input: the ticket by its external id
            given().auth().oauth2(KeycloakTokens.integrator("acme")).contentType(ContentType.JSON)
                    .body(Map.of("query", "mutation($x: String) { submitSurveyResponse(input: {type: CSAT, score: 3, ticketExternalId: $x}) "
                            + "{ team agentId channel } }", "variables", Map.of("x", ticketExternalId)))
                    .post("/graphql").then().statusCode(200).body("data.submitSurveyResponse.team", equalTo("billing"))
                    .body("data.submitSurveyResponse.agentId", equalTo("maria"));

            // ticketId and ticketExternalId naming different tickets: 422
            JsonNode mismatch = importLines("{\"externalId\":\"mm-" + run + "\",\"type\":\"CSAT\",\"score\":4,\"ticketId\":\""
                    + UUID.randomUUID() + "\",\"ticketExternalId\":\"" + ticketExternalId + "\",\"respondedAt\":\"2025-02-01T10:00:00Z\"}").get(0);
            assertThat(mismatch.path("error").path("status").asInt()).isEqualTo(422);
            assertThat(mismatch.path("error").path("type").asText()).endsWith("ticket-mismatch");
            assertThat(mismatch.path("externalId").asText()).isEqualTo("mm-" + run);
        }
    }

    @Test
    void everyResultLineEchoesItsExternalIdFailedOnesToo() throws Exception {
        String run = UUID.randomUUID().toString();
        List<JsonNode> results = importLines(
                "{\"externalId\":\"ok-" + run + "\",\"type\":\"NPS\",\"score\":9,\"customerId\":\"" + UUID.randomUUID()
                        + "\",\"respondedAt\":\"2025-01-01T00:00:00Z\"}",
                "{\"externalId\":\"unknown-" + run + "\",\"type\":\"CSAT\",\"score\":4,\"ticketExternalId\":\"nowhere-" + run
                        + "\",\"respondedAt\":\"2025-01-01T00:00:00Z\"}",
                "{\"externalId\":\"badscore-" + run + "\",\"type\":\"CSAT\",\"score\":\"lots\",\"customerId\":\"" + UUID.randomUUID() + "\"}",
                "{\"externalId\":\"nocontext-" + run + "\",\"type\":\"CSAT\",\"score\":4,\"respondedAt\":\"2025-01-01T00:00:00Z\"}",
                "{\"externalId\":\"broken-" + run + "\",",
                "[\"not an object\"]");
        assertThat(results).extracting(r -> r.path("status").asText())
                .containsExactly("created", "failed", "failed", "failed", "failed", "failed");
        assertThat(results).extracting(r -> r.path("externalId").asText(null))
                .containsExactly("ok-" + run, "unknown-" + run, "badscore-" + run, "nocontext-" + run, null, null);
        assertThat(results.get(1).path("error").path("status").asInt()).isEqualTo(409);
        assertThat(results.get(2).path("error").path("status").asInt()).isEqualTo(400);
        assertThat(results.get(3).path("error").path("type").asText()).endsWith("missing-context");
    }

    private static List<JsonNode> importLines(String... lines) throws Exception {
        String body = given().auth().oauth2(KeycloakTokens.integrator("acme")).contentType("application/x-ndjson")
                .body(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)).post("/api/v1/responses/import").then().statusCode(200)
                .extract().asString();
        List<JsonNode> results = new java.util.ArrayList<>();
        for (String l : body.split("\n")) {
            results.add(JSON.readTree(l));
        }
        return results;
    }
}
