package io.pharos.ticket.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.pharos.contracts.Channel;
import io.pharos.contracts.channel.ChannelEvents;
import io.pharos.contracts.channel.DeliveryReport;
import io.pharos.contracts.channel.DeliveryReport.DeliveryStatus;
import io.pharos.testing.GraphQLWs;
import io.pharos.testing.KeycloakTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * An agent watching the live inbox sees a reply's delivery move: the change names the message and
 * its new status, numbered in the tenant's feed like every other change. The report is what
 * channel-gateway makes of a WhatsApp Cloud API status webhook ("status": "delivered" with its unix
 * timestamp; developers.facebook.com/docs/whatsapp/cloud-api/webhooks/payload-examples).
 */
@QuarkusTest
class DeliverySubscriptionTest {

    static final String SUBSCRIPTION = """
            subscription($since: BigInteger) {
              ticketChanged(since: $since) { sequence event ticketId messageId deliveryStatus }
            }""";

    @Inject
    Vertx vertx;

    @TestHTTPResource("/graphql")
    URI endpoint;

    @Test
    void aSubscriberSeesTheReplysNewDeliveryStatus() throws Exception {
        String anna = KeycloakTokens.user("anna");
        String ticketId = given().auth().oauth2(KeycloakTokens.integrator("acme")).contentType(ContentType.JSON)
                .body(Map.of("subject", "Parcel", "channel", "whatsapp", "requester",
                        Map.of("name", "Maria", "email", "sub-" + UUID.randomUUID() + "@example.test"),
                        "message", Map.of("text", "Where is my parcel?")))
                .post("/api/v1/tickets").then().statusCode(201).extract().path("id");
        UUID reply = DeliveryLifecycleTest.reply(UUID.fromString(ticketId), "On its way");
        Number latest = given().auth().oauth2(anna).contentType(ContentType.JSON).body(Map.of("query", "{ latestTicketChange }"))
                .post("/graphql").then().statusCode(200).extract().path("data.latestTicketChange");
        Map<String, Object> variables = new HashMap<>();
        variables.put("since", latest.longValue());
        try (GraphQLWs ws = GraphQLWs.subscribe(vertx, endpoint, anna, SUBSCRIPTION, variables)) {
            ChannelSamples.publish(ChannelEvents.MESSAGE_DELIVERED, ticketId, new DeliveryReport(reply, UUID.fromString(ticketId),
                    Channel.WHATSAPP, DeliveryStatus.DELIVERED, "wamid.S" + UUID.randomUUID(), null,
                    Instant.now().truncatedTo(ChronoUnit.SECONDS), null));
            JsonObject change = null;
            while (change == null) {
                JsonObject frame = ws.next(20);
                assertThat(frame).as("a delivery change of %s within 20 s", reply).isNotNull();
                assertThat(frame.getString("type")).as(frame.encode()).isEqualTo("next");
                JsonObject c = frame.getJsonObject("payload").getJsonObject("data").getJsonObject("ticketChanged");
                if (ticketId.equals(c.getString("ticketId")) && "pharos.ticket.message.delivery.changed".equals(c.getString("event"))) {
                    change = c;
                }
            }
            assertThat(change.getString("messageId")).isEqualTo(reply.toString());
            assertThat(change.getString("deliveryStatus")).isEqualTo("DELIVERED");
            assertThat(change.getLong("sequence")).isGreaterThan(latest.longValue());
        }
    }
}
