package io.pharos.ticket.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.pharos.contracts.Channel;
import io.pharos.contracts.channel.ChannelEvents;
import io.pharos.contracts.channel.DeliveryReport;
import io.pharos.contracts.channel.MessageEdited;
import io.pharos.contracts.channel.MessageReacted;
import io.pharos.contracts.channel.MessageReceived;
import io.pharos.contracts.channel.Sender;
import io.pharos.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A customer's edits and reactions, as channel-gateway publishes them for the providers' webhooks:
 * a Telegram {@code edited_message} update (the Message with its {@code message_id} and {@code edit_date}
 * in unix time; core.telegram.org/bots/api#update, #message) replaces the text and keeps the old one;
 * a WhatsApp Cloud API {@code type: reaction} message ({@code reaction.message_id} of the message
 * reacted to, {@code emoji} omitted when the reaction is removed;
 * developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/reaction)
 * sets, replaces or removes the customer's emoji — on their own message or on an agent's reply, known
 * by the id its delivery report recorded.
 */
@QuarkusTest
class MessageEditsAndReactionsTest {

    @Inject
    Pool pool;

    @Test
    void anEditReplacesTheTextKeepsTheOldOneAndAnOlderEditOrAnUnknownMessageChangesNothing() {
        String chat = String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L));
        Sender anna = new Sender("Anna M.", null, null, null, chat, null, null, null, "en");
        String messageId = "telegram:" + chat + ":" + (1000 + (int) (Math.random() * 1000));
        Instant sent = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(120);
        ChannelSamples.publish(ChannelEvents.MESSAGE_RECEIVED, "telegram:" + chat, MessageReceived.of("acme-telegram", Channel.TELEGRAM,
                messageId, "telegram:" + chat, anna, "I ordered the blue kettle", Instant.now(), sent, List.of()));
        String ticketId = MediaOnlyMessagesTest.messagesOf("telegram:" + chat, 1).getString("[0].ticketId");

        Instant edited = sent.plusSeconds(60);
        ChannelSamples.publish(ChannelEvents.MESSAGE_EDITED, "telegram:" + chat, new MessageEdited("acme-telegram", Channel.TELEGRAM,
                messageId, "telegram:" + chat, anna, "I ordered the red kettle", edited));
        // an earlier edit the provider delivered late: the later text stays
        ChannelSamples.publish(ChannelEvents.MESSAGE_EDITED, "telegram:" + chat, new MessageEdited("acme-telegram", Channel.TELEGRAM,
                messageId, "telegram:" + chat, anna, "I ordered the green kettle", sent.plusSeconds(30)));
        // an edit of a message Pharos never received (sent before the bot was added): ignored, not parked
        String unknown = "telegram:" + chat + ":1";
        ChannelSamples.publish(ChannelEvents.MESSAGE_EDITED, "telegram:" + chat, new MessageEdited("acme-telegram", Channel.TELEGRAM,
                unknown, "telegram:" + chat, anna, "hello again", sent.plusSeconds(90)));
        ChannelSamples.publish(ChannelEvents.MESSAGE_RECEIVED, "telegram:" + chat, MessageReceived.of("acme-telegram", Channel.TELEGRAM,
                "telegram:" + chat + ":9999", "telegram:" + chat, anna, "Thanks", Instant.now(), Instant.now(), List.of()));

        JsonPath messages = MediaOnlyMessagesTest.messagesOf("telegram:" + chat, 2);
        assertThat(messages.getString("[0].text")).isEqualTo("I ordered the red kettle");
        assertThat(Instant.parse(messages.getString("[0].editedAt"))).isEqualTo(edited);
        assertThat(messages.getList("[0].revisions.text")).containsExactly("I ordered the blue kettle");
        assertThat(Instant.parse(messages.getString("[0].revisions[0].replacedAt"))).isEqualTo(edited);
        assertThat(Instant.parse(messages.getString("[0].sentAt"))).isEqualTo(sent);
        assertThat(messages.getString("[1].editedAt")).isNull();
        assertThat(messages.getList("[1].revisions")).isEmpty();
        assertThat(parked(unknown)).isZero();

        JsonPath gql = MediaOnlyMessagesTest.graphql("""
                query($id: ID!) { ticket(id: $id) { messages { text editedAt revisions { text replacedAt } } } }""", Map.of("id", ticketId));
        assertThat(gql.getString("data.ticket.messages[0].text")).isEqualTo("I ordered the red kettle");
        assertThat(gql.getList("data.ticket.messages[0].revisions.text")).containsExactly("I ordered the blue kettle");
        assertThat(Instant.parse(gql.getString("data.ticket.messages[0].editedAt"))).isEqualTo(edited);

        List<String> actions = given().auth().oauth2(MediaOnlyMessagesTest.INTEGRATOR).get("/api/v1/tickets/" + ticketId + "/history").then()
                .statusCode(200).extract().path("action");
        assertThat(actions).containsOnlyOnce("message.edited");
    }

    @Test
    void aReactionIsSetReplacedAndRemovedOnTheCustomersMessageAndOnAnAgentsReply() {
        String wa = "3069" + (10_000_000 + (int) (Math.random() * 89_999_999));
        Sender maria = new Sender("Maria", null, null, wa, null, null, null, null, null);
        String own = "wamid.HBgLMTQx" + UUID.randomUUID();
        ChannelSamples.publish(ChannelEvents.MESSAGE_RECEIVED, "whatsapp:" + wa, MessageReceived.of("acme-whatsapp", Channel.WHATSAPP, own,
                "whatsapp:" + wa, maria, "My order 4411 is late", Instant.now(), Instant.now(), List.of()));
        JsonPath first = MediaOnlyMessagesTest.messagesOf("whatsapp:" + wa, 1);
        UUID ticketId = UUID.fromString(first.getString("[0].ticketId"));
        String requester = given().auth().oauth2(MediaOnlyMessagesTest.INTEGRATOR).get("/api/v1/tickets/" + ticketId).then().statusCode(200)
                .extract().path("requesterId");
        UUID reply = DeliveryLifecycleTest.reply(ticketId, "It ships tomorrow");
        String replyWamid = "wamid.HBgLMTQy" + UUID.randomUUID();
        ChannelSamples.publish(ChannelEvents.MESSAGE_DELIVERED, ticketId.toString(), new DeliveryReport(reply, ticketId, Channel.WHATSAPP,
                DeliveryReport.DeliveryStatus.SENT, replyWamid, null, Instant.now().truncatedTo(ChronoUnit.SECONDS), null));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> "sent".equals(DeliveryLifecycleTest.message(DeliveryLifecycleTest.messages(ticketId), reply).getString("deliveryStatus")));

        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        react(wa, replyWamid, "👍", t);
        JsonPath liked = awaitReactions(ticketId, reply, r -> r.size() == 1);
        assertThat(liked.getString("reactions[0].emoji")).isEqualTo("👍");
        assertThat(liked.getString("reactions[0].author")).isEqualTo("customer");
        assertThat(liked.getString("reactions[0].authorId")).isEqualTo(requester);
        assertThat(Instant.parse(liked.getString("reactions[0].at"))).isEqualTo(t);

        react(wa, replyWamid, "❤️", t.plusSeconds(5));
        react(wa, own, "😀", t.plusSeconds(6));
        JsonPath loved = awaitReactions(ticketId, reply, r -> r.size() == 1 && "❤️".equals(r.get(0).get("emoji")));
        assertThat(loved.getList("reactions")).hasSize(1);

        react(wa, replyWamid, null, t.plusSeconds(10));
        awaitReactions(ticketId, reply, List::isEmpty);
        JsonPath messages = DeliveryLifecycleTest.messages(ticketId);
        assertThat(messages.getList("[0].reactions.emoji")).containsExactly("😀");

        JsonPath gql = MediaOnlyMessagesTest.graphql("""
                query($id: ID!) { ticket(id: $id) { messages { reactions { emoji author authorId at } } } }""",
                Map.of("id", ticketId.toString()));
        assertThat(gql.getList("data.ticket.messages[0].reactions.emoji")).containsExactly("😀");
        assertThat(gql.getString("data.ticket.messages[0].reactions[0].author")).isEqualTo("CUSTOMER");
        assertThat(gql.getList("data.ticket.messages[1].reactions")).isEmpty();

        List<String> actions = given().auth().oauth2(MediaOnlyMessagesTest.INTEGRATOR).get("/api/v1/tickets/" + ticketId + "/history").then()
                .statusCode(200).extract().path("action");
        assertThat(actions.stream().filter("message.reacted"::equals)).hasSize(4);
    }

    private static void react(String wa, String wamid, String emoji, Instant at) {
        ChannelSamples.publish(ChannelEvents.MESSAGE_REACTED, "whatsapp:" + wa, new MessageReacted("acme-whatsapp", Channel.WHATSAPP, wamid,
                "whatsapp:" + wa, new Sender("Maria", null, null, wa, null, null, null, null, null), emoji, at));
    }

    private static JsonPath awaitReactions(UUID ticketId, UUID messageId, java.util.function.Predicate<List<Map<String, Object>>> until) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> DeliveryLifecycleTest.message(DeliveryLifecycleTest.messages(ticketId), messageId),
                        m -> until.test(m.getList("reactions")));
    }

    private long parked(String providerMessageId) {
        return pool.preparedQuery("SELECT count(*) AS n FROM dead_letter WHERE convert_from(payload, 'UTF8') LIKE $1")
                .execute(Tuple.of("%" + providerMessageId + "\"%")).await().atMost(Duration.ofSeconds(10)).iterator().next().getLong("n");
    }
}
