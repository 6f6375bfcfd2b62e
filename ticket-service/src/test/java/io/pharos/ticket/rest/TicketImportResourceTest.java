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

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.commons.outbox.OutboxRelay;
import io.pharos.testing.KeycloakTokens;
import io.pharos.testing.Ndjson;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** NDJSON import of history: timestamps kept, a bad line in the middle loses none of the good ones. */
@QuarkusTest
class TicketImportResourceTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    OutboxRelay relay;

    @Inject
    Pool pool;

    /** Anna's id as the agent directory knows her (asking for it also puts her in the directory). */
    static String annaId() {
        return given().auth().oauth2(KeycloakTokens.user("anna")).contentType(ContentType.JSON)
                .body(Map.of("query", "{ me { agent { id } } }")).when().post("/graphql").then().statusCode(200)
                .extract().path("data.me.agent.id");
    }

    /** The outbox rows about these keys (a ticket, its requester), while the relay is paused and has not taken them. */
    List<Row> outbox(String... keys) {
        List<Row> rows = new java.util.ArrayList<>();
        pool.preparedQuery("SELECT topic, type, payload FROM outbox_event WHERE message_key = ANY($1) ORDER BY id")
                .execute(Tuple.of(keys)).await().atMost(java.time.Duration.ofSeconds(10)).forEach(rows::add);
        return rows;
    }

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

    @Test
    void anImportIsHistoryEveryEventSaysSoAndNothingLiveIsWritten() throws Exception {
        // minutes old, so that only the import's own mark (not the age of its timestamps) keeps promises, routing and deliveries away
        String run = UUID.randomUUID().toString();
        String anna = annaId();
        java.time.Instant start = java.time.Instant.now().minusSeconds(120).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String line = JSON.writeValueAsString(Map.of("externalId", "live-looking-" + run, "subject", "Recent history", "channel", "email",
                "createdAt", start.toString(), "requester", Map.of("email", "recent-" + run + "@example.test"), "team", "support",
                "messages", List.of(
                        Map.of("author", "bot", "text", "Hi! An agent will be with you shortly.", "createdAt", start.toString()),
                        Map.of("author", "customer", "text", "Broken again", "createdAt", start.plusSeconds(1).toString()),
                        Map.of("author", "agent", "authorId", anna, "text", "Fixed it", "createdAt", start.plusSeconds(30).toString()),
                        Map.of("author", "customer", "text", "No, it is not", "createdAt", start.plusSeconds(50).toString())),
                "statusChanges", List.of(
                        Map.of("status", "solved", "at", start.plusSeconds(40).toString(), "actor", anna, "reason", "replaced the part"),
                        Map.of("status", "solved", "at", start.plusSeconds(60).toString(), "actor", "system"))));
        relay.pause();
        List<Row> rows;
        String id;
        try {
            JsonNode result = importLines(line + "\n").get(0);
            assertThat(result.path("status").asText()).as(result.toString()).isEqualTo("created");
            id = result.path("id").asText();
            String requester = get(ACME, id).then().statusCode(200).extract().path("requesterId");
            rows = outbox(id, requester);
        } finally {
            relay.resume();
        }
        List<String> types = rows.stream().map(r -> r.getString("type")).toList();
        assertThat(types).contains("pharos.customer.created", "pharos.ticket.created", "pharos.ticket.message.added",
                "pharos.ticket.status.changed", "pharos.ticket.solved", "pharos.ticket.reopened");
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.getString("topic")).isNotEqualTo("pharos.channel.outbound");
            assertThat(JSON.readTree(r.getString("payload")).path("historical").asBoolean()).as(r.getString("payload")).isTrue();
        });
        List<JsonNode> events = new java.util.ArrayList<>();
        for (Row r : rows) {
            events.add(JSON.readTree(r.getString("payload")));
        }
        JsonNode created = events.stream().filter(e -> e.path("type").asText().equals("pharos.ticket.created")).findFirst().orElseThrow();
        assertThat(created.path("data").path("promise").isMissingNode() || created.path("data").path("promise").isNull())
                .as(created.toString()).isTrue();
        assertThat(created.path("data").path("ticket").path("openedBy").asText()).isEqualTo("customer");
        // who wrote each message, and who changed the status and why
        assertThat(events.stream().filter(e -> e.path("type").asText().equals("pharos.ticket.message.added"))
                .map(e -> e.at("/data/message/authorKind").asText() + ":" + e.at("/data/message/authorId").asText("")))
                .containsExactly("bot:", "customer:" + get(ACME, id).then().extract().path("requesterId"), "agent:" + anna,
                        "customer:" + get(ACME, id).then().extract().path("requesterId"));
        JsonNode solved = events.stream().filter(e -> e.path("type").asText().equals("pharos.ticket.solved")).findFirst().orElseThrow();
        assertThat(solved.at("/data/changedBy").asText()).isEqualTo("agent:" + anna);
        assertThat(solved.at("/data/reason").asText()).isEqualTo("replaced the part");
        // the customer's answer reopened it (a reopen by the customer is a reopen), the system solved it again
        get(ACME, id).then().statusCode(200).body("status", equalTo("solved")).body("reopenCount", equalTo(1))
                .body("openedBy", equalTo("customer")).body("assigneeId", org.hamcrest.Matchers.nullValue());
        var history = given().auth().oauth2(ACME).when().get("/api/v1/tickets/" + id + "/history").then().statusCode(200).extract().jsonPath();
        assertThat(history.getList("action", String.class)).doesNotContain("ticket.routed", "ticket.queued", "ticket.assigned");
        assertThat(history.getList("findAll { it.action == 'ticket.updated' }.actor", String.class))
                .containsExactly("agent:" + anna, "system:system");
        assertThat(history.getString("find { it.action == 'ticket.updated' }.detail.reason")).isEqualTo("replaced the part");
        given().auth().oauth2(ACME).when().get("/api/v1/tickets/" + id + "/messages").then().statusCode(200)
                .body("author", equalTo(List.of("bot", "customer", "agent", "customer")))
                .body("[2].authorId", equalTo(anna)).body("[2].deliveryStatus", equalTo("delivered"));
    }

    @Test
    void agentsAndTeamsMustBeKnownUnlessTheLineSaysTheyAreHistorical() throws Exception {
        String run = UUID.randomUUID().toString();
        String anna = annaId();
        java.util.function.Function<Map<String, Object>, String> line = extra -> {
            Map<String, Object> l = new java.util.LinkedHashMap<>(Map.of("subject", "Old one", "channel", "email",
                    "createdAt", "2025-04-01T09:00:00Z", "requester", Map.of("email", "dir-" + run + "@example.test")));
            l.putAll(extra);
            try {
                return JSON.writeValueAsString(l);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        List<Map<String, Object>> byGone = List.of(Map.of("author", "customer", "text", "Hello", "createdAt", "2025-04-01T09:00:00Z"),
                Map.of("author", "agent", "authorId", "gone-" + run, "text", "Hi", "createdAt", "2025-04-01T09:05:00Z"));
        List<JsonNode> results = importLines(String.join("\n",
                line.apply(Map.of("externalId", "a-" + run, "assigneeId", "gone-" + run)),
                line.apply(Map.of("externalId", "b-" + run, "messages", byGone)),
                line.apply(Map.of("externalId", "c-" + run, "team", "dissolved-" + run)),
                line.apply(Map.of("externalId", "d-" + run, "statusChanges",
                        List.of(Map.of("status", "solved", "at", "2025-04-01T10:00:00Z", "actor", "gone-" + run)))),
                line.apply(Map.of("externalId", "e-" + run, "openedBy", "bot")),
                line.apply(Map.of("externalId", "f-" + run, "subject", "")),
                "{\"externalId\": \"g-" + run + "\", not json",
                line.apply(Map.of("externalId", "h-" + run, "historicalAgents", true, "assigneeId", "gone-" + run,
                        "team", "dissolved-" + run, "messages", byGone)),
                line.apply(Map.of("externalId", "i-" + run, "assigneeId", anna, "team", "support", "openedBy", "agent")),
                line.apply(Map.of("externalId", "j-" + run, "messages", List.of(
                        Map.of("author", "agent", "authorId", anna, "text", "We noticed your parcel is late", "createdAt",
                                "2025-04-01T09:00:00Z"))))) + "\n");

        assertThat(results).extracting(r -> r.path("status").asText())
                .containsExactly("failed", "failed", "failed", "failed", "failed", "failed", "failed", "created", "created", "created");
        // every result echoes its line's externalId, failed ones too, when the line is JSON
        assertThat(results).extracting(r -> r.path("externalId").asText(null)).containsExactly("a-" + run, "b-" + run, "c-" + run,
                "d-" + run, "e-" + run, "f-" + run, null, "h-" + run, "i-" + run, "j-" + run);
        assertThat(results.subList(0, 5)).allSatisfy(r -> assertThat(r.at("/error/status").asInt()).isEqualTo(422));
        assertThat(results.get(0).at("/error/type").asText()).isEqualTo("urn:pharos:problem:unknown-agent");
        assertThat(results.get(0).at("/error/errors/0/field").asText()).isEqualTo("assigneeId");
        assertThat(results.get(1).at("/error/errors/0/field").asText()).isEqualTo("messages[1].authorId");
        assertThat(results.get(2).at("/error/type").asText()).isEqualTo("urn:pharos:problem:unknown-team");
        assertThat(results.get(3).at("/error/errors/0/field").asText()).isEqualTo("statusChanges[0].actor");
        assertThat(results.get(4).at("/error/errors/0/field").asText()).isEqualTo("openedBy");
        assertThat(results.get(6).at("/error/type").asText()).isEqualTo("urn:pharos:problem:malformed-json");
        given().auth().oauth2(ACME).queryParam("externalId", "a-" + run).when().get("/api/v1/tickets")
                .then().statusCode(200).body("items", hasSize(0));

        // people who left, recorded as they were
        get(ACME, results.get(7).path("id").asText()).then().statusCode(200).body("assigneeId", equalTo("gone-" + run))
                .body("team", equalTo("dissolved-" + run)).body("openedBy", equalTo("customer"));
        given().auth().oauth2(ACME).when().get("/api/v1/tickets/" + results.get(7).path("id").asText() + "/messages")
                .then().statusCode(200).body("[1].authorId", equalTo("gone-" + run));
        get(ACME, results.get(8).path("id").asText()).then().statusCode(200).body("assigneeId", equalTo(anna))
                .body("openedBy", equalTo("agent"));
        // an agent's first message opened it: proactive outreach, over REST and GraphQL alike
        String proactive = results.get(9).path("id").asText();
        get(ACME, proactive).then().statusCode(200).body("openedBy", equalTo("agent"));
        given().auth().oauth2(KeycloakTokens.user("anna")).contentType(ContentType.JSON)
                .body(Map.of("query", "query($id: ID!) { ticket(id: $id) { openedBy } }", "variables", Map.of("id", proactive)))
                .when().post("/graphql").then().statusCode(200).body("data.ticket.openedBy", equalTo("AGENT"));
    }

    @Test
    void liveTicketsSayWhoOpenedThemAndLiveMessagesNameNoOtherAuthor() {
        String byCustomer = TicketApi.createId(ACME, TicketApi.ticket("Hello", TicketApi.email(), List.of()));
        get(ACME, byCustomer).then().statusCode(200).body("openedBy", equalTo("customer"));
        String byAgent = TicketApi.createId(TicketApi.anna(), Map.of("subject", "Your parcel", "channel", "email",
                "requester", Map.of("email", TicketApi.email()), "message", Map.of("text", "It is late, sorry", "author", "agent")));
        get(ACME, byAgent).then().statusCode(200).body("openedBy", equalTo("agent"));
        given().auth().oauth2(ACME).contentType(ContentType.JSON).body(Map.of("text", "hi", "author", "agent", "authorId", "someone"))
                .when().post("/api/v1/tickets/" + byCustomer + "/messages").then().statusCode(400);
    }
}
