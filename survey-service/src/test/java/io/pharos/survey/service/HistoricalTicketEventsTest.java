package io.pharos.survey.service;

import static io.pharos.survey.service.TicketEventFixtures.customer;
import static io.pharos.survey.service.TicketEventFixtures.defineCsat;
import static io.pharos.survey.service.TicketEventFixtures.publish;
import static io.pharos.survey.service.TicketEventFixtures.publishHistorical;
import static io.pharos.survey.service.TicketEventFixtures.solvedTicket;
import static io.pharos.survey.service.TicketEventFixtures.ticket;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.pharos.testing.KafkaEvents;
import io.pharos.testing.KeycloakTokens;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/**
 * Events of imported history (CloudEvents extension {@code historical: true}) keep the replica up
 * to date and never bring an invitation (issue 20): on the real Kafka, as ticket-service's import
 * publishes them.
 */
@QuarkusTest
@SuppressWarnings("unchecked")
class HistoricalTicketEventsTest {

    @Inject
    SurveyDefinitionService definitions;

    @Inject
    RelationshipSurveys relationship;

    @Inject
    io.pharos.survey.repository.ReplicaRepository replicas;

    @BeforeAll
    static void consumerReady() {
        TicketEventFixtures.awaitConsumer();
    }

    @Test
    void aHistoricalSolveIsKeptButNeverSurveyedWhileALiveOneStillIs() throws Exception {
        String tag = "t-" + UUID.randomUUID();
        String survey = defineCsat(tag, 0);
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.outbound", "pharos.survey.events")) {
            String imported = UUID.randomUUID().toString();
            String importedCustomer = customer("en");
            String externalId = "old-" + imported;
            publishHistorical("acme", "pharos.ticket.created", imported, past(ticket(imported, importedCustomer, "new", tag), externalId));
            publishHistorical("acme", "pharos.ticket.solved", imported, past(ticket(imported, importedCustomer, "solved", tag), externalId));
            String live = solvedTicket(customer("en"), tag);

            // the live solve still invites …
            assertThat(kafka.await(e -> e.type().equals("pharos.channel.message.requested") && live.equals(e.key()), 1,
                    Duration.ofSeconds(20))).hasSize(1);
            // … the historical one reached the replica (its external id is known: an answer imports by it) …
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() -> given()
                    .auth().oauth2(KeycloakTokens.integrator("acme")).contentType("application/x-ndjson")
                    .body(("{\"type\":\"CSAT\",\"score\":5,\"ticketExternalId\":\"" + externalId + "\",\"externalId\":\"r-" + imported
                            + "\",\"respondedAt\":\"2025-03-01T12:00:00Z\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .post("/api/v1/responses/import").then().statusCode(200).extract().asString().contains("\"created\""));
            // … and was never surveyed: no invitation row, nothing on the outbound topic
            assertThat(kafka.during(Duration.ofSeconds(3), e -> imported.equals(e.key()) && !e.type().equals("pharos.survey.responded")))
                    .isEmpty();
            assertThat(invitations(imported)).as("no survey of the tenant invites for history").isEmpty();
            assertThat(invitations(live)).filteredOn(i -> survey.equals(i.get("surveyId"))).hasSize(1);
        }
    }

    @Test
    void anInvitationScheduledLiveIsNotSentWhenTheTicketsLaterEventsAreHistoryButALiveSolveAsksAgain() throws Exception {
        String tag = "t-" + UUID.randomUUID();
        String survey = defineCsat(tag, 4);
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.outbound")) {
            String customer = customer("en");
            String id = solvedTicket(customer, tag);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> invitation(id, survey), i -> i != null && "scheduled".equals(i.get("status")));
            // an import of history tells the ticket's later story before the invitation falls due
            publishHistorical("acme", "pharos.ticket.solved", id, ticket(id, customer, "solved", tag));
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300))
                    .until(() -> invitation(id, survey), i -> "skipped".equals(i.get("status")));
            assertThat(invitation(id, survey).get("skipReason")).isEqualTo(InvitationSender.HISTORY);
            assertThat(kafka.during(Duration.ofSeconds(2), e -> id.equals(e.key()))).isEmpty();

            // reopened and solved again live: that solve is asked about
            publish("pharos.ticket.reopened", id, ticket(id, customer, "open", tag));
            publish("pharos.ticket.solved", id, ticket(id, customer, "solved", tag));
            assertThat(kafka.await(e -> e.type().equals("pharos.channel.message.requested") && id.equals(e.key()), 1,
                    Duration.ofSeconds(20))).hasSize(1);
            assertThat(invitation(id, survey).get("status")).isEqualTo("sent");
        }
    }

    @Test
    void aCustomerAnImportBroughtIsNotAskedForARelationshipSurveyInTheImportsPeriod() throws Throwable {
        // a tenant of its own: a relationship survey asks every customer of its tenant
        String tenant = "rel-hist-" + UUID.randomUUID();
        VertxContextSupport.subscribeAndAwait(() -> definitions.create(tenant, new io.pharos.survey.api.SurveyDefinitionInput(
                "Relationship NPS", io.pharos.survey.model.SurveyType.NPS, null, null, io.pharos.survey.domain.SurveyDefinition.Trigger.RELATIONSHIP,
                null, null, null, null, 0, null, 30, null)));
        String imported = UUID.randomUUID().toString();
        String live = UUID.randomUUID().toString();
        publishHistorical(tenant, "pharos.customer.created", imported, Map.of("customer", Map.of("id", imported, "lifecycle", "active",
                "identities", List.of(Map.of("type", "email", "value", "imported-" + imported + "@example.test")))));
        // the two keys may lie on different partitions: wait until the imported one has arrived too
        TicketEventFixtures.publishAs(tenant, "pharos.customer.created", live, Map.of("customer", Map.of("id", live, "lifecycle", "active",
                "identities", List.of(Map.of("type", "email", "value", "live-" + live + "@example.test")))));
        for (String customer : List.of(imported, live)) {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300))
                    .until(() -> awaited(() -> Panache.withSession(() -> replicas.customer(tenant, UUID.fromString(customer)))) != null);
        }
        assertThat(awaited(() -> relationship.plan(tenant))).as("the live customer only").isEqualTo(1);
    }

    private static <T> T awaited(java.util.function.Supplier<io.smallrye.mutiny.Uni<T>> work) throws Exception {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The ticket as an import of history describes it: an external id, solved months ago, on the chat. */
    private static Map<String, Object> past(Map<String, Object> event, String externalId) {
        Map<String, Object> t = new HashMap<>((Map<String, Object>) event.get("ticket"));
        t.put("externalId", externalId);
        t.put("channel", "chat");
        t.put("createdAt", "2025-03-01T09:00:00Z");
        t.put("updatedAt", "2025-03-01T11:00:00Z");
        if (t.containsKey("solvedAt")) {
            t.put("solvedAt", "2025-03-01T11:00:00Z");
        }
        return Map.of("ticket", t);
    }

    /** The ticket's invitation of this test's survey (other tests' surveys of the tenant may ask too). */
    private static Map<String, Object> invitation(String ticketId, String survey) {
        return invitations(ticketId).stream().filter(i -> survey.equals(i.get("surveyId"))).findFirst().orElse(null);
    }

    private static List<Map<String, Object>> invitations(String ticketId) {
        return given().auth().oauth2(KeycloakTokens.integrator("acme")).queryParam("ticketId", ticketId).get("/api/v1/invitations")
                .then().statusCode(200).extract().jsonPath().getList("$");
    }
}
