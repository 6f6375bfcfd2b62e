package io.pharos.channel.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.pharos.contracts.Channel;
import io.pharos.contracts.channel.ChannelEvents;
import io.pharos.contracts.channel.MessageRequested;
import io.pharos.contracts.ticket.TicketCreated;
import io.pharos.contracts.ticket.TicketEvents;
import io.pharos.testing.EventContracts;
import io.pharos.testing.KafkaEvents;
import io.pharos.testing.Mailboxes;
import io.quarkus.test.junit.QuarkusTest;

/**
 * channel-gateway against its producers' contracts: a sample of every event type it consumes, built
 * from the producer's record as that producer builds it and checked against the published schema,
 * goes through the real topic and has its effect — the mail in the customer's mailbox (GreenMail)
 * and a delivery event that keeps its own contract.
 */
@QuarkusTest
class ConsumerContractTest {

    @BeforeAll
    static void consumersReady() {
        var config = ConfigProvider.getConfig();
        KafkaEvents.awaitAssigned(config.getValue("mp.messaging.incoming.outbound.group.id", String.class), Duration.ofSeconds(30));
        KafkaEvents.awaitAssigned(config.getValue("mp.messaging.incoming.ticket-events.group.id", String.class), Duration.ofSeconds(30));
    }

    @Test
    void ticketServicesReplyIsMailedThreadedAndReportedDelivered() throws Exception {
        String customer = mailbox("reply");
        UUID messageId = UUID.randomUUID();
        UUID ticketId = UUID.randomUUID();
        MessageRequested reply = ProducerSamples.reply(messageId, ticketId, 1042, Channel.EMAIL,
                ProducerSamples.customer(UUID.randomUUID(), customer, "+306900000123", null, null, null), "Παραγγελία 55231 δεν έφτασε",
                "Καλησπέρα Ελένη, το δέμα σας αναχώρησε σήμερα.", "<p>Καλησπέρα Ελένη, το δέμα σας αναχώρησε σήμερα.</p>",
                List.of("first-" + ticketId + "@mail.example.test", "second-" + ticketId + "@mail.example.test"), "el");
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.delivery")) {
            ProducerSamples.publish(ChannelEvents.MESSAGE_REQUESTED, ticketId.toString(), ProducerSamples.TICKET_SERVICE, "acme", reply);

            KafkaEvents.Event delivered = delivered(kafka, ticketId.toString());
            assertThat(delivered.cloudEvent().path("data").path("requestId").asText()).isEqualTo(messageId.toString());
            MimeMessage mail = only(customer);
            assertThat(mail.getSubject()).isEqualTo("[#1042] Παραγγελία 55231 δεν έφτασε");
            assertThat(mail.getHeader("In-Reply-To")[0]).isEqualTo("<second-" + ticketId + "@mail.example.test>");
            assertThat(mail.getHeader("References")[0]).contains("<first-" + ticketId + "@mail.example.test>")
                    .contains("<second-" + ticketId + "@mail.example.test>");
            assertThat(plainText(mail)).contains("το δέμα σας αναχώρησε σήμερα");
        }
    }

    @Test
    void surveyServicesInvitationIsMailedWithItsLinks() throws Exception {
        String customer = mailbox("survey");
        UUID invitationId = UUID.randomUUID();
        UUID ticketId = UUID.randomUUID();
        String link = "https://surveys.example.test/s/token-" + invitationId;
        MessageRequested invitation = ProducerSamples.invitation(invitationId, ticketId, 1077, UUID.randomUUID(), customer,
                "Πόσο ικανοποιημένοι είστε;", "Πόσο ικανοποιημένοι είστε;\n\n1: " + link + "?score=1\n5: " + link + "?score=5",
                "<p>Πόσο ικανοποιημένοι είστε;</p><p><a href=\"" + link + "?score=1\">1</a><a href=\"" + link + "?score=5\">5</a></p>", "el");
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.delivery")) {
            ProducerSamples.publish(ChannelEvents.MESSAGE_REQUESTED, ticketId.toString(), ProducerSamples.SURVEY_SERVICE, "acme", invitation);

            KafkaEvents.Event delivered = delivered(kafka, ticketId.toString());
            assertThat(delivered.cloudEvent().path("data").path("requestId").asText()).isEqualTo(invitationId.toString());
            MimeMessage mail = only(customer);
            assertThat(mail.getSubject()).isEqualTo("[#1077] Πόσο ικανοποιημένοι είστε;");
            assertThat(plainText(mail)).contains(link + "?score=5");
        }
    }

    @Test
    void analyticsDigestAboutNoTicketIsMailedAndReportedUnderItsRequest() throws Exception {
        String supervisor = mailbox("digest");
        UUID requestId = UUID.randomUUID();
        MessageRequested digest = ProducerSamples.digest(requestId, supervisor, "Sofia", "Pharos scorecard 2026-03-02 – 2026-03-08",
                "First response time: 1 h 05 min (target 2 h)", "<table><tr><td>First response time</td><td>1 h 05 min</td></tr></table>");
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.delivery")) {
            ProducerSamples.publish(ChannelEvents.MESSAGE_REQUESTED, requestId.toString(), ProducerSamples.ANALYTICS_SERVICE, "acme", digest);

            KafkaEvents.Event delivered = delivered(kafka, requestId.toString());
            assertThat(delivered.cloudEvent().path("data").path("ticketId").isNull()).isTrue();
            MimeMessage mail = only(supervisor);
            assertThat(mail.getSubject()).isEqualTo("Pharos scorecard 2026-03-02 – 2026-03-08");
            assertThat(plainText(mail)).contains("First response time: 1 h 05 min");
        }
    }

    @Test
    void ticketServicesNewTicketFromAnEmailGetsItsReceiptWithThePromise() throws Exception {
        String customer = mailbox("ack");
        UUID ticketId = UUID.randomUUID();
        String messageId = "orig-" + ticketId + "@mail.example.test"; // as channel-gateway reported it: without brackets
        TicketCreated created = ProducerSamples.ticketFromEmail(ticketId, 1077, "Παραγγελία 55231", "el", "Ελένη", customer, messageId,
                new TicketCreated.Promise("Email, forms and API", Instant.parse("2026-03-09T08:30:00Z"), "Europe/Athens", true));

        ProducerSamples.publish(TicketEvents.TICKET_CREATED, ticketId.toString(), ProducerSamples.TICKET_SERVICE, "acme", created);

        MimeMessage ack = only(customer);
        assertThat(plainText(ack).strip()).startsWith("Λάβαμε το μήνυμά σας (αίτημα #1077). Θα σας απαντήσουμε έως Δευτέρα 9 Μαρτίου, 10:30.")
                .doesNotContain("εκτός ωραρίου"); // the team is at work: no out-of-hours line
        assertThat(ack.getSubject()).isEqualTo("Re: Παραγγελία 55231 [#1077]");
        assertThat(ack.getHeader("In-Reply-To")[0]).isEqualTo("<" + messageId + ">");
        assertThat(ack.getHeader("Auto-Submitted")[0]).isEqualTo("auto-replied");
    }

    private static String mailbox(String purpose) {
        return "contract-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    }

    /** The one delivered report of an aggregate, after checking it keeps its own contract. */
    private static KafkaEvents.Event delivered(KafkaEvents kafka, String key) {
        List<KafkaEvents.Event> events = kafka.await(e -> key.equals(e.key()), 1, Duration.ofSeconds(20));
        assertThat(events).as("a delivery report for %s", key).hasSize(1);
        KafkaEvents.Event delivered = events.get(0);
        EventContracts.assertValid(delivered);
        assertThat(delivered.type()).isEqualTo("pharos.channel.message.delivered");
        assertThat(delivered.cloudEvent().path("data").path("channel").asText()).isEqualTo("email");
        return delivered;
    }

    private static MimeMessage only(String address) {
        List<MimeMessage> mails = Mailboxes.inbox(address, 1, Duration.ofSeconds(20));
        assertThat(mails).as("mails to %s", address).hasSize(1);
        return mails.get(0);
    }

    /** The text/plain body, whether the mail is plain or multipart with HTML. */
    private static String plainText(Part part) throws Exception {
        if (part.isMimeType("text/plain")) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String text = plainText(multipart.getBodyPart(i));
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
    }
}
