package io.pharos.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.pharos.channel.messaging.ProducerSamples;
import io.pharos.contracts.ticket.TicketCreated;
import io.pharos.contracts.ticket.TicketEvents;
import io.pharos.testing.KafkaEvents;
import io.pharos.testing.Mailboxes;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A new ticket from a customer's email (as ticket-service announces it, with the promise its SLA
 * made) gets one receipt in the customer's mailbox (the real GreenMail): in their language, with
 * the promised time in the tenant's zone, marked auto-replied, threaded under their message.
 */
@QuarkusTest
class AcknowledgementTest {

    @BeforeAll
    static void consumerReady() {
        KafkaEvents.awaitAssigned(ConfigProvider.getConfig().getValue("mp.messaging.incoming.ticket-events.group.id", String.class),
                Duration.ofSeconds(30));
    }

    static void created(String ticketId, String customer, String language, TicketCreated.Promise promise) {
        TicketCreated created = ProducerSamples.ticketFromEmail(UUID.fromString(ticketId), 1077, "Παραγγελία 55231", language, "Ελένη",
                customer, "<orig-" + ticketId + "@mail.example.test>", promise);
        ProducerSamples.publish(TicketEvents.TICKET_CREATED, ticketId, ProducerSamples.TICKET_SERVICE, "acme", created);
    }

    @Test
    void aGreekCustomerWritingAfterHoursIsToldWhenTheReplyComesOnce() throws Exception {
        String ticket = UUID.randomUUID().toString();
        String customer = "ack-" + ticket.substring(0, 8) + "@example.test";
        TicketCreated.Promise promise = new TicketCreated.Promise("Email, forms and API", Instant.parse("2026-03-09T08:30:00Z"),
                "Europe/Athens", false);
        try (KafkaEvents delivery = new KafkaEvents("pharos.channel.delivery")) {
            created(ticket, customer, "el", promise);
            created(ticket, customer, "el", promise); // a redelivered event: still one receipt
            List<MimeMessage> mails = Mailboxes.inbox(customer, 1, Duration.ofSeconds(20));
            // the redelivered event must change nothing: the inbox stays at one receipt for a while
            Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> Mailboxes.inbox(customer, 2, Duration.ofMillis(10)).size() == 1);
            mails = Mailboxes.inbox(customer, 2, Duration.ofSeconds(1));
            assertThat(mails).hasSize(1);
            MimeMessage ack = mails.get(0);
            String text = ((String) ack.getContent()).strip();
            assertThat(text).startsWith("Λάβαμε το μήνυμά σας (αίτημα #1077). Θα σας απαντήσουμε έως Δευτέρα 9 Μαρτίου, 10:30.")
                    .contains("εκτός ωραρίου");
            assertThat(ack.getHeader("Auto-Submitted")[0]).isEqualTo("auto-replied");
            assertThat(ack.getHeader("In-Reply-To")[0]).isEqualTo("<orig-" + ticket + "@mail.example.test>");
            assertThat(ack.getSubject()).isEqualTo("Re: Παραγγελία 55231 [#1077]");
            // not a message of the ticket: nothing for ticket-service to update
            assertThat(delivery.during(Duration.ofSeconds(2), e -> ticket.equals(e.key()))).isEmpty();
        }
    }

    @Test
    void withoutAPromiseItSaysAsSoonAsWeCanRatherThanATime() throws Exception {
        String ticket = UUID.randomUUID().toString();
        String customer = "ack-" + ticket.substring(0, 8) + "@example.test";
        created(ticket, customer, "en", null);
        List<MimeMessage> mails = Mailboxes.inbox(customer, 1, Duration.ofSeconds(20));
        assertThat(mails).hasSize(1);
        assertThat(((String) mails.get(0).getContent()).strip())
                .isEqualTo("We received your message (request #1077). We will reply as soon as we can.");
    }
}
