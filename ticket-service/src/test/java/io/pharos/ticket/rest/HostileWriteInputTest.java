package io.pharos.ticket.rest;

import static io.pharos.ticket.rest.TicketApi.ACME;
import static io.pharos.ticket.rest.TicketApi.anna;
import static io.pharos.ticket.rest.TicketApi.create;
import static io.pharos.ticket.rest.TicketApi.createId;
import static io.pharos.ticket.rest.TicketApi.email;
import static io.pharos.ticket.rest.TicketApi.etag;
import static io.pharos.ticket.rest.TicketApi.get;
import static io.pharos.ticket.rest.TicketApi.message;
import static io.pharos.ticket.rest.TicketApi.patch;
import static io.pharos.ticket.rest.TicketApi.ticket;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.testing.Ndjson;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Issue 19: every write path (REST PATCH and create, GraphQL mutations, the NDJSON import) holds a
 * field to the same limits, refuses cleanly (400 / 413 / 409 / 422 problem+json, typed GraphQL
 * errors, per-line import errors; never 5xx) and changes nothing when it refuses; live replies
 * carry server time.
 */
@QuarkusTest
class HostileWriteInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MEBIBYTE = "s".repeat(1 << 20);

    // ------------------------------------------------------------------ PATCH

    @Test
    void aRefusedPatchIsAProblemAndChangesNothing() {
        String id = createId(ACME, ticket("Unchanged", email(), List.of("keep")));
        String etag = etag(anna(), id);
        patch(anna(), id, etag, Map.of("subject", MEBIBYTE)).then().statusCode(413).contentType("application/problem+json");
        patch(anna(), id, etag, Map.of("subject", "   ", "priority", "high")).then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo("urn:pharos:problem:validation"))
                .body("errors.field", hasItem("subject"));
        List<String> tags = IntStream.range(0, 5_000).mapToObj(i -> "t" + i).toList();
        patch(anna(), id, etag, Map.of("tags", tags)).then().statusCode(413).contentType("application/problem+json")
                .body("errors.field", hasItem("tags"));
        patch(anna(), id, etag, Map.of("tags", List.of("ok", " "))).then().statusCode(400).contentType("application/problem+json");
        patch(anna(), id, etag, Map.of("assigneeId", "no-such-agent-" + UUID.randomUUID(), "priority", "high")).then().statusCode(422)
                .contentType("application/problem+json").body("type", equalTo("urn:pharos:problem:unknown-agent"));
        patch(anna(), id, etag, Map.of("status", "bogus")).then().statusCode(400).contentType("application/problem+json");
        patch(anna(), id, etag, Map.of("language", "x".repeat(17))).then().statusCode(413);
        // nothing of it was applied: same version, same fields
        get(anna(), id).then().statusCode(200).header("ETag", equalTo(etag)).body("subject", equalTo("Unchanged"))
                .body("priority", equalTo("normal")).body("tags", equalTo(List.of("keep"))).body("assigneeId", nullValue());
        // an agent of the tenant is assignable
        String anna = annaId();
        patch(anna(), id, etag, Map.of("assigneeId", anna)).then().statusCode(200).body("assigneeId", equalTo(anna));
    }

    @Test
    void aNulCharacterIsNeverAServerError() {
        String id = createId(ACME, ticket("Nul \u0000 subject", email(), List.of("a\u0000b")));
        get(anna(), id).then().statusCode(200).body("subject", equalTo("Nul  subject"));
        patch(anna(), id, etag(anna(), id), Map.of("subject", "x\u0000y", "language", "e\u0000l")).then().statusCode(lessThan(500));
        message(anna(), id, Map.of("text", "hello\u0000there")).then().statusCode(201);
        for (String param : List.of("q", "tag", "externalId", "assignee", "team", "status", "channel", "cursor")) {
            given().auth().oauth2(anna()).queryParam(param, "a\u0000b").when().get("/api/v1/tickets").then()
                    .statusCode(lessThan(500));
        }
        given().auth().oauth2(ACME).queryParam("identity", "email:a\u0000b@example.test").when().get("/api/v1/customers").then()
                .statusCode(lessThan(500));
        graphql("mutation($id: ID!, $s: String) { updateTicket(ticketId: $id, input: {subject: $s}) { subject } }",
                Map.of("id", id, "s", "g\u0000q")).body("data.updateTicket.subject", equalTo("gq"));
    }

    // ------------------------------------------------------------------ query parameters

    @Test
    void badQueryAndPathParametersAre400() {
        for (String limit : List.of("abc", "-1", "0", "101", "99999999999")) {
            given().auth().oauth2(anna()).queryParam("limit", limit).when().get("/api/v1/tickets").then().statusCode(400)
                    .contentType("application/problem+json");
        }
        given().auth().oauth2(anna()).queryParam("status", "bogus").when().get("/api/v1/tickets").then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(anna()).queryParam("requester", "not-a-uuid").when().get("/api/v1/tickets").then().statusCode(400)
                .contentType("application/problem+json");
        for (String since : List.of("garbage", "9999-01-01T00:00:00Z", "+999999999-01-01T00:00:00Z")) {
            given().auth().oauth2(anna()).queryParam("updatedSince", since).when().get("/api/v1/tickets").then().statusCode(400)
                    .contentType("application/problem+json");
        }
        given().auth().oauth2(anna()).when().get("/api/v1/tickets/not-a-uuid").then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(anna()).when().get("/api/v1/tickets/" + UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(anna()).when().get("/api/v1/no-such-resource").then().statusCode(404);
    }

    // ------------------------------------------------------------------ dates

    @Test
    void importedDatesOutsideTheWindowAreRefusedPerLine() throws Exception {
        String run = UUID.randomUUID().toString();
        List<String> lines = new ArrayList<>();
        for (String at : List.of("9999-01-01T00:00:00Z", "+999999999-01-01T00:00:00Z", "1900-01-01T00:00:00Z", "0000-01-01T00:00:00Z")) {
            lines.add(JSON.writeValueAsString(Map.of("externalId", "date-" + at + run, "subject", "Dated", "channel", "email",
                    "createdAt", at, "requester", Map.of("email", "d-" + run + "@example.test"))));
        }
        lines.add(JSON.writeValueAsString(Map.of("externalId", "msg-date-" + run, "subject", "Dated message", "channel", "email",
                "createdAt", "2025-03-01T10:00:00Z", "requester", Map.of("email", "d-" + run + "@example.test"),
                "messages", List.of(Map.of("text", "from the future", "createdAt", "9999-01-01T00:00:00Z")))));
        lines.add(JSON.writeValueAsString(Map.of("externalId", "status-date-" + run, "subject", "Dated status", "channel", "email",
                "createdAt", "2025-03-01T10:00:00Z", "requester", Map.of("email", "d-" + run + "@example.test"),
                "statusChanges", List.of(Map.of("status", "solved", "at", "+999999999-01-01T00:00:00Z")))));
        List<JsonNode> results = importLines(String.join("\n", lines) + "\n");
        assertThat(results).hasSize(lines.size());
        for (JsonNode result : results) {
            assertThat(result.path("status").asText()).as(result.toString()).isEqualTo("failed");
            assertThat(result.path("error").path("status").asInt()).as(result.toString()).isEqualTo(400);
        }
        given().auth().oauth2(ACME).queryParam("externalId", "msg-date-" + run).when().get("/api/v1/tickets").then().statusCode(200)
                .body("items", hasSize(0));
    }

    // ------------------------------------------------------------------ concurrency

    @Test
    void eightConcurrentCreatesForOneNewRequesterAllSucceedWithOneCustomer() throws Exception {
        String mail = email();
        var pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<CompletableFuture<io.restassured.response.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int n = i;
                calls.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return create(ACME, ticket("Burst " + n, mail, List.of()));
                }, pool));
            }
            start.countDown();
            Set<String> requesters = new HashSet<>();
            for (var call : calls) {
                var response = call.get();
                assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
                requesters.add(response.path("requesterId"));
            }
            assertThat(requesters).hasSize(1);
            given().auth().oauth2(ACME).queryParam("requester", requesters.iterator().next()).queryParam("limit", 100)
                    .when().get("/api/v1/tickets").then().statusCode(200).body("items", hasSize(8));
        } finally {
            pool.shutdown();
        }
    }

    // ------------------------------------------------------------------ NDJSON

    @Test
    void anImportLineThatIsNoObjectIsAValidationErrorOfThatLine() throws Exception {
        String run = UUID.randomUUID().toString();
        String fine = JSON.writeValueAsString(Map.of("externalId", "fine-" + run, "subject", "Fine", "channel", "email",
                "createdAt", "2025-03-01T10:00:00Z", "requester", Map.of("email", "f-" + run + "@example.test")));
        List<JsonNode> results = importLines("[1,2]\nnull\n\"x\"\n42\ntrue\n{\"subject\": [1]}\n{\n" + fine + "\n");
        assertThat(results).hasSize(8);
        for (JsonNode result : results.subList(0, 7)) {
            assertThat(result.path("status").asText()).as(result.toString()).isEqualTo("failed");
            assertThat(result.path("error").path("status").asInt()).as(result.toString()).isEqualTo(400);
            assertThat(result.path("error").path("type").asText()).as(result.toString()).isNotEqualTo("urn:pharos:problem:internal");
        }
        assertThat(results.get(7).path("status").asText()).as(results.get(7).toString()).isEqualTo("created");
    }

    // ------------------------------------------------------------------ messages

    @Test
    void aReusedMessageExternalIdIsAConflict() {
        String id = createId(ACME, ticket("External ids", email(), List.of()));
        String externalId = "ext-" + UUID.randomUUID();
        message(ACME, id, Map.of("text", "first", "externalId", externalId)).then().statusCode(201);
        message(ACME, id, Map.of("text", "again", "externalId", externalId)).then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo("urn:pharos:problem:message-exists"));
        String other = createId(ACME, ticket("External ids elsewhere", email(), List.of()));
        message(ACME, other, Map.of("text", "elsewhere", "externalId", externalId)).then().statusCode(409)
                .contentType("application/problem+json");
        given().auth().oauth2(ACME).when().get("/api/v1/tickets/" + id + "/messages").then().statusCode(200).body("", hasSize(2));
    }

    @Test
    void liveRepliesAndNotesCarryServerTime() {
        String id = createId(ACME, ticket("Timestamps", email(), List.of()));
        String etag = etag(anna(), id);
        for (String at : List.of("2020-01-01T00:00:00Z", Instant.now().plusSeconds(86_400 * 30).toString())) {
            message(anna(), id, Map.of("text", "back-dated reply", "createdAt", at)).then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem("createdAt"));
            message(anna(), id, Map.of("text", "back-dated note", "visibility", "internal", "createdAt", at)).then().statusCode(400);
            message(ACME, id, Map.of("text", "back-dated customer message", "createdAt", at)).then().statusCode(400);
        }
        get(anna(), id).then().statusCode(200).header("ETag", equalTo(etag)).body("firstPublicReplyAt", nullValue());
        // a ticket created live cannot be back-dated either: history goes through the import
        Map<String, Object> dated = new LinkedHashMap<>(ticket("Back-dated", email(), List.of()));
        dated.put("createdAt", "2020-01-01T00:00:00Z");
        create(ACME, dated).then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("createdAt"));

        Instant before = Instant.now().minusSeconds(1);
        String createdAt = message(anna(), id, Map.of("text", "On its way")).then().statusCode(201).extract().path("createdAt");
        Instant after = Instant.now().plusSeconds(1);
        assertThat(Instant.parse(createdAt)).isBetween(before, after);
        Instant firstReply = Instant.parse(get(anna(), id).then().statusCode(200).extract().path("firstPublicReplyAt"));
        assertThat(firstReply).isBetween(before, after);
    }

    // ------------------------------------------------------------------ GraphQL

    @Test
    void graphQLMutationsHoldTheSameLimitsWithTypedErrors() {
        String id = createId(ACME, ticket("GraphQL limits", email(), List.of()));
        String etag = etag(anna(), id);
        graphql("mutation($id: ID!, $s: String) { updateTicket(ticketId: $id, input: {subject: $s}) { subject } }",
                Map.of("id", id, "s", "  ")).body("data.updateTicket", nullValue())
                .body("errors[0].extensions.kind", equalTo("validation")).body("errors[0].extensions.code", notNullValue());
        graphql("mutation($id: ID!, $a: String) { assign(ticketId: $id, assigneeId: $a) { id } }",
                Map.of("id", id, "a", "no-such-agent")).body("data.assign", nullValue())
                .body("errors[0].extensions.kind", equalTo("unknown-agent"));
        List<String> tags = IntStream.range(0, 5_000).mapToObj(i -> "t" + i).toList();
        graphql("mutation($id: ID!, $t: [String!]!) { tag(ticketId: $id, tags: $t) { id } }", Map.of("id", id, "t", tags))
                .body("data.tag", nullValue()).body("errors[0].extensions.kind", equalTo("too-large"));
        get(anna(), id).then().statusCode(200).header("ETag", equalTo(etag)).body("subject", equalTo("GraphQL limits"));

        String create = "mutation($in: CreateTicketInput!) { createTicket(input: $in) { id } }";
        Map<String, Object> requester = Map.of("email", email());
        graphql(create, Map.of("in", Map.of("subject", MEBIBYTE, "requester", requester))).body("data.createTicket", nullValue())
                .body("errors[0].extensions.kind", equalTo("too-large"));
        graphql(create, Map.of("in", Map.of("subject", " ", "requester", requester))).body("data.createTicket", nullValue())
                .body("errors[0].extensions.kind", equalTo("validation"));
        graphql(create, Map.of("in", Map.of("subject", "Tags", "requester", requester, "tags", tags))).body("data.createTicket", nullValue())
                .body("errors[0].extensions.kind", equalTo("too-large"));
        graphql(create, Map.of("in", Map.of("subject", "Bad mail", "requester", Map.of("email", "not an address"))))
                .body("data.createTicket", nullValue()).body("errors[0].extensions.kind", equalTo("validation"));
        graphql(create, Map.of("in", Map.of("subject", "Huge name", "requester", Map.of("email", email(), "name", MEBIBYTE))))
                .body("data.createTicket", nullValue()).body("errors[0].extensions.kind", equalTo("too-large"));
        graphql("mutation($id: ID!, $t: String) { reply(ticketId: $id, text: $t) { id } }", Map.of("id", id, "t", MEBIBYTE))
                .body("data.reply", nullValue()).body("errors[0].extensions.kind", equalTo("too-large"));
        given().auth().oauth2(anna()).when().get("/api/v1/tickets/" + id + "/messages").then().statusCode(200).body("", hasSize(1));
    }

    // ------------------------------------------------------------------ helpers

    private static String annaId() {
        return graphql("{ me { agent { id } } }", Map.of()).extract().path("data.me.agent.id");
    }

    private static List<JsonNode> importLines(String body) {
        return Ndjson.parse(given().auth().oauth2(ACME).contentType("application/x-ndjson").body(body.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/tickets/import").then().statusCode(200).extract().asString());
    }

    private static ValidatableResponse graphql(String query, Map<String, Object> variables) {
        return given().auth().oauth2(anna()).contentType(ContentType.JSON).body(Map.of("query", query, "variables", variables))
                .when().post("/graphql").then().statusCode(200);
    }
}
