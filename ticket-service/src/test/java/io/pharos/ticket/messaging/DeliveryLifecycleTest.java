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

import org.junit.jupiter.api.Test;

import io.pharos.contracts.Channel;
import io.pharos.contracts.channel.ChannelEvents;
import io.pharos.contracts.channel.DeliveryReport;
import io.pharos.contracts.channel.DeliveryReport.DeliveryStatus;
import io.pharos.contracts.channel.MessageReceived;
import io.pharos.contracts.channel.Sender;
import io.pharos.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * An agent's reply goes through its delivery lifecycle as channel-gateway reports it: every status
 * is a step of its history with the provider's time, the status moves forward only but FAILED wins
 * (a WhatsApp "failed" after "sent"), a repeated report adds nothing, the SENT step is the reply's
 * {@code sentAt}, a template's composed text becomes the message's text, and a bounce names the
 * address that failed. The reports are what channel-gateway makes of the providers' callbacks:
 * WhatsApp Cloud API status webhooks ({@code statuses[].status} sent/delivered/read/failed with a unix
 * {@code timestamp}, {@code errors[].code} 131047 "Message failed to send because more than 24 hours have
 * passed since the customer last replied to this number." — developers.facebook.com/docs/whatsapp/cloud-api/webhooks/payload-examples
 * and .../cloud-api/support/error-codes) and an RFC 3464 delivery-status notification
 * ({@code Final-Recipient}, {@code Status: 5.1.1}).
 */
@QuarkusTest
class DeliveryLifecycleTest {

    private static final String ANNA = KeycloakTokens.user("anna");

    @Test
    void aWhatsappReplyGoesSentDeliveredReadWithHistoryAndAFailureAfterSentWins() {
        String wa = "3069" + (10_000_000 + (int) (Math.random() * 89_999_999));
        ChannelSamples.publish(ChannelEvents.MESSAGE_RECEIVED, "whatsapp:" + wa, MessageReceived.of("acme-whatsapp", Channel.WHATSAPP,
                "wamid.C" + UUID.randomUUID(), "whatsapp:" + wa, new Sender("Maria", null, null, wa, null, null, null, null, null),
                "Where is my order?", Instant.now(), Instant.now(), List.of()));
        UUID ticketId = UUID.fromString(MediaOnlyMessagesTest.messagesOf("whatsapp:" + wa, 1).getString("[0].ticketId"));
        UUID first = reply(ticketId, "It left our warehouse today");
        UUID second = reply(ticketId, "Tracking number follows");

        // webhook timestamps are unix seconds, after the replies were written
        Instant sent = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(2);
        String wamid = "wamid.HBgM" + UUID.randomUUID();
        report(ChannelEvents.MESSAGE_DELIVERED, ticketId, first, DeliveryStatus.SENT, wamid, sent, null, null);
        report(ChannelEvents.MESSAGE_DELIVERED, ticketId, first, DeliveryStatus.DELIVERED, wamid, sent.plusSeconds(2), null, null);
        report(ChannelEvents.MESSAGE_DELIVERED, ticketId, first, DeliveryStatus.READ, wamid, sent.plusSeconds(30), null, null);
        // Meta retries a webhook it thinks we missed: the same "delivered" again
        report(ChannelEvents.MESSAGE_DELIVERED, ticketId, first, DeliveryStatus.DELIVERED, wamid, sent.plusSeconds(2), null, null);

        String wamid2 = "wamid.HBgM" + UUID.randomUUID();
        report(ChannelEvents.MESSAGE_DELIVERED, ticketId, second, DeliveryStatus.SENT, wamid2, sent.plusSeconds(40), null, null);
        report(ChannelEvents.MESSAGE_FAILED, ticketId, second, DeliveryStatus.FAILED, wamid2, sent.plusSeconds(41), "131047",
                "Message failed to send because more than 24 hours have passed since the customer last replied to this number.");

        // reports of one ticket are consumed in order: once the last is in, all are
        JsonPath messages = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> messages(ticketId),
                m -> "failed".equals(message(m, second).getString("deliveryStatus")));
        JsonPath read = message(messages, first);
        assertThat(read.getString("deliveryStatus")).isEqualTo("read");
        assertThat(read.getString("delivery.status")).isEqualTo("read");
        assertThat(read.getList("delivery.history.status")).containsExactly("pending", "sent", "delivered", "read");
        assertThat(Instant.parse(read.getString("delivery.history[1].at"))).isEqualTo(sent);
        assertThat(Instant.parse(read.getString("sentAt"))).isEqualTo(sent);
        assertThat(Instant.parse(read.getString("delivery.updatedAt"))).isEqualTo(sent.plusSeconds(30));
        assertThat(read.getString("receivedAt")).isEqualTo(read.getString("createdAt"));

        JsonPath failed = message(messages, second);
        assertThat(failed.getList("delivery.history.status")).containsExactly("pending", "sent", "failed");
        assertThat(failed.getString("delivery.code")).isEqualTo("131047");
        assertThat(failed.getString("delivery.reason")).startsWith("Message failed to send because more than 24 hours");
        assertThat(failed.getString("delivery.history[2].code")).isEqualTo("131047");
        assertThat(Instant.parse(failed.getString("sentAt"))).isEqualTo(sent.plusSeconds(40));
        assertThat(Instant.parse(failed.getString("delivery.updatedAt"))).isEqualTo(sent.plusSeconds(41));

        // a "delivered" arriving after the failure does not bring the reply back
        report(ChannelEvents.MESSAGE_DELIVERED, ticketId, second, DeliveryStatus.DELIVERED, wamid2, sent.plusSeconds(42), null, null);
        UUID marker = reply(ticketId, "marker");
        report(ChannelEvents.MESSAGE_DELIVERED, ticketId, marker, DeliveryStatus.SENT, "wamid.M" + UUID.randomUUID(), null, null, null);
        JsonPath after = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> messages(ticketId),
                m -> "sent".equals(message(m, marker).getString("deliveryStatus")));
        assertThat(message(after, second).getString("deliveryStatus")).isEqualTo("failed");
        assertThat(message(after, second).getString("delivery.code")).isEqualTo("131047");

        // the agents' view: GraphQL has the same lifecycle
        JsonPath gql = MediaOnlyMessagesTest.graphql("""
                query($id: ID!) { ticket(id: $id) { messages { id sentAt receivedAt deliveryStatus
                  delivery { status code reason recipient updatedAt history { status code reason at } } } } }""",
                Map.of("id", ticketId.toString()));
        List<Map<String, Object>> nodes = gql.getList("data.ticket.messages");
        Map<String, Object> customer = nodes.get(0);
        assertThat(customer.get("delivery")).isNull();
        JsonPath node = new JsonPath(gql.prettify()).setRootPath("data.ticket.messages.find { it.id == '" + second + "' }");
        assertThat(node.getString("delivery.status")).isEqualTo("FAILED");
        assertThat(node.getList("delivery.history.status")).containsExactly("PENDING", "SENT", "FAILED");
        assertThat(node.getString("delivery.code")).isEqualTo("131047");
        assertThat(Instant.parse(node.getString("sentAt"))).isEqualTo(sent.plusSeconds(40));
    }

    @Test
    void aTemplateTheChannelComposedBecomesTheTextAndABounceNamesTheAddress() {
        String from = "b-" + UUID.randomUUID() + "@example.test";
        InboundConsumerTest.send(from, InboundConsumerTest.email(from, "<" + UUID.randomUUID() + "@m>", "Invoice", "Please resend it", null));
        UUID ticketId = UUID.fromString(InboundConsumerTest.ticketsOf("email:" + from, 1).getString("items[0].id"));
        UUID bounced = reply(ticketId, "Attached again");
        report(ChannelEvents.MESSAGE_DELIVERED, ticketId, bounced, DeliveryStatus.SENT, null, null, null, null);
        // RFC 3464: Final-Recipient: rfc822; <address>, Status: 5.1.1, Diagnostic-Code: smtp; 550 5.1.1 ... user unknown
        // (a bounce has no status time of the provider's: it is when it came)
        ChannelSamples.publish(ChannelEvents.MESSAGE_FAILED, ticketId.toString(), new DeliveryReport(bounced, ticketId, Channel.EMAIL,
                DeliveryStatus.FAILED, null, null, null, "The address does not exist (user unknown)",
                "5.1.1", from, null));

        JsonPath failed = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> message(messages(ticketId), bounced),
                m -> "failed".equals(m.getString("deliveryStatus")));
        assertThat(failed.getString("delivery.recipient")).isEqualTo(from);
        assertThat(failed.getString("delivery.code")).isEqualTo("5.1.1");
        assertThat(failed.getList("delivery.history.status")).containsExactly("pending", "sent", "failed");
        assertThat(failed.getString("sentAt")).isNotNull();

        // a WhatsApp template goes out as the channel composes it: that text is what the customer read
        String wa = "3069" + (10_000_000 + (int) (Math.random() * 89_999_999));
        ChannelSamples.publish(ChannelEvents.MESSAGE_RECEIVED, "whatsapp:" + wa, MessageReceived.of("acme-whatsapp", Channel.WHATSAPP,
                "wamid.C" + UUID.randomUUID(), "whatsapp:" + wa, new Sender("Nikos", null, null, wa, null, null, null, null, null),
                "Any news?", Instant.now(), Instant.now(), List.of()));
        UUID waTicket = UUID.fromString(MediaOnlyMessagesTest.messagesOf("whatsapp:" + wa, 1).getString("[0].ticketId"));
        UUID templated = reply(waTicket, "order_update");
        ChannelSamples.publish(ChannelEvents.MESSAGE_DELIVERED, waTicket.toString(), new DeliveryReport(templated, waTicket, Channel.WHATSAPP,
                DeliveryStatus.SENT, "wamid.T" + UUID.randomUUID(), null, Instant.now().truncatedTo(ChronoUnit.SECONDS), null, null, null,
                "Hello Nikos, your order 4411 has shipped and arrives on Friday."));
        JsonPath sent = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> message(messages(waTicket), templated),
                m -> "sent".equals(m.getString("deliveryStatus")));
        assertThat(sent.getString("text")).isEqualTo("Hello Nikos, your order 4411 has shipped and arrives on Friday.");
    }

    private static void report(io.pharos.contracts.EventType<DeliveryReport> type, UUID ticketId, UUID requestId, DeliveryStatus status,
            String providerMessageId, Instant at, String code, String reason) {
        ChannelSamples.publish(type, ticketId.toString(), new DeliveryReport(requestId, ticketId, Channel.WHATSAPP, status, providerMessageId,
                null, at, reason, code, null, null));
    }

    static UUID reply(UUID ticketId, String text) {
        return UUID.fromString(given().auth().oauth2(ANNA).contentType(ContentType.JSON).body(Map.of("text", text))
                .post("/api/v1/tickets/" + ticketId + "/messages").then().statusCode(201).extract().path("id"));
    }

    static JsonPath messages(UUID ticketId) {
        return given().auth().oauth2(ANNA).get("/api/v1/tickets/" + ticketId + "/messages").then().statusCode(200).extract().jsonPath();
    }

    static JsonPath message(JsonPath messages, UUID id) {
        return new JsonPath(messages.prettify()).setRootPath("find { it.id == '" + id + "' }");
    }
}
