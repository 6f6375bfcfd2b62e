package io.pharos.ticket.messaging;

import io.pharos.testing.EventContracts;
import io.pharos.testing.KafkaEvents;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.pharos.commons.outbox.OutboxRelay;
import io.pharos.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Events reach the real Kafka through the outbox: all of them, once each, valid, in order. */
@QuarkusTest
class OutboxRelayTest {

    @Inject
    OutboxRelay relay;

    private static String create(String subject) {
        return given().auth().oauth2(KeycloakTokens.integrator("acme")).contentType(ContentType.JSON)
                .body(Map.of("subject", subject, "channel", "email",
                        "requester", Map.of("email", "o-" + UUID.randomUUID() + "@example.test"),
                        "message", Map.of("text", "hello")))
                .when().post("/api/v1/tickets").then().statusCode(201).extract().path("id");
    }

    @Test
    void eventsWaitInTheOutboxWhileTheRelayIsDownAndArriveOnceEachAfterwards() {
        try (KafkaEvents kafka = new KafkaEvents("pharos.ticket.events")) {
            relay.pause();
            List<String> ids = new ArrayList<>();
            try {
                for (int i = 0; i < 10; i++) {
                    ids.add(create("while the relay is down " + i));
                }
                assertThat(kafka.during(Duration.ofSeconds(3), e -> ids.contains(e.key()))).isEmpty();
            } finally {
                relay.resume();
            }
            // per ticket: created, message.added
            List<KafkaEvents.Event> events = kafka.await(e -> ids.contains(e.key()), 20, Duration.ofSeconds(30));
            assertThat(events).hasSize(20);
            Map<String, Long> perId = events.stream().collect(Collectors.groupingBy(KafkaEvents.Event::id, Collectors.counting()));
            assertThat(perId.values()).allMatch(n -> n == 1);
            for (String id : ids) {
                assertThat(events.stream().filter(KafkaEvents.about(id)).map(KafkaEvents.Event::type))
                        .containsExactly("pharos.ticket.created", "pharos.ticket.message.added");
            }
            events.forEach(EventContracts::assertValid);
            assertThat(events).allMatch(e -> e.contentType().startsWith("application/cloudevents+json"));
            assertThat(events).allMatch(e -> e.cloudEvent().path("tenant").asText().equals("acme"));
        }
    }

    @Test
    void everyKindOfChangeIsPublishedInOrderAndMatchesItsSchema() {
        String anna = KeycloakTokens.user("anna");
        // an assignee is an agent of the tenant: anna's id as the directory knows her
        String annaId = given().auth().oauth2(anna).contentType(ContentType.JSON).body(Map.of("query", "{ me { agent { id } } }"))
                .when().post("/graphql").then().statusCode(200).extract().path("data.me.agent.id");
        try (KafkaEvents kafka = new KafkaEvents("pharos.ticket.events", "pharos.channel.outbound")) {
            String id = create("lifecycle");
            String etag = given().auth().oauth2(anna).when().get("/api/v1/tickets/" + id).then().extract().header("ETag");
            given().auth().oauth2(anna).contentType(ContentType.JSON).body(Map.of("text", "On its way!"))
                    .when().post("/api/v1/tickets/" + id + "/messages").then().statusCode(201);
            etag = given().auth().oauth2(anna).when().get("/api/v1/tickets/" + id).then().extract().header("ETag");
            given().auth().oauth2(anna).contentType(ContentType.JSON).header("If-Match", etag)
                    .body(Map.of("status", "solved", "assigneeId", annaId, "priority", "high"))
                    .when().patch("/api/v1/tickets/" + id).then().statusCode(200);

            List<KafkaEvents.Event> events = kafka.await(KafkaEvents.about(id), 9, Duration.ofSeconds(30));
            events.forEach(EventContracts::assertValid);
            assertThat(events.stream().filter(e -> e.topic().equals("pharos.ticket.events")).map(KafkaEvents.Event::type))
                    .containsExactly("pharos.ticket.created", "pharos.ticket.message.added",
                            "pharos.ticket.status.changed", "pharos.ticket.message.added",
                            "pharos.ticket.status.changed", "pharos.ticket.solved",
                            "pharos.ticket.assigned", "pharos.ticket.updated");
            Map<String, KafkaEvents.Event> byType = events.stream()
                    .collect(Collectors.toMap(KafkaEvents.Event::type, Function.identity(), (a, b) -> b));
            var reply = events.stream().filter(e -> e.topic().equals("pharos.ticket.events")).toList().get(3)
                    .cloudEvent().path("data").path("message");
            assertThat(reply.path("authorKind").asText()).isEqualTo("agent");
            assertThat(reply.path("firstPublicAgentReply").asBoolean()).isTrue();
            var requested = byType.get("pharos.channel.message.requested").cloudEvent().path("data");
            assertThat(requested.path("channel").asText()).isEqualTo("email");
            assertThat(requested.path("text").asText()).isEqualTo("On its way!");
            assertThat(requested.path("recipient").path("email").asText()).endsWith("@example.test");
            assertThat(byType.get("pharos.ticket.solved").cloudEvent().path("data").path("ticket").path("firstSolvedAt").isNull()).isFalse();
        }
    }

    @Test
    void customerEventsAreKeyedByCustomer() {
        try (KafkaEvents kafka = new KafkaEvents("pharos.ticket.events")) {
            String id = given().auth().oauth2(KeycloakTokens.integrator("acme")).contentType(ContentType.JSON)
                    .body(Map.of("name", "Kostas", "email", "k-" + UUID.randomUUID() + "@example.test"))
                    .when().post("/api/v1/customers").then().statusCode(201).extract().path("id");
            given().auth().oauth2(KeycloakTokens.integrator("acme")).contentType(ContentType.JSON)
                    .body(Map.of("lifecycle", "churned", "effectiveDate", "2026-11-01"))
                    .when().patch("/api/v1/customers/" + id).then().statusCode(200);
            List<KafkaEvents.Event> events = kafka.await(KafkaEvents.about(id), 2, Duration.ofSeconds(30));
            assertThat(events).extracting(KafkaEvents.Event::type).containsExactly("pharos.customer.created", "pharos.customer.churned");
            events.forEach(EventContracts::assertValid);
            assertThat(events.get(1).cloudEvent().path("data").path("customer").path("churnedOn").asText()).isEqualTo("2026-11-01");
        }
    }
}
