package io.pharos.ticket.rest;

import static io.pharos.ticket.rest.TicketApi.ACME;
import static io.pharos.ticket.rest.TicketApi.anna;
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
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.testing.Ndjson;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Issue 18: a 1 MiB subject once went through PATCH, grew an event past Kafka's record limit and
 * stalled the outbox. Every write path now holds a subject to the limit REST create enforces, and
 * an event over its budget fails the write before anything is committed.
 */
@QuarkusTest
class OversizeInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MEBIBYTE = "s".repeat(1 << 20);

    @Test
    void aMebibyteSubjectIsRefusedByPatchAndNothingChanges() {
        String id = createId(ACME, ticket("Small subject", email(), List.of()));
        String etag = etag(anna(), id);
        patch(anna(), id, etag, Map.of("subject", MEBIBYTE, "priority", "high")).then().statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pharos:problem:too-large"))
                .body("errors.field", hasItem("subject"));
        get(anna(), id).then().statusCode(200).header("ETag", equalTo(etag))
                .body("subject", equalTo("Small subject")).body("priority", equalTo("normal"));
        // the same limit, not a smaller one: 500 characters still go through
        patch(anna(), id, etag, Map.of("subject", "x".repeat(500))).then().statusCode(200);
    }

    @Test
    void aMebibyteSubjectIsRefusedByTheGraphQLMutationWithATypedError() {
        String id = createId(ACME, ticket("Small subject", email(), List.of()));
        String etag = etag(anna(), id);
        String mutation = "mutation($id: ID!, $s: String) { updateTicket(ticketId: $id, input: {subject: $s}) { id subject } }";
        graphql(mutation, Map.of("id", id, "s", MEBIBYTE))
                .body("data.updateTicket", nullValue())
                .body("errors[0].extensions.kind", equalTo("too-large"))
                .body("errors[0].extensions.code", org.hamcrest.Matchers.notNullValue());
        get(anna(), id).then().statusCode(200).header("ETag", equalTo(etag)).body("subject", equalTo("Small subject"));
        graphql(mutation, Map.of("id", id, "s", "Renamed")).body("errors", nullValue())
                .body("data.updateTicket.subject", equalTo("Renamed"));
    }

    @Test
    void aMebibyteSubjectIsRefusedByTheImportForItsLineOnly() throws Exception {
        String run = UUID.randomUUID().toString();
        String huge = JSON.writeValueAsString(Map.of("externalId", "huge-subject-" + run, "subject", MEBIBYTE, "channel", "email",
                "createdAt", "2025-03-01T10:00:00Z", "requester", Map.of("email", "hs-" + run + "@example.test")));
        String fine = JSON.writeValueAsString(Map.of("externalId", "fine-subject-" + run, "subject", "Fine", "channel", "email",
                "createdAt", "2025-03-01T10:00:00Z", "requester", Map.of("email", "fs-" + run + "@example.test")));
        List<JsonNode> results = Ndjson.parse(given().auth().oauth2(ACME).contentType("application/x-ndjson")
                .body((huge + "\n" + fine + "\n").getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/tickets/import").then().statusCode(200).extract().asString());
        assertThat(results).hasSize(2);
        assertThat(results.get(0).path("status").asText()).isEqualTo("failed");
        assertThat(results.get(0).path("error").path("status").asInt()).isEqualTo(413);
        assertThat(results.get(0).path("error").path("type").asText()).isEqualTo("urn:pharos:problem:too-large");
        assertThat(results.get(0).path("error").path("errors").findValuesAsText("field")).contains("subject");
        assertThat(results.get(0).has("id")).isFalse();
        assertThat(results.get(1).path("status").asText()).as(results.get(1).toString()).isEqualTo("created");
    }

    @Test
    void aReplyWhoseEventWouldExceedTheBudgetIsRefusedWith413AndNotKept() {
        String id = createId(ACME, ticket("Long reply", email(), List.of()));
        // within the field limit (100,000 characters) but ~300 KB as UTF-8: its message.requested event is over 256 KiB
        message(anna(), id, Map.of("text", "€".repeat(99_000))).then().statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pharos:problem:event-too-large"));
        given().auth().oauth2(anna()).when().get("/api/v1/tickets/" + id + "/messages").then().statusCode(200).body("", hasSize(1));
        message(anna(), id, Map.of("text", "€".repeat(20_000))).then().statusCode(201);
    }

    private static io.restassured.response.ValidatableResponse graphql(String query, Map<String, Object> variables) {
        return given().auth().oauth2(anna()).contentType(ContentType.JSON).body(Map.of("query", query, "variables", variables))
                .when().post("/graphql").then().statusCode(200);
    }
}
