package io.pharos.survey.service;

import static io.pharos.survey.service.TicketEventFixtures.customer;
import static io.pharos.survey.service.TicketEventFixtures.defineCsat;
import static io.pharos.survey.service.TicketEventFixtures.link;
import static io.pharos.survey.service.TicketEventFixtures.path;
import static io.pharos.survey.service.TicketEventFixtures.publish;
import static io.pharos.survey.service.TicketEventFixtures.publishAs;
import static io.pharos.survey.service.TicketEventFixtures.solvedTicket;
import static io.pharos.survey.service.TicketEventFixtures.ticket;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.pharos.testing.EventContracts;
import io.pharos.testing.KafkaEvents;
import io.pharos.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;

/**
 * Ticket events in (as ticket-service publishes them, on the real Kafka), invitations out on
 * pharos.channel.outbound, answers through the hosted page, pharos.survey.* events out.
 */
@QuarkusTest
@SuppressWarnings("unchecked")
class SurveyFlowTest {

    @Inject
    InvitationSender sender;

    @Inject
    SurveyTokens tokens;

    @Inject
    SurveyDefinitionService definitions;

    @Inject
    RelationshipSurveys relationship;

    @BeforeAll
    static void consumerReady() {
        TicketEventFixtures.awaitConsumer();
    }

    @Test
    void aSolvedTicketBringsOneInvitationAndOneClickRecordsTheScore() throws Exception {
        String tag = "t-" + UUID.randomUUID();
        defineCsat(tag, 1);
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.outbound", "pharos.survey.events")) {
            String customer = customer("el");
            String ticket = solvedTicket(customer, tag);
            KafkaEvents.Event request = kafka.await(e -> e.type().equals("pharos.channel.message.requested")
                    && ticket.equals(e.key()), 1, Duration.ofSeconds(20)).get(0);
            assertThat(request.cloudEvent().path("data").path("recipient").path("email").asText()).isEqualTo("eleni-" + customer + "@example.test");
            assertThat(request.cloudEvent().path("data").path("language").asText()).isEqualTo("el");
            assertThat(request.cloudEvent().path("data").path("html").asText()).contains("?score=5");
            EventContracts.assertValid(request);
            List<KafkaEvents.Event> sent = kafka.await(e -> e.type().equals("pharos.survey.sent") && ticket.equals(e.key()), 1,
                    Duration.ofSeconds(10));
            assertThat(sent).hasSize(1);
            EventContracts.assertValid(sent.get(0));
            String page = path(link(request));

            // the page, in Greek, without JavaScript
            given().when().get(page).then().statusCode(200).contentType(containsString("text/html"))
                    .body(containsString("lang=\"el\"")).body(containsString("?score=5")).body(not(containsString("<script")));
            // one click records 5 …
            given().when().get(page + "?score=5").then().statusCode(200).body(containsString("καταχωρίστηκε"))
                    .body(containsString("<form method=\"post\""));
            KafkaEvents.Event five = kafka.await(e -> e.type().equals("pharos.survey.responded") && ticket.equals(e.key()), 1,
                    Duration.ofSeconds(10)).get(0);
            assertThat(five.cloudEvent().path("data").path("score").asInt()).isEqualTo(5);
            assertThat(five.cloudEvent().path("data").path("normalizedScore").asDouble()).isEqualTo(10.0);
            assertThat(five.cloudEvent().path("data").path("agentId").asText()).isEqualTo("anna");
            String responseId = five.cloudEvent().path("data").path("responseId").asText();
            // … a second click changes it rather than adding a response …
            given().when().get(page + "?score=4").then().statusCode(200);
            // … the comment closes it, analysed …
            given().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParam("comment", "Πολύ γρήγορη εξυπηρέτηση, ευχαριστώ!")
                    .when().post(page).then().statusCode(200).body(containsString("Σας ευχαριστούμε"));
            // … and later clicks change nothing
            given().when().get(page + "?score=1").then().statusCode(200).body(containsString("έχει ήδη καταχωριστεί"));
            List<KafkaEvents.Event> responded = kafka.during(Duration.ofSeconds(3),
                    e -> e.type().equals("pharos.survey.responded") && ticket.equals(e.key()));
            assertThat(responded).extracting(e -> e.cloudEvent().path("data").path("responseId").asText()).containsOnly(responseId);
            assertThat(responded).extracting(e -> e.cloudEvent().path("data").path("score").asInt()).containsExactly(5, 4, 4);
            assertThat(responded.get(2).cloudEvent().path("data").path("sentiment").asText()).isEqualTo("positive");
            responded.forEach(EventContracts::assertValid);
            given().auth().oauth2(KeycloakTokens.integrator("acme")).when().get("/api/v1/responses/" + responseId)
                    .then().statusCode(200).body("score", equalTo(4)).body("themes", equalTo(List.of("solved-quickly")));
            given().auth().oauth2(KeycloakTokens.integrator("globex")).when().get("/api/v1/responses/" + responseId)
                    .then().statusCode(404);
        }
    }

    @Test
    void tamperedOrExpiredLinksGetAFriendlyPageAndRecordNothing() throws Exception {
        String tag = "t-" + UUID.randomUUID();
        defineCsat(tag, 0);
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.outbound", "pharos.survey.events")) {
            String ticket = solvedTicket(customer("en"), tag);
            KafkaEvents.Event request = kafka.await(e -> e.type().equals("pharos.channel.message.requested")
                    && ticket.equals(e.key()), 1, Duration.ofSeconds(20)).get(0);
            String page = path(link(request));
            String token = page.substring(3);
            String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
            given().when().get("/s/" + tampered + "?score=5").then().statusCode(404).body(containsString("not valid"));
            UUID invitation = tokens.verify(token).orElseThrow().invitationId();
            String expired = tokens.issue(invitation, Instant.now().minusSeconds(60));
            given().when().get("/s/" + expired + "?score=5").then().statusCode(410).body(containsString("expired"));
            assertThat(kafka.during(Duration.ofSeconds(2), e -> e.type().equals("pharos.survey.responded") && ticket.equals(e.key())))
                    .isEmpty();
            given().when().get(page + "?score=3").then().statusCode(200).body(containsString("recorded"));
        }
    }

    @Test
    void theThrottleAndAReopenedTicketNeverAskTwice() throws Exception {
        String tag = "t-" + UUID.randomUUID();
        defineCsat(tag, 2);
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.outbound")) {
            String customer = customer("en");
            String first = solvedTicket(customer, tag);
            kafka.await(e -> first.equals(e.key()), 1, Duration.ofSeconds(20));
            // the same customer within the throttle window: nothing
            String second = solvedTicket(customer, tag);
            // solved, reopened before the invitation went out, solved again: one invitation
            String other = customer("en");
            String reopened = UUID.randomUUID().toString();
            publish("pharos.ticket.created", reopened, ticket(reopened, other, "new", tag));
            publish("pharos.ticket.solved", reopened, ticket(reopened, other, "solved", tag));
            publish("pharos.ticket.reopened", reopened, ticket(reopened, other, "open", tag));
            publish("pharos.ticket.solved", reopened, ticket(reopened, other, "solved", tag));
            kafka.await(e -> reopened.equals(e.key()), 1, Duration.ofSeconds(20));
            List<KafkaEvents.Event> all = kafka.during(Duration.ofSeconds(4), e -> true);
            assertThat(all.stream().filter(e -> second.equals(e.key()))).isEmpty();
            assertThat(all.stream().filter(e -> reopened.equals(e.key()))).hasSize(1);
            assertThat(all.stream().filter(e -> first.equals(e.key()))).hasSize(1);
        }
    }

    @Test
    void aScheduledInvitationSurvivesAPauseAndConcurrentSendersSendItOnce() throws Exception {
        String tag = "t-" + UUID.randomUUID();
        defineCsat(tag, 0);
        sender.pause();
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.outbound")) {
            String ticket = solvedTicket(customer("en"), tag);
            assertThat(kafka.during(Duration.ofSeconds(3), e -> ticket.equals(e.key()))).isEmpty();
            // two replicas' passes at once: SKIP LOCKED gives the invitation to one of them
            CompletableFuture<Integer> a = CompletableFuture.supplyAsync(this::sendDue);
            CompletableFuture<Integer> b = CompletableFuture.supplyAsync(this::sendDue);
            CompletableFuture.allOf(a, b).join();
            sender.resume();
            assertThat(kafka.await(e -> ticket.equals(e.key()), 1, Duration.ofSeconds(20))).hasSize(1);
            assertThat(kafka.during(Duration.ofSeconds(3), e -> ticket.equals(e.key()))).hasSize(1);
        } finally {
            sender.resume();
        }
    }

    @Test
    void aChatThatEndsIsAskedOverTheChat() throws Exception {
        String tag = "t-" + UUID.randomUUID();
        given().auth().oauth2(KeycloakTokens.user("alex")).contentType(ContentType.JSON)
                .body(Map.of("name", "Chat CSAT " + tag, "type", "CSAT", "trigger", "CHAT_ENDED", "tags", List.of(tag), "delaySeconds", 0))
                .post("/api/v1/surveys").then().statusCode(201);
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.outbound")) {
            String visitor = UUID.randomUUID().toString();
            publish("pharos.customer.created", visitor, Map.of("customer", Map.of("id", visitor, "language", "en",
                    "identities", List.of(Map.of("type", "chat", "value", "visitor-" + visitor)))));
            String chat = UUID.randomUUID().toString();
            Map<String, Object> open = new java.util.HashMap<>(ticket(chat, visitor, "open", tag));
            ((Map<String, Object>) open.get("ticket")).put("channel", "chat");
            publish("pharos.ticket.created", chat, open);
            Map<String, Object> closed = ticket(chat, visitor, "solved", tag);
            ((Map<String, Object>) closed.get("ticket")).put("channel", "chat");
            ((Map<String, Object>) closed.get("ticket")).put("status", "closed");
            publish("pharos.ticket.closed", chat, closed);
            KafkaEvents.Event request = kafka.await(e -> chat.equals(e.key()), 1, Duration.ofSeconds(20)).get(0);
            assertThat(request.cloudEvent().path("data").path("channel").asText()).isEqualTo("chat");
            assertThat(request.cloudEvent().path("data").path("recipient").path("chat").asText()).isEqualTo("visitor-" + visitor);
            assertThat(request.cloudEvent().path("data").path("html").isNull()).isTrue();
        }
    }

    @Test
    void relationshipSurveysAskEveryActiveCustomerOncePerInterval() throws Throwable {
        // a tenant of its own: a relationship survey asks every customer of its tenant
        String tenant = "rel-" + UUID.randomUUID();
        VertxContextSupport.subscribeAndAwait(() -> definitions.create(tenant, new io.pharos.survey.api.SurveyDefinitionInput(
                "Relationship NPS", io.pharos.survey.model.SurveyType.NPS, null, null, io.pharos.survey.domain.SurveyDefinition.Trigger.RELATIONSHIP,
                null, null, null, null, 0, null, 30, null)));
        String active = UUID.randomUUID().toString();
        String churned = UUID.randomUUID().toString();
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.outbound")) {
            publishAs(tenant, "pharos.customer.created", active, Map.of("customer", Map.of("id", active, "language", "el",
                    "lifecycle", "active", "identities", List.of(Map.of("type", "email", "value", "active-" + active + "@example.test")))));
            publishAs(tenant, "pharos.customer.created", churned, Map.of("customer", Map.of("id", churned, "lifecycle", "churned",
                    "identities", List.of(Map.of("type", "email", "value", "gone-" + churned + "@example.test")))));
            // planning until the consumer has applied the events: the first pass that plans anything plans the active one only
            int planned = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300))
                    .until(() -> plan(tenant), n -> n > 0);
            assertThat(planned).isEqualTo(1);
            assertThat(plan(tenant)).as("a second pass plans nothing").isZero();
            KafkaEvents.Event request = kafka.await(e -> active.equals(e.key()), 1, Duration.ofSeconds(20)).get(0);
            assertThat(request.cloudEvent().path("tenant").asText()).isEqualTo(tenant);
            assertThat(request.cloudEvent().path("data").path("recipient").path("email").asText()).isEqualTo("active-" + active + "@example.test");
            assertThat(request.cloudEvent().path("data").path("html").asText()).contains("?score=0").contains("?score=10");
            assertThat(request.cloudEvent().path("data").path("language").asText()).isEqualTo("el");
            EventContracts.assertValid(request);
            assertThat(kafka.during(Duration.ofSeconds(3), e -> churned.equals(e.key()) || active.equals(e.key()))).hasSize(1);
        }
    }

    /** One planning pass of the tenant's relationship surveys: how many invitations it planned. */
    private int plan(String tenant) throws Exception {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> relationship.plan(tenant));
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Test
    void anApiClientAnswersByTokenOnceAndGetsClearErrors() throws Exception {
        String tag = "t-" + UUID.randomUUID();
        defineCsat(tag, 0);
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.outbound", "pharos.survey.events")) {
            String ticket = solvedTicket(customer("en"), tag);
            String page = path(link(kafka.await(e -> ticket.equals(e.key()) && e.type().equals("pharos.channel.message.requested"), 1,
                    Duration.ofSeconds(20)).get(0)));
            String token = page.substring(3);
            String integrator = KeycloakTokens.integrator("acme");
            given().auth().oauth2(integrator).contentType(ContentType.JSON).body(Map.of("token", token, "score", 9))
                    .post("/api/v1/responses").then().statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("urn:pharos:problem:score-out-of-scale"));
            given().auth().oauth2(KeycloakTokens.integrator("globex")).contentType(ContentType.JSON)
                    .body(Map.of("token", token, "score", 2)).post("/api/v1/responses").then().statusCode(400)
                    .body("type", equalTo("urn:pharos:problem:invalid-token"));
            String id = given().auth().oauth2(integrator).contentType(ContentType.JSON)
                    .body(Map.of("token", token, "score", 2, "comment", "The agent was rude and unhelpful"))
                    .post("/api/v1/responses").then().statusCode(201).body("score", equalTo(2))
                    .body("sentiment", equalTo("negative")).body("themes", equalTo(List.of("rude-or-unhelpful")))
                    .extract().path("id");
            given().auth().oauth2(integrator).contentType(ContentType.JSON).body(Map.of("token", token, "score", 5))
                    .post("/api/v1/responses").then().statusCode(409).body("type", equalTo("urn:pharos:problem:already-answered"));
            assertThat(kafka.await(e -> e.type().equals("pharos.survey.responded") && ticket.equals(e.key()), 1, Duration.ofSeconds(10)))
                    .extracting(e -> e.cloudEvent().path("data").path("responseId").asText()).containsExactly(id);
            // the page agrees: already answered
            given().when().get(page).then().statusCode(200).body(containsString("already recorded"));
        }
    }

    @Test
    void definitionsAreForAdminsAndValidated() {
        given().auth().oauth2(KeycloakTokens.user("anna")).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "type", "NPS")).post("/api/v1/surveys").then().statusCode(403);
        given().auth().oauth2(KeycloakTokens.user("alex")).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "type", "CSAT", "scaleMax", 7)).post("/api/v1/surveys").then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo("urn:pharos:problem:invalid-scale"));
        given().auth().oauth2(KeycloakTokens.user("alex")).contentType(ContentType.JSON)
                .body(Map.of("name", "Loyalty", "type", "NPS")).post("/api/v1/surveys").then().statusCode(201)
                .body("scaleMin", equalTo(0)).body("scaleMax", equalTo(10))
                .body("texts.el.question", containsString("συστήσετε")).body("throttleDays", equalTo(7));
    }

    int sendDue() {
        try {
            return VertxContextSupport.subscribeAndAwait(sender::sendDue);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    static org.hamcrest.Matcher<String> not(org.hamcrest.Matcher<String> m) {
        return org.hamcrest.Matchers.not(m);
    }
}
