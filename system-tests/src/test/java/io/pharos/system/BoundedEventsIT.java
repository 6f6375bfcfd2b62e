package io.pharos.system;

import static io.pharos.system.Journeys.await;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.testing.KeycloakTokens;
import io.pharos.testing.Ndjson;
import io.restassured.http.ContentType;

/**
 * Issue 18's first acceptance: a 1 MiB subject, by PATCH, by GraphQL mutation and by import, is
 * refused with problem+json; afterwards a new ticket's events still reach survey-service and
 * analytics-service within 30 s (once, such a subject stalled the outbox of every tenant).
 */
class BoundedEventsIT {

    static final String TICKETS = "http://localhost:8081";
    static final String SURVEYS = "http://localhost:8083";
    static final String ANALYTICS = "http://localhost:8084";
    static final String MEBIBYTE = "s".repeat(1 << 20);
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aMebibyteSubjectIsRefusedOnEveryPathAndNewTicketsStillReachSurveysAndAnalytics() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String acme = KeycloakTokens.integrator("acme");
        String anna = KeycloakTokens.user("anna");
        String ticket = given().baseUri(TICKETS).auth().oauth2(acme).contentType(ContentType.JSON)
                .body(Map.of("subject", "Bounded " + run, "channel", "email", "requester", Map.of("email", "bounded-" + run + "@example.test"),
                        "message", Map.of("text", "Where is my parcel?")))
                .when().post("/api/v1/tickets").then().statusCode(201).extract().path("id");
        String etag = given().baseUri(TICKETS).auth().oauth2(anna).when().get("/api/v1/tickets/" + ticket).then().extract().header("ETag");

        given().baseUri(TICKETS).auth().oauth2(anna).contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("subject", MEBIBYTE)).when().patch("/api/v1/tickets/" + ticket)
                .then().statusCode(413).contentType("application/problem+json").body("type", equalTo("urn:pharos:problem:too-large"));
        given().baseUri(TICKETS).auth().oauth2(anna).contentType(ContentType.JSON)
                .body(Map.of("query", "mutation($id: ID!, $s: String) { updateTicket(ticketId: $id, input: {subject: $s}) { id } }",
                        "variables", Map.of("id", ticket, "s", MEBIBYTE)))
                .when().post("/graphql").then().statusCode(200).body("errors[0].extensions.kind", equalTo("too-large"));
        // an hour of years ago that no other run uses: analytics' volume there is this import's alone
        Instant hour = LocalDate.of(2016, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(0, 3 * 365)).atStartOfDay(ZoneOffset.UTC)
                .toInstant().plusSeconds(3600L * ThreadLocalRandom.current().nextInt(0, 24));
        String huge = JSON.writeValueAsString(Map.of("subject", MEBIBYTE, "channel", "email", "createdAt", hour.toString(),
                "requester", Map.of("email", "huge-" + run + "@example.test")));
        String fine = JSON.writeValueAsString(Map.of("subject", "After the refusal " + run, "channel", "email", "createdAt",
                hour.plusSeconds(60).toString(), "requester", Map.of("email", "fine-" + run + "@example.test")));
        List<JsonNode> imported = Ndjson.parse(given().baseUri(TICKETS).auth().oauth2(acme).contentType("application/x-ndjson")
                .body((huge + "\n" + fine + "\n").getBytes(StandardCharsets.UTF_8)).when().post("/api/v1/tickets/import")
                .then().statusCode(200).extract().asString());
        assertThat(imported).extracting(r -> r.path("status").asText()).containsExactly("failed", "created");
        assertThat(imported.get(0).path("error").path("status").asInt()).isEqualTo(413);
        given().baseUri(TICKETS).auth().oauth2(anna).when().get("/api/v1/tickets/" + ticket).then().statusCode(200)
                .header("ETag", equalTo(etag)).body("subject", equalTo("Bounded " + run));

        // afterwards: the solve reaches survey-service (acme's CSAT invites on it) and the new ticket reaches analytics
        String annaAgent = given().baseUri(TICKETS).auth().oauth2(anna).contentType(ContentType.JSON)
                .body(Map.of("query", "{ me { agent { id } } }")).when().post("/graphql").then().statusCode(200)
                .extract().path("data.me.agent.id");
        given().baseUri(TICKETS).auth().oauth2(anna).contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("status", "solved", "assigneeId", annaAgent)).when().patch("/api/v1/tickets/" + ticket).then().statusCode(200);
        List<?> invitations = await(() -> given().baseUri(SURVEYS).auth().oauth2(acme).queryParam("ticketId", ticket)
                .when().get("/api/v1/invitations").then().statusCode(200).extract().jsonPath().getList(""),
                found -> !found.isEmpty(), Duration.ofSeconds(30));
        assertThat(invitations).as("survey-service saw the solve").isNotEmpty();
        String sofia = KeycloakTokens.user("sofia");
        Object volume = await(() -> given().baseUri(ANALYTICS).auth().oauth2(sofia).queryParam("from", hour.toString())
                .queryParam("to", hour.plusSeconds(3600).toString()).when().get("/api/v1/kpis").then().statusCode(200)
                .extract().jsonPath().get("groups[0].kpis.volume.value"), v -> v != null && ((Number) v).longValue() == 1,
                Duration.ofSeconds(30));
        assertThat(volume).as("analytics-service counted the imported ticket").isNotNull();
        assertThat(((Number) volume).longValue()).isEqualTo(1);
    }
}
