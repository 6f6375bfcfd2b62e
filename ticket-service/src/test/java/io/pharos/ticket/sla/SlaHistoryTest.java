package io.pharos.ticket.sla;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.testing.KafkaEvents;
import io.pharos.testing.KeycloakTokens;
import io.pharos.testing.Ndjson;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * SLA clocks of imported history, replayed from the timeline, and recomputed after the calendar
 * changed: an Athens office (Monday to Friday), a first response due in 2 business hours and a
 * resolution in 8. The ticket: Monday 10 March 2025, the customer writes at 09:00, an agent replies
 * at 12:00, it is solved at 13:00.
 */
@QuarkusTest
class SlaHistoryTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ACME = KeycloakTokens.integrator("acme");
    static final String ALEX = KeycloakTokens.user("alex");

    static List<Map<String, String>> weekdays(String start, String end) {
        return List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY").stream()
                .map(d -> Map.of("day", d, "start", start, "end", end)).toList();
    }

    static String line(String tag, String externalId, String policy) throws Exception {
        Map<String, Object> line = new HashMap<>(Map.of("subject", "Broken on arrival", "channel", "email", "tags", List.of(tag),
                "externalId", externalId, "createdAt", SettableTime.athens("2025-03-10T09:00").toString(),
                "requester", Map.of("name", "Eleni P.", "email", "h-" + UUID.randomUUID() + "@example.test"),
                "messages", List.of(
                        Map.of("author", "customer", "text", "It arrived broken.", "createdAt", SettableTime.athens("2025-03-10T09:00").toString()),
                        Map.of("author", "agent", "text", "A new one is on its way.", "createdAt", SettableTime.athens("2025-03-10T12:00").toString())),
                "statusChanges", List.of(Map.of("status", "solved", "at", SettableTime.athens("2025-03-10T13:00").toString()))));
        if (policy != null) {
            line.put("slaPolicy", policy);
        }
        return JSON.writeValueAsString(line);
    }

    static List<JsonNode> importLines(String body) {
        return Ndjson.parse(given().auth().oauth2(ACME).contentType("application/x-ndjson").body(body.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/tickets/import").then().statusCode(200).extract().asString());
    }

    static String imported(String line) {
        JsonNode result = importLines(line + "\n").getFirst();
        assertThat(result.path("status").asText()).as(result.toString()).isEqualTo("created");
        return result.path("id").asText();
    }

    static JsonPath sla(String ticket) {
        return given().auth().oauth2(KeycloakTokens.user("anna")).get("/api/v1/tickets/" + ticket).then().statusCode(200)
                .extract().jsonPath().setRootPath("slaStatus");
    }

    @Test
    void importedHistoryHasTheClocksItsTimelineGivesAndARecomputationFollowsTheNewCalendar() throws Exception {
        String tag = "slah-" + UUID.randomUUID();
        String calendar = given().auth().oauth2(ALEX).contentType(ContentType.JSON)
                .body(Map.of("name", "Office " + tag, "timeZone", "Europe/Athens", "intervals", weekdays("09:00", "17:00")))
                .post("/api/v1/calendars").then().statusCode(201).extract().path("id");
        String policy = "History " + tag;
        given().auth().oauth2(ALEX).contentType(ContentType.JSON)
                .body(Map.of("name", policy, "position", 0, "tags", List.of(tag), "calendarId", calendar,
                        "firstResponse", Map.of("minutes", 120), "resolution", Map.of("minutes", 8 * 60)))
                .post("/api/v1/sla/policies").then().statusCode(201);

        String ticket;
        try (KafkaEvents kafka = new KafkaEvents("pharos.ticket.events")) {
            ticket = imported(line(tag, "h1-" + tag, null));
            // 09:00–17:00: the reply at 12:00 came an hour after the first response was due
            JsonPath sla = sla(ticket);
            assertThat(sla.getString("firstResponse.state")).isEqualTo("breached");
            assertThat(Instant.parse(sla.getString("firstResponse.dueAt"))).isEqualTo(SettableTime.athens("2025-03-10T11:00"));
            assertThat(sla.getString("firstResponse.policy")).isEqualTo(policy);
            assertThat(sla.getString("resolution.state")).isEqualTo("met"); // 4 of 8 hours
            // the outcomes travel to analytics in the ticket's last event
            JsonNode clocks = kafka.await(KafkaEvents.about(ticket).and(e -> e.type().equals("pharos.ticket.updated")), 1, Duration.ofSeconds(30))
                    .getFirst().cloudEvent().path("data").path("slaClocks");
            assertThat(clocks.toString()).containsIgnoringCase("\"target\":\"first_response\"");
            JsonNode first = null;
            for (JsonNode c : clocks) {
                if (c.path("target").asText().equalsIgnoreCase("first_response")) {
                    first = c;
                }
            }
            assertThat(first).isNotNull();
            assertThat(first.path("state").asText()).isEqualToIgnoringCase("breached");
            assertThat(first.path("everBreached").asBoolean()).isTrue();
            assertThat(Instant.parse(first.path("dueAt").asText())).isEqualTo(SettableTime.athens("2025-03-10T11:00"));
            assertThat(Instant.parse(first.path("fulfilledAt").asText())).isEqualTo(SettableTime.athens("2025-03-10T12:00"));
        }
        // no breach was signalled for history, and none is left for the monitor
        assertThat(sla(ticket).getString("nextReply")).isNull();

        // a policy the line names must exist
        JsonNode unknown = importLines(line(tag, "h2-" + tag, "No such policy " + tag) + "\n").getFirst();
        assertThat(unknown.path("status").asText()).isEqualTo("failed");
        assertThat(unknown.path("error").path("status").asInt()).isEqualTo(422);
        // and is used when it does (here the same one)
        assertThat(sla(imported(line(tag, "h3-" + tag, policy))).getString("firstResponse.state")).isEqualTo("breached");

        // the office now opens at 10:00: the first response was due at 12:00, and the reply then met it
        given().auth().oauth2(ALEX).contentType(ContentType.JSON)
                .body(Map.of("name", "Office " + tag, "timeZone", "Europe/Athens", "intervals", weekdays("10:00", "18:00")))
                .put("/api/v1/calendars/" + calendar).then().statusCode(200);
        assertThat(sla(ticket).getString("firstResponse.state")).isEqualTo("breached"); // until recomputed
        String job;
        try (KafkaEvents kafka = new KafkaEvents("pharos.ticket.events")) {
            job = given().auth().oauth2(ACME).contentType(ContentType.JSON).body(Map.of("from", "2025-03-10", "to", "2025-03-11"))
                    .post("/api/v1/sla/recompute").then().statusCode(202).extract().path("id");
            JsonPath progress = null;
            for (int i = 0; i < 120; i++) {
                progress = given().auth().oauth2(ACME).get("/api/v1/sla/recompute/" + job).then().statusCode(200).extract().jsonPath();
                if (!progress.getString("status").equals("running")) {
                    break;
                }
                Thread.sleep(250);
            }
            assertThat(progress.getString("status")).isEqualTo("done");
            assertThat(progress.getInt("done")).isEqualTo(progress.getInt("total")).isGreaterThanOrEqualTo(2);
            assertThat(progress.getInt("failed")).isZero();
            assertThat(Instant.parse(progress.getString("from"))).isEqualTo(SettableTime.athens("2025-03-10T00:00"));
            assertThat(progress.getString("finishedAt")).isNotNull();
            KafkaEvents.Event event = kafka.await(KafkaEvents.about(ticket).and(e -> e.type().equals("pharos.ticket.updated")), 1,
                    Duration.ofSeconds(30)).getFirst();
            assertThat(event.cloudEvent().path("historical").asBoolean()).as(event.cloudEvent().toString()).isTrue();
            assertThat(event.cloudEvent().path("data").path("slaClocks").toString()).containsIgnoringCase("\"state\":\"met\"");
        }
        JsonPath recomputed = sla(ticket);
        assertThat(recomputed.getString("firstResponse.state")).isEqualTo("met");
        assertThat(Instant.parse(recomputed.getString("firstResponse.dueAt"))).isEqualTo(SettableTime.athens("2025-03-10T12:00"));
        assertThat(recomputed.getString("resolution.state")).isEqualTo("met");

        // a fresh import under the new calendar gives the same clocks
        JsonPath fresh = sla(imported(line(tag, "h4-" + tag, null)));
        assertThat(fresh.getMap("")).isEqualTo(recomputed.getMap(""));

        given().auth().oauth2(KeycloakTokens.user("anna")).contentType(ContentType.JSON).body(Map.of("from", "2025-03-10"))
                .post("/api/v1/sla/recompute").then().statusCode(403);
        given().auth().oauth2(ACME).contentType(ContentType.JSON).body(Map.of("from", "last week"))
                .post("/api/v1/sla/recompute").then().statusCode(400).contentType("application/problem+json");
    }
}
