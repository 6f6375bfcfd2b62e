package io.pharos.ticket.rest;

import static io.pharos.ticket.rest.TicketApi.ACME;
import static io.pharos.ticket.rest.TicketApi.get;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.testing.Ndjson;
import io.quarkus.test.junit.QuarkusTest;

/** NDJSON import of history: timestamps kept, a bad line in the middle loses none of the good ones. */
@QuarkusTest
class TicketImportResourceTest {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Posts an NDJSON body to the import and reads its NDJSON answer, one result per line. */
    static List<JsonNode> importLines(String body) {
        return Ndjson.parse(given().auth().oauth2(ACME).contentType("application/x-ndjson").body(body.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/tickets/import")
                .then().statusCode(200).contentType("application/x-ndjson").extract().asString());
    }

    @Test
    void aTicketWithALongHistoryIsImportedWholeAndInOrder() throws Exception {
        // 600 messages and 60 status changes in one line, applied as one stream in time order (a chain of one flatMap per
        // step grows the stack with the history) and written in batches (the session is emptied every 100 steps: what the
        // ticket counts must survive that)
        String run = UUID.randomUUID().toString();
        java.time.Instant start = java.time.Instant.parse("2025-01-06T08:00:00Z");
        List<Map<String, Object>> messages = new java.util.ArrayList<>();
        for (int i = 0; i < 600; i++) {
            messages.add(Map.of("author", i % 2 == 0 ? "customer" : "agent", "text", "message " + i,
                    "createdAt", start.plusSeconds(60L * i).toString()));
        }
        List<Map<String, Object>> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            statuses.add(Map.of("status", i % 2 == 0 ? "solved" : "open", "at", start.plusSeconds(60L * 10 * i + 30).toString()));
        }
        String line = JSON.writeValueAsString(Map.of("externalId", "long-" + run, "subject", "A long story", "channel", "email",
                "createdAt", start.toString(), "requester", Map.of("email", "long-" + run + "@example.test"), "messages", messages,
                "statusChanges", statuses));
        JsonNode result = JSON.readTree(given().auth().oauth2(ACME).contentType("application/x-ndjson").body(line.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/tickets/import").then().statusCode(200).extract().asString());
        assertThat(result.path("status").asText()).as(result.toString()).isEqualTo("created");
        // solved at :30 of every 20th minute, and each time the customer's next message reopens it
        get(ACME, result.path("id").asText()).then().statusCode(200).body("status", equalTo("open"))
                .body("firstPublicReplyAt", equalTo(start.plusSeconds(60).toString())).body("reopenCount", equalTo(30))
                .body("updatedAt", equalTo(start.plusSeconds(60L * 599).toString()));
        given().auth().oauth2(ACME).when().get("/api/v1/tickets/" + result.path("id").asText() + "/messages")
                .then().statusCode(200).body("", hasSize(600)).body("[599].text", equalTo("message 599"))
                .body("[599].createdAt", equalTo(start.plusSeconds(60L * 599).toString()));
    }

    @Test
    void aLongThreadFitsInOneLineAndALineOverTheCapIsRefusedAlone() throws Exception {
        String run = UUID.randomUUID().toString();
        java.time.Instant start = java.time.Instant.parse("2024-02-05T08:00:00Z");
        // 81 messages of almost 100,000 characters: over the 8 million characters a line may hold
        String oversized = JSON.writeValueAsString(Map.of("externalId", "huge-" + run, "subject", "Too much", "channel", "email",
                "createdAt", start.toString(), "requester", Map.of("email", "huge-" + run + "@example.test"),
                "messages", java.util.Collections.nCopies(81, Map.of("author", "customer", "text", "x".repeat(99_999)))));
        // 2,000 messages of 500 characters: a long thread, over a million characters
        List<Map<String, Object>> messages = new java.util.ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            messages.add(Map.of("author", i % 2 == 0 ? "customer" : "agent", "createdAt", start.plusSeconds(60L * i).toString(),
                    "text", String.format("%04d ", i) + "y".repeat(495)));
        }
        String thread = JSON.writeValueAsString(Map.of("externalId", "thread-" + run, "subject", "A long thread", "channel", "email",
                "createdAt", start.toString(), "requester", Map.of("email", "thread-" + run + "@example.test"), "messages", messages));
        assertThat(thread.length()).isGreaterThan(1_000_000);

        List<JsonNode> results = importLines(oversized + "\n" + thread + "\n");
        assertThat(results).hasSize(2);
        assertThat(results.get(0).path("status").asText()).isEqualTo("failed");
        assertThat(results.get(0).path("error").path("type").asText()).isEqualTo("urn:pharos:problem:line-too-long");
        assertThat(results.get(1).path("status").asText()).as(results.get(1).toString()).isEqualTo("created");
        given().auth().oauth2(ACME).when().get("/api/v1/tickets/" + results.get(1).path("id").asText() + "/messages")
                .then().statusCode(200).body("", hasSize(2000)).body("[1999].text", org.hamcrest.Matchers.startsWith("1999 y"));
        given().auth().oauth2(ACME).queryParam("externalId", "huge-" + run).when().get("/api/v1/tickets")
                .then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void goodLinesAreStoredAndBadLinesReportedWhereverTheyAre() throws Exception {
        String run = UUID.randomUUID().toString();
        String history = JSON.writeValueAsString(Map.of(
                "externalId", "hist-" + run, "subject", "Broken kettle", "channel", "email", "priority", "high",
                "createdAt", "2026-03-06T15:00:00Z",
                "requester", Map.of("name", "Maria", "email", "maria-" + run + "@example.test"),
                "messages", List.of(
                        Map.of("author", "customer", "text", "My kettle broke", "createdAt", "2026-03-06T15:00:00Z"),
                        Map.of("author", "agent", "text", "Sorry! Sending a new one", "createdAt", "2026-03-06T16:30:00Z"),
                        Map.of("author", "customer", "text", "Thanks", "createdAt", "2026-03-09T08:00:00Z")),
                "statusChanges", List.of(
                        Map.of("status", "pending", "at", "2026-03-06T16:30:00Z"),
                        Map.of("status", "solved", "at", "2026-03-09T09:00:00Z"))));
        String plain = JSON.writeValueAsString(Map.of("externalId", "plain-" + run, "subject", "Question", "channel", "chat",
                "createdAt", "2026-03-07T10:00:00Z", "requester", Map.of("chat", "visitor-" + run)));
        String missingRequester = JSON.writeValueAsString(Map.of("subject", "No one", "channel", "email",
                "createdAt", "2026-03-07T10:00:00Z"));
        String body = String.join("\n", history, "{not json", "", missingRequester, plain) + "\n";

        List<JsonNode> results = importLines(body);

        assertThat(results).extracting(r -> r.get("line").asInt()).containsExactly(1, 2, 4, 5);
        assertThat(results).extracting(r -> r.get("status").asText()).containsExactly("created", "failed", "failed", "created");
        assertThat(results.get(1).at("/error/type").asText()).isEqualTo("urn:pharos:problem:malformed-json");
        assertThat(results.get(2).at("/error/errors/0/field").asText()).isEqualTo("requester");

        String id = results.get(0).get("id").asText();
        get(ACME, id).then().statusCode(200)
                .body("externalId", equalTo("hist-" + run))
                .body("createdAt", equalTo("2026-03-06T15:00:00Z"))
                .body("firstPublicReplyAt", equalTo("2026-03-06T16:30:00Z"))
                .body("solvedAt", equalTo("2026-03-09T09:00:00Z"))
                .body("status", equalTo("solved"))
                .body("reopenCount", equalTo(0));
        given().auth().oauth2(ACME).when().get("/api/v1/tickets/" + id + "/messages")
                .then().body("", hasSize(3)).body("author", equalTo(List.of("customer", "agent", "customer")))
                .body("[1].createdAt", equalTo("2026-03-06T16:30:00Z"))
                .body("[1].deliveryStatus", equalTo("delivered"));
        given().auth().oauth2(ACME).queryParam("externalId", "plain-" + run).when().get("/api/v1/tickets")
                .then().body("items", hasSize(1)).body("items[0].channel", equalTo("chat"));

        // the same line again is refused as a duplicate, not imported twice
        String again = given().auth().oauth2(ACME).contentType("application/x-ndjson").body(plain.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/tickets/import").then().statusCode(200).extract().asString();
        assertThat(JSON.readTree(again).at("/error/type").asText()).isEqualTo("urn:pharos:problem:ticket-exists");
    }
}
