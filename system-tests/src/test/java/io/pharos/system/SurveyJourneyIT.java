package io.pharos.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.pharos.testing.KafkaEvents;
import io.pharos.testing.KeycloakTokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * A solved ticket to a satisfaction score the agent sees through the gateway, across a crash:
 * ticket-service publishes the solve, survey-service schedules the invitation, is killed (SIGKILL)
 * before it is due and started again, sends it exactly once, the customer clicks a score on the
 * hosted page, and {@code ticket { satisfaction }} answers through the federated supergraph.
 */
class SurveyJourneyIT {

    static final String TICKETS = "http://localhost:8081";
    static final String SURVEYS = "http://localhost:8083";

    static ValidatableResponse gateway(String token, String query, Map<String, Object> variables) {
        return given().baseUri(SuiteRuntime.GATEWAY).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("query", query, "variables", variables)).when().post("/graphql").then().statusCode(200);
    }

    static List<Map<String, Object>> invitations(String ticket, String survey) {
        List<Map<String, Object>> all = given().baseUri(SURVEYS).auth().oauth2(KeycloakTokens.integrator("acme"))
                .queryParam("ticketId", ticket).when().get("/api/v1/invitations").then().statusCode(200).extract().jsonPath().getList("");
        return all.stream().filter(i -> survey.equals(i.get("surveyId"))).toList();
    }

    @Test
    void aSolvedTicketIsAskedOnceAcrossACrashAndItsScoreShowsThroughTheGateway() throws Exception {
        String tag = "journey-" + UUID.randomUUID();
        int delaySeconds = 12;
        // its own survey, for its own tag, not throttled by others: acme's demo CSAT invites for the same solve, at once
        String survey = given().baseUri(SURVEYS).auth().oauth2(KeycloakTokens.user("alex")).contentType(ContentType.JSON)
                .body(Map.of("name", "Journey CSAT " + tag, "type", "CSAT", "tags", List.of(tag), "delaySeconds", delaySeconds,
                        "throttleDays", 0))
                .when().post("/api/v1/surveys").then().statusCode(201).extract().path("id");

        String email = "eleni-" + UUID.randomUUID() + "@example.test";
        String anna = KeycloakTokens.user("anna");
        String ticket = given().baseUri(TICKETS).auth().oauth2(KeycloakTokens.integrator("acme")).contentType(ContentType.JSON)
                .body(Map.of("subject", "Parcel never arrived", "channel", "email", "priority", "normal", "tags", List.of(tag),
                        "requester", Map.of("name", "Eleni P.", "email", email), "message", Map.of("text", "Where is it?")))
                .when().post("/api/v1/tickets").then().statusCode(201).extract().path("id");

        try (KafkaEvents outbound = new KafkaEvents("pharos.channel.outbound")) {
            String etag = given().baseUri(TICKETS).auth().oauth2(anna).when().get("/api/v1/tickets/" + ticket).then().statusCode(200)
                    .extract().header("ETag");
            Instant solvedAt = Instant.now();
            given().baseUri(TICKETS).auth().oauth2(anna).contentType(ContentType.JSON).header("If-Match", etag)
                    .body(Map.of("status", "solved")).when().patch("/api/v1/tickets/" + ticket).then().statusCode(200);

            // scheduled (durably) …
            List<Map<String, Object>> scheduled = Journeys.await(() -> invitations(ticket, survey), found -> !found.isEmpty(),
                    Duration.ofSeconds(10));
            assertThat(scheduled).hasSize(1);
            assertThat(scheduled.get(0).get("status")).isEqualTo("scheduled");
            String invitation = (String) scheduled.get(0).get("id");
            java.util.function.Predicate<KafkaEvents.Event> thisInvitation = e -> invitation
                    .equals(e.cloudEvent().path("data").path("requestId").asText());

            // … survey-service dies before it is due, and comes back
            SuiteRuntime.crashAndRestart("survey-service");

            KafkaEvents.Event request = outbound.await(thisInvitation, 1, Duration.ofSeconds(60)).get(0);
            assertThat(outbound.during(Duration.ofSeconds(5), thisInvitation)).as("sent exactly once").hasSize(1);
            List<Map<String, Object>> sent = invitations(ticket, survey);
            assertThat(sent).hasSize(1);
            assertThat(sent.get(0).get("status")).isEqualTo("sent");
            assertThat(Instant.parse((String) sent.get(0).get("sentAt"))).isAfterOrEqualTo(solvedAt.plusSeconds(delaySeconds - 1));
            assertThat(request.cloudEvent().path("data").path("recipient").path("email").asText()).isEqualTo(email);

            // the customer clicks 4 in the email
            Matcher link = Pattern.compile("(http://localhost:8083/s/[A-Za-z0-9_.-]+)\\?score=4")
                    .matcher(request.cloudEvent().path("data").path("html").asText());
            assertThat(link.find()).as(request.cloudEvent().toString()).isTrue();
            given().when().get(link.group(1) + "?score=4").then().statusCode(200).contentType(ContentType.HTML);
        }

        // the agent sees it on the ticket, through the gateway: ticket-service's fields and survey-service's together
        String query = "query($id: ID!) { ticket(id: $id) { subject status satisfaction { score scale type respondedAt } } }";
        ValidatableResponse seen = Journeys.await(() -> gateway(anna, query, Map.of("id", ticket)),
                answer -> answer.extract().path("data.ticket.satisfaction") != null, Duration.ofSeconds(10));
        seen.body("errors", nullValue()).body("data.ticket.subject", equalTo("Parcel never arrived"))
                .body("data.ticket.status", equalTo("SOLVED")).body("data.ticket.satisfaction.score", equalTo(4))
                .body("data.ticket.satisfaction.scale", equalTo("1-5")).body("data.ticket.satisfaction.type", equalTo("CSAT"));
        // another tenant's agent sees nothing of it
        gateway(KeycloakTokens.user("gina"), query, Map.of("id", ticket)).body("data.ticket", nullValue());
    }
}
