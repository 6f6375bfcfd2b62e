package io.pharos.survey.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.ConfigProvider;

import io.pharos.testing.KafkaEvents;
import io.pharos.testing.KeycloakTokens;
import io.restassured.http.ContentType;

/**
 * Ticket and customer events as ticket-service publishes them, written to the real Kafka topic
 * the service consumes, and the survey definitions and links the tests work with.
 */
public final class TicketEventFixtures {

    /** The service's consumer group starts at the end of the topic: wait until it has its partitions. */
    public static void awaitConsumer() {
        KafkaEvents.awaitAssigned(ConfigProvider.getConfig().getValue("mp.messaging.incoming.ticket-events.group.id", String.class),
                Duration.ofSeconds(30));
    }

    /** A survey only for tickets with this run's tag, so other tests' tickets never trigger it. */
    public static String defineCsat(String tag, int delaySeconds) {
        return given().auth().oauth2(KeycloakTokens.user("alex")).contentType(ContentType.JSON)
                .body(Map.of("name", "CSAT " + tag, "type", "CSAT", "tags", List.of(tag), "delaySeconds", delaySeconds,
                        "throttleDays", 7, "expiryHours", 48))
                .post("/api/v1/surveys").then().statusCode(201).body("scaleMin", equalTo(1)).body("scaleMax", equalTo(5))
                .extract().path("id");
    }

    public static void publish(String type, String key, Map<String, Object> data) throws Exception {
        publishAs("acme", type, key, data);
    }

    public static void publishAs(String tenant, String type, String key, Map<String, Object> data) {
        KafkaEvents.publish("pharos.ticket.events", key, "//pharos/ticket-service", type, tenant, data);
    }

    /** An event as an import of history publishes it: with the CloudEvents extension {@code historical: true}. */
    public static void publishHistorical(String tenant, String type, String key, Map<String, Object> data) {
        io.pharos.contracts.CloudEvent<Object> event = new io.pharos.contracts.CloudEvent<>(io.pharos.contracts.CloudEvent.SPEC_VERSION,
                UUID.randomUUID(), "//pharos/ticket-service", type, key, Instant.now(), io.pharos.contracts.CloudEvent.CONTENT_TYPE, tenant,
                Boolean.TRUE, data);
        try {
            KafkaEvents.publishRaw("pharos.ticket.events", key, io.pharos.contracts.EventJson.newMapper().writeValueAsString(event));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    public static String customer(String language) throws Exception {
        String id = UUID.randomUUID().toString();
        publish("pharos.customer.created", id, Map.of("customer", Map.of("id", id, "name", "Eleni", "language", language,
                "identities", List.of(Map.of("type", "email", "value", "eleni-" + id + "@example.test")))));
        return id;
    }

    public static Map<String, Object> ticket(String id, String customer, String status, String tag) {
        Instant now = Instant.now();
        Map<String, Object> t = new java.util.HashMap<>(Map.of("id", id, "number", 1000 + (id.hashCode() & 0xfff),
                "subject", "Order late", "status", status, "priority", "normal", "channel", "email", "requesterId", customer,
                "tags", List.of(tag), "createdAt", now.minusSeconds(600).toString(), "updatedAt", now.toString()));
        t.put("assigneeId", "anna");
        t.put("team", "support");
        if (status.equals("solved")) {
            t.put("solvedAt", now.toString());
        }
        return Map.of("ticket", t);
    }

    public static String solvedTicket(String customer, String tag) throws Exception {
        String id = UUID.randomUUID().toString();
        publish("pharos.ticket.created", id, ticket(id, customer, "new", tag));
        publish("pharos.ticket.solved", id, ticket(id, customer, "solved", tag));
        return id;
    }

    public static String link(KafkaEvents.Event request) {
        Matcher m = Pattern.compile("(http://\\S+/s/[A-Za-z0-9_.-]+)\\?score=1").matcher(request.cloudEvent().path("data").path("text").asText());
        assertThat(m.find()).as(request.cloudEvent().toString()).isTrue();
        return m.group(1);
    }

    public static String path(String link) {
        return link.substring(link.indexOf("/s/"));
    }
}
