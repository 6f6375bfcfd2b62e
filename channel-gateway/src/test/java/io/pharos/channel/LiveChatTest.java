package io.pharos.channel;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.channel.messaging.ProducerSamples;
import io.pharos.channel.repository.ChatRepository;
import io.pharos.contracts.Channel;
import io.pharos.contracts.channel.ChannelEvents;
import io.pharos.testing.EventContracts;
import io.pharos.testing.ChatClient;
import io.pharos.testing.KafkaEvents;
import io.pharos.testing.KeycloakTokens;
import io.pharos.testing.Mailboxes;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;

/**
 * Live chat end to end on the real PostgreSQL, Kafka and Keycloak: a visitor and an agent on
 * their sockets exchange messages and typing, every visitor message reaches
 * {@code pharos.channel.inbound} before it is acknowledged, an agent's reply (a delivery request,
 * as ticket-service sends it) is pushed, and a visitor who reconnects gets what it missed.
 */
@QuarkusTest
class LiveChatTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI base;

    @jakarta.inject.Inject
    ChatRepository chats;

    boolean visitorConnected(String sessionId) throws Exception {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> chats.visitorConnected(UUID.fromString(sessionId)));
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @BeforeAll
    static void consumerReady() {
        KafkaEvents.awaitAssigned(ConfigProvider.getConfig().getValue("mp.messaging.incoming.outbound.group.id", String.class),
                Duration.ofSeconds(30));
    }

    ChatClient connect(String pathAndQuery) throws Exception {
        return ChatClient.connect(base, pathAndQuery);
    }

    static JsonNode session(Map<String, Object> body) throws Exception {
        return JSON.readTree(given().contentType(ContentType.JSON).body(body).post("/api/v1/chat/acme-chat/sessions")
                .then().statusCode(200).extract().asString());
    }

    static String agentSocket(String user) {
        return given().auth().oauth2(KeycloakTokens.user(user)).contentType(ContentType.JSON)
                .post("/api/v1/chat/acme-chat/agent-tickets").then().statusCode(200).extract().path("socket");
    }

    /** An agent's reply as ticket-service asks for it: to the visitor's session, and the email they gave. */
    static void reply(String sessionId, String requestId, String ticketId, String text, String email) {
        ProducerSamples.publish(ChannelEvents.MESSAGE_REQUESTED, ticketId, ProducerSamples.TICKET_SERVICE, "acme",
                ProducerSamples.reply(UUID.fromString(requestId), UUID.fromString(ticketId), 77, Channel.CHAT,
                        ProducerSamples.customer(UUID.randomUUID(), email, null, null, null, sessionId), "Chat", text, null, List.of(), null));
    }

    @Test
    void visitorAndAgentExchangeMessagesAndTypingAndAReconnectingVisitorGetsWhatItMissed() throws Exception {
        String email = "eleni-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        try (ChatClient agent = connect(agentSocket("anna"));
                KafkaEvents kafka = new KafkaEvents("pharos.channel.inbound", "pharos.channel.delivery")) {
            agent.next("ready");
            JsonNode session = session(Map.of("name", "Ελένη", "email", email, "language", "el"));
            assertThat(session.path("agentsOnline").asBoolean()).isTrue();
            String sessionId = session.path("sessionId").asText();
            String ticketId = UUID.randomUUID().toString();

            ChatClient visitor = connect(session.path("socket").asText());
            assertThat(visitor.next("ready").path("lastSeq").asInt()).isZero();

            // agents see what the visitor is typing before it is sent
            visitor.send(Map.of("type", "typing", "draft", "Γεια σας, η παραγγ"));
            JsonNode draft = agent.next("typing");
            assertThat(draft.path("sessionId").asText()).isEqualTo(sessionId);
            assertThat(draft.path("draft").asText()).isEqualTo("Γεια σας, η παραγγ");

            // a message: acknowledged once it is in Kafka, shown to the agent
            visitor.send(Map.of("type", "message", "id", "m1", "text", "Γεια σας, η παραγγελία 1042 δεν ήρθε."));
            assertThat(visitor.next("ack").path("seq").asInt()).isEqualTo(1);
            KafkaEvents.Event received = kafka.await(e -> ("chat:" + sessionId).equals(e.key()), 1, Duration.ofSeconds(10)).get(0);
            EventContracts.assertValid(received);
            JsonNode data = received.cloudEvent().path("data");
            assertThat(received.type()).isEqualTo("pharos.channel.message.received");
            assertThat(data.path("channel").asText()).isEqualTo("chat");
            assertThat(data.path("text").asText()).isEqualTo("Γεια σας, η παραγγελία 1042 δεν ήρθε.");
            assertThat(data.path("from").path("chat").asText()).isEqualTo(sessionId);
            assertThat(data.path("from").path("email").asText()).isEqualTo(email);
            assertThat(data.path("chat").path("offline").asBoolean()).isFalse();
            JsonNode shown = agent.next("message");
            assertThat(shown.path("from").asText()).isEqualTo("visitor");
            assertThat(shown.path("visitor").path("name").asText()).isEqualTo("Ελένη");

            // the widget resends a message it got no ack for: acknowledged again, stored and published once
            visitor.send(Map.of("type", "message", "id", "m1", "text", "Γεια σας, η παραγγελία 1042 δεν ήρθε."));
            assertThat(visitor.next("ack").path("seq").asInt()).isEqualTo(1);
            assertThat(kafka.during(Duration.ofSeconds(2), e -> ("chat:" + sessionId).equals(e.key()))).hasSize(1);

            // the visitor sees "agent is typing", then the reply, pushed
            agent.send(Map.of("type", "typing", "sessionId", sessionId, "typing", true));
            assertThat(visitor.next("typing").path("typing").asBoolean()).isTrue();
            reply(sessionId, UUID.randomUUID().toString(), ticketId, "Καλησπέρα Ελένη, το ελέγχω αμέσως.", email);
            // (with the whole suite running, ticket-service's receipt may arrive too: a "system" message)
            JsonNode pushed = visitor.next(f -> "message".equals(f.path("type").asText()) && "agent".equals(f.path("from").asText()),
                    Duration.ofSeconds(10));
            int replySeq = pushed.path("seq").asInt();
            assertThat(replySeq).isGreaterThan(1);
            assertThat(pushed.path("text").asText()).isEqualTo("Καλησπέρα Ελένη, το ελέγχω αμέσως.");
            Predicate<KafkaEvents.Event> deliveredOfTicket = e -> ticketId.equals(e.key()) && "pharos.channel.message.delivered".equals(e.type());
            KafkaEvents.Event deliveredEvent = kafka.await(deliveredOfTicket, 1, Duration.ofSeconds(10)).get(0);
            EventContracts.assertValid(deliveredEvent);
            JsonNode delivered = deliveredEvent.cloudEvent();
            assertThat(delivered.path("data").path("providerMessageId").asText()).isEqualTo("chat:" + sessionId + ":" + replySeq);
            assertThat(delivered.path("data").path("status").asText()).as("pushed to the connected visitor").isEqualTo("delivered");

            // the visitor leaves; a reply meanwhile is kept (and mailed, since nobody reads it live)
            visitor.close();
            Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> !visitorConnected(sessionId));
            reply(sessionId, UUID.randomUUID().toString(), ticketId, "Η παραγγελία σας φεύγει αύριο.", email);
            List<KafkaEvents.Event> both = kafka.await(deliveredOfTicket, 2, Duration.ofSeconds(10));
            both.forEach(EventContracts::assertValid);
            assertThat(both.get(1).cloudEvent().path("data").path("status").asText()).as("kept for a visitor who is away").isEqualTo("sent");
            List<MimeMessage> mail = Mailboxes.inbox(email, 1, Duration.ofSeconds(10));
            assertThat(mail.get(0).getContent().toString()).contains("Η παραγγελία σας φεύγει αύριο.");

            // back again after the reply it saw: what it missed first, then ready
            ChatClient back = connect(session.path("socket").asText() + "&after=" + replySeq);
            JsonNode missed = back.next("message");
            assertThat(missed.path("seq").asInt()).isEqualTo(replySeq + 1);
            assertThat(missed.path("text").asText()).isEqualTo("Η παραγγελία σας φεύγει αύριο.");
            assertThat(back.next("ready").path("lastSeq").asInt()).isEqualTo(replySeq + 1);

            // and the transcript is there for the agent too
            agent.send(Map.of("type", "history", "sessionId", sessionId, "after", 0));
            assertThat(agent.next("history").path("messages")).extracting(m -> m.path("from").asText())
                    .filteredOn(from -> !"system".equals(from)).containsExactly("visitor", "agent", "agent");
            back.close();
        }
    }

    @Test
    void withNobodyOnlineTheSessionIsOfflineAndItsMessagesStillOpenAConversation() throws Exception {
        JsonNode session = session(Map.of("email", "offline-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test"));
        assertThat(session.path("agentsOnline").asBoolean()).isFalse();
        assertThat(session.path("emailKnown").asBoolean()).isTrue();
        String sessionId = session.path("sessionId").asText();
        try (ChatClient visitor = connect(session.path("socket").asText()); KafkaEvents kafka = new KafkaEvents("pharos.channel.inbound")) {
            visitor.next("ready");
            visitor.send(Map.of("type", "message", "id", "offline-1", "text", "Is anyone there? Please email me."));
            visitor.next("ack");
            KafkaEvents.Event received = kafka.await(e -> ("chat:" + sessionId).equals(e.key()), 1, Duration.ofSeconds(10)).get(0);
            EventContracts.assertValid(received);
            JsonNode data = received.cloudEvent().path("data");
            assertThat(data.path("chat").path("offline").asBoolean()).isTrue();
            assertThat(data.path("from").path("email").asText()).startsWith("offline-");
        }
        // resuming with the token keeps the visitor (and so the conversation)
        JsonNode resumed = session(Map.of("token", session.path("token").asText(), "name", "Nikos"));
        assertThat(resumed.path("sessionId").asText()).isEqualTo(sessionId);
    }

    @Test
    void badFramesGetAnErrorAndChangeNothing() throws Exception {
        JsonNode session = session(Map.of());
        String sessionId = session.path("sessionId").asText();
        try (ChatClient visitor = connect(session.path("socket").asText()); KafkaEvents kafka = new KafkaEvents("pharos.channel.inbound")) {
            visitor.next("ready");
            visitor.ws.sendText("not json", true).get(5, TimeUnit.SECONDS);
            assertThat(visitor.next("error").path("code").asText()).isEqualTo("malformed-json");
            visitor.send(Map.of("type", "message", "id", "e1", "text", "   "));
            JsonNode error = visitor.next("error");
            assertThat(error.path("code").asText()).isEqualTo("validation");
            assertThat(error.path("id").asText()).isEqualTo("e1");
            visitor.send(Map.of("type", "message", "id", "e2", "text", "x".repeat(5001)));
            assertThat(visitor.next("error").path("id").asText()).isEqualTo("e2");
            visitor.send(Map.of("type", "dance"));
            assertThat(visitor.next("error").path("code").asText()).isEqualTo("validation");
            assertThat(kafka.during(Duration.ofSeconds(2), e -> ("chat:" + sessionId).equals(e.key()))).isEmpty();
        }
    }

    @Test
    void socketsWithoutAValidCredentialAreRefusedBeforeTheyOpen() throws Exception {
        String token = session(Map.of()).path("token").asText();
        String altered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
        for (String path : List.of("/chat/acme-chat?token=" + altered, "/chat/acme-chat", "/chat/acme-form?token=" + token,
                "/chat/acme-chat/agent?ticket=" + token, "/chat/acme-chat/agent")) {
            assertThatThrownBy(() -> connect(path)).as(path).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(WebSocketHandshakeException.class)
                    .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(401));
        }
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/chat/acme-form/sessions").then().statusCode(404)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("email", "not an address")).post("/api/v1/chat/acme-chat/sessions").then()
                .statusCode(400).body("type", equalTo("urn:pharos:problem:validation"));
        // another tenant's agent gets no ticket for acme's chat; a customer without a token gets none at all
        given().auth().oauth2(KeycloakTokens.user("gina")).contentType(ContentType.JSON).post("/api/v1/chat/acme-chat/agent-tickets").then()
                .statusCode(404);
        given().contentType(ContentType.JSON).post("/api/v1/chat/acme-chat/agent-tickets").then().statusCode(401);
    }

    @Test
    void theWidgetIsServed() {
        given().get("/chat-widget/index.html").then().statusCode(200).contentType(ContentType.HTML)
                .body(org.hamcrest.Matchers.containsString("widget.js"));
        given().get("/chat-widget/widget.js").then().statusCode(200).body(org.hamcrest.Matchers.containsString("/sessions"));
    }
}
