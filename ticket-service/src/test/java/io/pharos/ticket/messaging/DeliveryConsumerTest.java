package io.pharos.ticket.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.pharos.contracts.Channel;
import io.pharos.contracts.channel.ChannelEvents;
import io.pharos.contracts.channel.DeliveryReport;
import io.pharos.contracts.channel.DeliveryReport.DeliveryStatus;
import io.pharos.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * channel-gateway's delivery reports on the real pharos.channel.delivery topic move an agent's
 * reply forward (never back, except to failed), keep the email Message-ID it went out with so that
 * the customer's answer threads, and leave alone what is not a report. Samples are built from
 * {@link DeliveryReport} and checked against the published schemas first.
 */
@QuarkusTest
class DeliveryConsumerTest {

    private static final String ACME = KeycloakTokens.integrator("acme");

    @Test
    void reportsMoveTheReplyForwardAndItsMessageIdThreadsTheAnswer() throws Exception {
        String from = "d-" + UUID.randomUUID() + "@example.test";
        InboundConsumerTest.send(from, InboundConsumerTest.email(from, "<" + UUID.randomUUID() + "@m>", "Where is my parcel", "?", null));
        UUID ticketId = UUID.fromString(InboundConsumerTest.ticketsOf("email:" + from, 1).getString("items[0].id"));
        UUID first = reply(ticketId, "It left our warehouse today");
        UUID second = reply(ticketId, "Tracking: 123");
        assertThat(statusOf(ticketId, first)).isEqualTo("pending");

        String emailMessageId = "<" + UUID.randomUUID() + "@pharos.example.test>";
        // one key per ticket, as channel-gateway writes them: the reports arrive in this order
        report(ChannelEvents.MESSAGE_DELIVERED, ticketId, first, DeliveryStatus.DELIVERED, emailMessageId, null);
        report(ChannelEvents.MESSAGE_DELIVERED, ticketId, first, DeliveryStatus.READ, null, null);
        report(ChannelEvents.MESSAGE_DELIVERED, ticketId, first, DeliveryStatus.SENT, null, null); // late: changes nothing
        report(ChannelEvents.MESSAGE_FAILED, ticketId, second, DeliveryStatus.FAILED, null, "mailbox full");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(statusOf(ticketId, second)).isEqualTo("failed"));
        assertThat(statusOf(ticketId, first)).isEqualTo("read");

        // the customer answers the reply only (no ticket number, no earlier header): it threads by the kept Message-ID
        InboundConsumerTest.send(from, InboundConsumerTest.email(from, "<" + UUID.randomUUID() + "@m>", "Re: your parcel", "Thanks!",
                emailMessageId));
        assertThat(InboundConsumerTest.ticketsOf("email:" + from, 4).getList("items")).hasSize(1);
    }

    @Test
    void aReportOfARequestThatIsNoReplyIsSkipped() throws Exception {
        String from = "o-" + UUID.randomUUID() + "@example.test";
        InboundConsumerTest.send(from, InboundConsumerTest.email(from, "<" + UUID.randomUUID() + "@m>", "Hello", "?", null));
        UUID ticketId = UUID.fromString(InboundConsumerTest.ticketsOf("email:" + from, 1).getString("items[0].id"));
        UUID reply = reply(ticketId, "Hi");
        UUID surveyInvitation = UUID.randomUUID(); // channel-gateway reports those too
        report(ChannelEvents.MESSAGE_FAILED, ticketId, surveyInvitation, DeliveryStatus.FAILED, null, "no such request");
        report(ChannelEvents.MESSAGE_DELIVERED, ticketId, reply, DeliveryStatus.DELIVERED, null, null);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(statusOf(ticketId, reply)).isEqualTo("delivered"));
    }

    private static void report(io.pharos.contracts.EventType<DeliveryReport> type, UUID ticketId, UUID requestId, DeliveryStatus status,
            String emailMessageId, String reason) {
        ChannelSamples.publish(type, ticketId.toString(), new DeliveryReport(requestId, ticketId, Channel.EMAIL, status,
                "provider-" + UUID.randomUUID(), emailMessageId, status == DeliveryStatus.READ ? Instant.now() : null, reason));
    }

    /** An agent's public reply: channel-gateway is asked to deliver it, its request id is the message id. */
    private static UUID reply(UUID ticketId, String text) {
        return UUID.fromString(given().auth().oauth2(KeycloakTokens.user("anna")).contentType(ContentType.JSON).body(Map.of("text", text))
                .post("/api/v1/tickets/" + ticketId + "/messages").then().statusCode(201).extract().path("id"));
    }

    private static String statusOf(UUID ticketId, UUID messageId) {
        List<Map<String, Object>> messages = given().auth().oauth2(ACME).get("/api/v1/tickets/" + ticketId + "/messages").then()
                .statusCode(200).extract().path("");
        return messages.stream().filter(m -> messageId.toString().equals(m.get("id"))).map(m -> (String) m.get("deliveryStatus"))
                .findFirst().orElseThrow();
    }
}
