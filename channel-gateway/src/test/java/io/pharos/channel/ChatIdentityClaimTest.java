package io.pharos.channel;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.pharos.channel.messaging.ProducerSamples;
import io.pharos.channel.repository.ChatRepository;
import io.pharos.contracts.Channel;
import io.pharos.contracts.channel.ChannelEvents;
import io.pharos.testing.ChatClient;
import io.pharos.testing.EventContracts;
import io.pharos.testing.KafkaEvents;
import io.pharos.testing.Mailboxes;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;

/**
 * An address a chat or form visitor types is a claim, not proof (issue 19, point 9): the inbound
 * event says so, and a chat reply is mailed only to the address ticket-service names (a verified
 * one), never to whatever the visitor typed.
 */
@QuarkusTest
class ChatIdentityClaimTest {

    @TestHTTPResource("/")
    URI base;

    @jakarta.inject.Inject
    ChatRepository chats;

    @BeforeAll
    static void consumerReady() {
        KafkaEvents.awaitAssigned(ConfigProvider.getConfig().getValue("mp.messaging.incoming.outbound.group.id", String.class),
                Duration.ofSeconds(30));
    }

    @Test
    void aTypedEmailIsPublishedAsAClaimAndAnAwayReplyIsNotMailedToIt() throws Exception {
        String typed = "victim-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        JsonNode session = LiveChatTest.session(Map.of("name", "Mallory", "email", typed));
        String sessionId = session.path("sessionId").asText();
        String ticketId = UUID.randomUUID().toString();
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.inbound", "pharos.channel.delivery")) {
            try (ChatClient visitor = ChatClient.connect(base, session.path("socket").asText())) {
                visitor.next("ready");
                visitor.send(Map.of("type", "message", "id", "c1", "text", "Please send my invoices here."));
                visitor.next("ack");
                KafkaEvents.Event received = kafka.await(e -> ("chat:" + sessionId).equals(e.key()), 1, Duration.ofSeconds(10)).get(0);
                EventContracts.assertValid(received);
                JsonNode from = received.cloudEvent().path("data").path("from");
                assertThat(from.path("email").asText()).isEqualTo(typed);
                assertThat(from.path("chat").asText()).isEqualTo(sessionId);
                assertThat(from.path("claimed").asBoolean()).as("a typed address is a claim").isTrue();
            }
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !connected(sessionId));

            // ticket-service names no email while the claim is unverified: the reply stays in the transcript only
            ProducerSamples.publish(ChannelEvents.MESSAGE_REQUESTED, ticketId, ProducerSamples.TICKET_SERVICE, "acme",
                    ProducerSamples.reply(UUID.randomUUID(), UUID.fromString(ticketId), 78, Channel.CHAT,
                            ProducerSamples.customer(UUID.randomUUID(), null, null, null, null, sessionId), "Chat", "Your invoices: …",
                            null, List.of(), null));
            KafkaEvents.Event delivered = kafka.await(e -> ticketId.equals(e.key()), 1, Duration.ofSeconds(10)).get(0);
            assertThat(delivered.type()).isEqualTo("pharos.channel.message.delivered");
            assertThat(delivered.cloudEvent().path("data").path("status").asText()).as("in the transcript, not read live").isEqualTo("sent");
            assertThat(Mailboxes.inbox(typed, 1, Duration.ofSeconds(3))).as("nothing mailed to the typed address").isEmpty();
        }
        try (ChatClient back = ChatClient.connect(base, session.path("socket").asText())) {
            JsonNode missed = back.next(f -> "message".equals(f.path("type").asText()) && "agent".equals(f.path("from").asText()),
                    Duration.ofSeconds(10));
            assertThat(missed.path("text").asText()).isEqualTo("Your invoices: …");
        }
    }

    @Test
    void aFormsEmailIsPublishedAsAClaim() {
        String id = UUID.randomUUID().toString();
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.inbound")) {
            given().contentType(ContentType.JSON).header("X-Forwarded-For", "192.0.2." + (int) (Math.random() * 200))
                    .body(Map.of("name", "Mallory", "email", "Victim@Example.test", "message", "Change my address", "submissionId", id))
                    .when().post("/api/v1/forms/acme-form/submissions").then().statusCode(202);
            JsonNode data = MediaOnlyWebhookTest.published(kafka, "form:" + id);
            assertThat(data.path("from").path("email").asText()).isEqualTo("victim@example.test");
            assertThat(data.path("from").path("claimed").asBoolean()).isTrue();
        }
    }

    boolean connected(String sessionId) throws Exception {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> chats.visitorConnected(UUID.fromString(sessionId)));
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
