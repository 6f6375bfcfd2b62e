package io.pharos.survey.rest;

import static io.pharos.survey.service.TicketEventFixtures.customer;
import static io.pharos.survey.service.TicketEventFixtures.defineCsat;
import static io.pharos.survey.service.TicketEventFixtures.link;
import static io.pharos.survey.service.TicketEventFixtures.path;
import static io.pharos.survey.service.TicketEventFixtures.publishAs;
import static io.pharos.survey.service.TicketEventFixtures.solvedTicket;
import static io.pharos.survey.service.TicketEventFixtures.ticket;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.pharos.survey.repository.ReplicaRepository;
import io.pharos.survey.service.TicketEventFixtures;
import io.pharos.testing.KafkaEvents;
import io.pharos.testing.KeycloakTokens;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;

/**
 * Hostile input on every survey write path: the public page's form (malformed percent-encoding,
 * an oversized comment), REST, GraphQL and import (the same limits), another tenant's ticket,
 * and bad query parameters. Never a hang, never a 5xx; what is refused stores nothing.
 */
@QuarkusTest
class HostileInputTest {

    /** A hang shows as a timeout, not as a test that never ends. */
    static final RestAssuredConfig FIVE_SECONDS = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
            .setParam("http.socket.timeout", 5000).setParam("http.connection.timeout", 5000));
    static final String FORM = "application/x-www-form-urlencoded; charset=UTF-8";

    @Inject
    ReplicaRepository replicas;

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URL root;

    /** A GET whose target is sent exactly as written (HTTP clients refuse to send %zz); answers the status line and headers. */
    String rawGet(String target, String bearer) throws Exception {
        try (java.net.Socket socket = new java.net.Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(5000);
            String request = "GET " + target + " HTTP/1.1\r\nHost: " + root.getHost() + "\r\n"
                    + (bearer == null ? "" : "Authorization: Bearer " + bearer + "\r\n") + "Connection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return answer.substring(0, Math.max(0, answer.indexOf("\r\n\r\n"))).toLowerCase(java.util.Locale.ROOT);
        }
    }

    @BeforeAll
    static void consumerReady() {
        TicketEventFixtures.awaitConsumer();
    }

    @Test
    void thePublicFormAnswersMalformedAndOversizedCommentsWithThePageAndAnError() throws Exception {
        String tag = "t-" + UUID.randomUUID();
        defineCsat(tag, 0);
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.outbound", "pharos.survey.events")) {
            String ticket = solvedTicket(customer("en"), tag);
            String page = path(link(kafka.await(e -> ticket.equals(e.key()) && e.type().equals("pharos.channel.message.requested"), 1,
                    Duration.ofSeconds(20)).get(0)));
            given().config(FIVE_SECONDS).when().get(page + "?score=4").then().statusCode(200).body(containsString("recorded"));

            // malformed percent-encoding: 400 at once, the page with a message
            given().config(FIVE_SECONDS).contentType(FORM).body("comment=%zz%").when().post(page).then().time(lessThan(5000L))
                    .statusCode(400).contentType(containsString("text/html")).body(containsString("could not be read"))
                    .body(containsString("<form method=\"post\""));
            given().config(FIVE_SECONDS).contentType(FORM).body("comment=abc%").when().post(page).then().statusCode(400);
            // 100 KiB: 413, the page with a message
            given().config(FIVE_SECONDS).contentType(FORM).formParam("comment", "x".repeat(100 * 1024)).when().post(page).then()
                    .statusCode(413).contentType(containsString("text/html")).body(containsString("too long"));
            // just over the limit every other path has
            given().config(FIVE_SECONDS).contentType(FORM).formParam("comment", "y".repeat(5001)).when().post(page).then()
                    .statusCode(413).body(containsString("too long"));
            // a tampered link with a malformed body is still just an invalid link
            given().config(FIVE_SECONDS).contentType(FORM).body("comment=%zz%").when().post(page + "x").then().statusCode(404)
                    .body(containsString("not valid"));
            // and a malformed score in the link shows the page, no error
            assertThat(rawGet(page + "?score=%zz", null)).matches("(?s)http/1.1 [1-4]\\d\\d .*");

            // nothing of it was recorded: the comment form is still open, and a proper comment (control characters dropped) closes it
            given().config(FIVE_SECONDS).contentType(FORM).formParam("comment", "Quick\u0000 and kind").when().post(page).then()
                    .statusCode(200).body(containsString("Thank"));
            List<KafkaEvents.Event> responded = kafka.during(Duration.ofSeconds(2),
                    e -> e.type().equals("pharos.survey.responded") && ticket.equals(e.key()));
            assertThat(responded).extracting(e -> e.cloudEvent().path("data").path("comment").asText("")).containsExactly("", "Quick and kind");
        }
    }

    <T> T read(java.util.function.Supplier<io.smallrye.mutiny.Uni<T>> query) throws Exception {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(query::get));
        } catch (Exception e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Test
    void aResponseIsNeverAttachedToAnotherTenantsTicket() throws Throwable {
        // globex's ticket, as survey-service knows it from globex's events
        String globexTicket = UUID.randomUUID().toString();
        publishAs("globex", "pharos.ticket.created", globexTicket, ticket(globexTicket, UUID.randomUUID().toString(), "new", "x"));
        await().atMost(Duration.ofSeconds(20)).until(() -> read(() -> replicas.ticket("globex", UUID.fromString(globexTicket))) != null);

        String acme = KeycloakTokens.integrator("acme");
        Map<String, Object> answer = Map.of("type", "CSAT", "score", 2, "ticketId", globexTicket, "comment", "not mine",
                "respondedAt", Instant.now().minusSeconds(60).toString());
        given().auth().oauth2(acme).contentType(ContentType.JSON).body(answer).post("/api/v1/responses").then().statusCode(404)
                .contentType("application/problem+json");
        Map<String, Object> imported = new HashMap<>(answer);
        imported.put("externalId", "cross-" + globexTicket);
        String line = given().auth().oauth2(acme).contentType("application/x-ndjson")
                .body(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(imported))
                .post("/api/v1/responses/import").then().statusCode(200).extract().asString();
        assertThat(line).contains("\"failed\"");
        given().auth().oauth2(acme).contentType(ContentType.JSON)
                .body(Map.of("query", "mutation($t: ID) { submitSurveyResponse(input: {type: CSAT, score: 2, ticketId: $t}) { id } }",
                        "variables", Map.of("t", globexTicket)))
                .post("/graphql").then().statusCode(200).body("errors[0].extensions.code", org.hamcrest.Matchers.notNullValue())
                .body("data.submitSurveyResponse", org.hamcrest.Matchers.nullValue());
        // nothing stored, for either tenant
        for (String tenant : List.of("acme", "globex")) {
            given().auth().oauth2(KeycloakTokens.integrator(tenant)).queryParam("ticketId", globexTicket).get("/api/v1/responses")
                    .then().statusCode(200).body("size()", equalTo(0));
        }
        // acme's own, not yet seen ticket is still accepted (its events may come after an import of its answers)
        given().auth().oauth2(acme).contentType(ContentType.JSON).body(Map.of("type", "CSAT", "score", 4, "ticketId",
                UUID.randomUUID().toString())).post("/api/v1/responses").then().statusCode(201);
    }

    @Test
    void everyWritePathHasTheSameLimits() {
        String acme = KeycloakTokens.integrator("acme");
        UUID customer = UUID.randomUUID();
        // REST: too long a comment is 413, blank or bad values 400
        given().auth().oauth2(acme).contentType(ContentType.JSON).body(Map.of("type", "CSAT", "score", 4, "customerId", customer.toString(),
                "comment", "z".repeat(5001))).post("/api/v1/responses").then().statusCode(413).contentType("application/problem+json");
        for (Map<String, Object> bad : List.<Map<String, Object>> of(
                Map.of("type", "CSAT", "score", 4, "customerId", customer.toString(), "team", "   "),
                Map.of("type", "CSAT", "score", 4, "customerId", customer.toString(), "channel", "carrier-pigeon"),
                Map.of("type", "CSAT", "score", 40, "customerId", customer.toString()),
                Map.of("type", "CSAT", "score", 4, "customerId", customer.toString(), "scaleMax", 7),
                Map.of("type", "CSAT", "score", 4, "customerId", customer.toString(), "respondedAt", "9999-01-01T00:00:00Z"),
                Map.of("type", "CSAT", "score", 4, "customerId", customer.toString(), "respondedAt", "1900-01-01T00:00:00Z"),
                Map.of("type", "NOPE", "score", 4, "customerId", customer.toString()))) {
            given().auth().oauth2(acme).contentType(ContentType.JSON).body(bad).post("/api/v1/responses").then().statusCode(400)
                    .contentType("application/problem+json");
        }
        // GraphQL: the same limits, as typed errors, nothing stored
        for (String input : List.of("{type: CSAT, score: 4, customerId: \"" + customer + "\", team: \"   \"}",
                "{type: CSAT, score: 4, customerId: \"" + customer + "\", channel: \"carrier-pigeon\"}",
                "{type: CSAT, score: 4, customerId: \"" + customer + "\", agentId: \"" + "a".repeat(201) + "\"}",
                "{type: CSAT, score: 4, customerId: \"" + customer + "\", respondedAt: \"9999-01-01T00:00:00Z\"}")) {
            given().auth().oauth2(acme).contentType(ContentType.JSON)
                    .body(Map.of("query", "mutation { submitSurveyResponse(input: " + input + ") { id } }")).post("/graphql").then()
                    .statusCode(200).body("errors[0].extensions.code", org.hamcrest.Matchers.notNullValue())
                    .body("data.submitSurveyResponse", org.hamcrest.Matchers.nullValue());
        }
        // import: the same, line by line
        String lines = given().auth().oauth2(acme).contentType("application/x-ndjson").body(String.join("\n",
                "{\"type\":\"CSAT\",\"score\":4,\"customerId\":\"" + customer + "\",\"team\":\" \",\"respondedAt\":\"2024-01-01T00:00:00Z\"}",
                "{\"type\":\"CSAT\",\"score\":4,\"customerId\":\"" + customer + "\",\"respondedAt\":\"1900-01-01T00:00:00Z\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/responses/import").then().statusCode(200).extract().asString();
        assertThat(lines.lines()).hasSize(2).allMatch(l -> l.contains("\"failed\""));
        given().auth().oauth2(acme).queryParam("customerId", customer.toString()).get("/api/v1/responses").then().statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void badQueryParametersAre400ProblemsNot404Or500() throws Exception {
        String acme = KeycloakTokens.integrator("acme");
        for (String query : List.of("limit=abc", "limit=-1", "limit=100000", "from=garbage", "from=9999-01-01T00:00:00Z",
                "to=%2B10000-01-01T00:00:00Z", "type=BOGUS", "surveyId=not-a-uuid", "ticketId=123", "minScore=x", "cursor=garbage")) {
            given().auth().oauth2(acme).urlEncodingEnabled(false).get("/api/v1/responses?" + query).then().statusCode(400)
                    .contentType("application/problem+json");
        }
        // refused by the HTTP server before any resource: a bare 400, fast
        assertThat(rawGet("/api/v1/responses?cursor=%%%", acme)).startsWith("http/1.1 400");
        for (String query : List.of("from=2024-01-01T00:00:00Z&to=2024-02-01T00:00:00Z&limit=abc",
                "from=2024-01-01T00:00:00Z&to=2024-02-01T00:00:00Z&limit=0", "from=garbage&to=2024-02-01T00:00:00Z",
                "from=9998-01-01T00:00:00Z&to=9999-01-01T00:00:00Z")) {
            given().auth().oauth2(acme).urlEncodingEnabled(false).get("/api/v1/responses/themes?" + query).then().statusCode(400)
                    .contentType("application/problem+json");
        }
        given().auth().oauth2(acme).urlEncodingEnabled(false).get("/api/v1/invitations?ticketId=nope").then().statusCode(400)
                .contentType("application/problem+json");
    }
}
