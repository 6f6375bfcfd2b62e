package io.pharos.ticket.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.pharos.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Agents decide who else a ticket's email replies go to (participants) and call phone customers
 * back (callbacks), over REST and GraphQL alike; bad input is refused and changes nothing.
 */
@QuarkusTest
class ParticipantsAndCallbacksTest {

    final String anna = KeycloakTokens.user("anna");

    String ticket(String requester) {
        return given().auth().oauth2(anna).contentType(ContentType.JSON).body(Map.of("subject", "Invoice", "requester",
                Map.of("email", requester), "message", Map.of("text", "Please send the invoice")))
                .post("/api/v1/tickets").then().statusCode(201).extract().path("id");
    }

    ValidatableResponse participants(String ticket) {
        return given().auth().oauth2(anna).get("/api/v1/tickets/" + ticket + "/participants").then().statusCode(200);
    }

    static ValidatableResponse graphql(String token, String query, Map<String, Object> variables) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("query", query, "variables", variables))
                .when().post("/graphql").then().statusCode(200);
    }

    @Test
    void agentsAddAndRemoveParticipantsOverRest() {
        String requester = "r-" + UUID.randomUUID() + "@example.test";
        String ticket = ticket(requester);
        given().auth().oauth2(anna).contentType(ContentType.JSON).body(Map.of("address", "Maria.Accounts@Example.test", "name", "Μαρία"))
                .post("/api/v1/tickets/" + ticket + "/participants").then().statusCode(201)
                .body("address", equalTo("maria.accounts@example.test")).body("name", equalTo("Μαρία"));
        assertThat(participants(ticket).extract().jsonPath().getString("[0].source")).isEqualToIgnoringCase("AGENT");

        // refused, and nothing changes: a second time, the requester's own address, no address at all
        given().auth().oauth2(anna).contentType(ContentType.JSON).body(Map.of("address", "maria.accounts@example.test"))
                .post("/api/v1/tickets/" + ticket + "/participants").then().statusCode(409)
                .body("type", equalTo("urn:pharos:problem:participant-exists"));
        given().auth().oauth2(anna).contentType(ContentType.JSON).body(Map.of("address", requester))
                .post("/api/v1/tickets/" + ticket + "/participants").then().statusCode(422)
                .body("type", equalTo("urn:pharos:problem:participant-is-requester"));
        given().auth().oauth2(anna).contentType(ContentType.JSON).body(Map.of("address", "not an address"))
                .post("/api/v1/tickets/" + ticket + "/participants").then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo("urn:pharos:problem:validation"));
        assertThat(participants(ticket).extract().jsonPath().getList("address")).containsExactly("maria.accounts@example.test");

        given().auth().oauth2(anna).delete("/api/v1/tickets/" + ticket + "/participants/maria.accounts@example.test").then().statusCode(204);
        given().auth().oauth2(anna).delete("/api/v1/tickets/" + ticket + "/participants/maria.accounts@example.test").then().statusCode(404);
        assertThat(participants(ticket).extract().jsonPath().getList("")).isEmpty();
    }

    @Test
    void agentsAddAndRemoveParticipantsOverGraphQL() {
        String ticket = ticket("g-" + UUID.randomUUID() + "@example.test");
        graphql(anna, "mutation($t: ID!) { addTicketParticipant(ticketId: $t, address: \"kostas@example.test\", name: \"Κώστας\") "
                + "{ address name source } }", Map.of("t", ticket))
                .body("errors", nullValue()).body("data.addTicketParticipant.address", equalTo("kostas@example.test"))
                .body("data.addTicketParticipant.source", equalTo("AGENT"));
        graphql(anna, "query($t: ID!) { ticket(id: $t) { participants { address name } } }", Map.of("t", ticket))
                .body("data.ticket.participants.address", equalTo(List.of("kostas@example.test")));
        graphql(anna, "mutation($t: ID!) { addTicketParticipant(ticketId: $t, address: \"kostas@example.test\") { address } }",
                Map.of("t", ticket)).body("errors[0].extensions.kind", equalTo("participant-exists"));
        graphql(anna, "mutation($t: ID!) { removeTicketParticipant(ticketId: $t, address: \"kostas@example.test\") }", Map.of("t", ticket))
                .body("data.removeTicketParticipant", equalTo(true));
        graphql(anna, "query($t: ID!) { ticket(id: $t) { participants { address } } }", Map.of("t", ticket))
                .body("data.ticket.participants", equalTo(List.of()));
    }

    @Test
    void aCallbackIsScheduledForAnAgentAndItsOutcomeNoted() {
        String ticket = ticket("cb-" + UUID.randomUUID() + "@example.test");
        String annaId = graphql(anna, "{ me { agent { id } } }", Map.of()).extract().path("data.me.agent.id");
        Instant due = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

        given().auth().oauth2(anna).contentType(ContentType.JSON).body(Map.of("assigneeId", "nobody-" + UUID.randomUUID(), "dueAt",
                due.toString())).post("/api/v1/tickets/" + ticket + "/callbacks").then().statusCode(422)
                .body("type", equalTo("urn:pharos:problem:unknown-agent"));
        given().auth().oauth2(anna).contentType(ContentType.JSON).body(Map.of("assigneeId", annaId, "dueAt", "2099-01-01T00:00:00Z"))
                .post("/api/v1/tickets/" + ticket + "/callbacks").then().statusCode(400);
        String id = given().auth().oauth2(anna).contentType(ContentType.JSON)
                .body(Map.of("assigneeId", annaId, "dueAt", due.toString(), "note", "Ask about the invoice address"))
                .post("/api/v1/tickets/" + ticket + "/callbacks").then().statusCode(201).body("assigneeId", equalTo(annaId))
                .body("note", equalTo("Ask about the invoice address")).extract().path("id");
        given().auth().oauth2(anna).get("/api/v1/tickets/" + ticket + "/callbacks").then().statusCode(200).body("id", equalTo(List.of(id)))
                .body("[0].outcome", nullValue());

        given().auth().oauth2(anna).contentType(ContentType.JSON).body(Map.of("outcome", "reached", "note", "New address: Ermou 12"))
                .post("/api/v1/tickets/" + ticket + "/callbacks/" + id + "/outcome").then().statusCode(200)
                .body("outcomeNote", equalTo("New address: Ermou 12")).body("completedAt", org.hamcrest.Matchers.notNullValue());
        given().auth().oauth2(anna).contentType(ContentType.JSON).body(Map.of("outcome", "no_answer"))
                .post("/api/v1/tickets/" + ticket + "/callbacks/" + id + "/outcome").then().statusCode(409)
                .body("type", equalTo("urn:pharos:problem:callback-done"));

        List<Map<String, Object>> notes = given().auth().oauth2(anna).queryParam("includeInternal", true)
                .get("/api/v1/tickets/" + ticket + "/messages").then().statusCode(200).extract().jsonPath().getList("");
        assertThat(notes.get(notes.size() - 1).get("text")).isEqualTo("Call back: reached the caller\nNew address: Ermou 12");
        List<String> actions = given().auth().oauth2(anna).get("/api/v1/tickets/" + ticket + "/history").then().statusCode(200)
                .extract().jsonPath().getList("action");
        assertThat(actions).contains("callback.scheduled", "callback.completed");

        // GraphQL: schedule and record, and read them on the ticket
        String second = graphql(anna, "mutation($t: ID!, $a: String!, $d: DateTime!) { scheduleCallback(ticketId: $t, assigneeId: $a, dueAt: $d) "
                + "{ id status } }", Map.of("t", ticket, "a", annaId, "d", due.toString()))
                .body("errors", nullValue()).body("data.scheduleCallback.status", equalTo("OPEN")).extract().path("data.scheduleCallback.id");
        graphql(anna, "mutation($t: ID!, $c: ID!) { recordCallbackOutcome(ticketId: $t, callbackId: $c, outcome: VOICEMAIL) { status outcome } }",
                Map.of("t", ticket, "c", second)).body("data.recordCallbackOutcome.status", equalTo("DONE"))
                .body("data.recordCallbackOutcome.outcome", equalTo("VOICEMAIL"));
        graphql(anna, "query($t: ID!) { ticket(id: $t) { callbacks { outcome } } }", Map.of("t", ticket))
                .body("data.ticket.callbacks.outcome", equalTo(List.of("REACHED", "VOICEMAIL")));
        graphql(anna, "mutation($t: ID!) { scheduleCallback(ticketId: $t, assigneeId: \"nobody\", dueAt: \"" + due + "\") { id } }",
                Map.of("t", ticket)).body("errors[0].extensions.kind", equalTo("unknown-agent"));
    }
}
