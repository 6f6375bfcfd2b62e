package io.pharos.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.pharos.channel.domain.Delivery;
import io.pharos.channel.model.ChannelAccount;
import io.pharos.channel.model.ChannelType;
import io.pharos.channel.service.channels.Channels;
import io.pharos.channel.service.email.ImapPoller;
import io.pharos.testing.EventContracts;
import io.pharos.testing.KafkaEvents;
import io.pharos.testing.Mailboxes;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/**
 * A bounce (RFC 3464 delivery status notification, as Postfix sends it: samples 33 and 34 of
 * src/test/resources/mail) of a reply we sent fails that reply: its delivery row turns FAILED and
 * {@code pharos.channel.message.failed} carries the status code, the failed recipient and the reason,
 * over the webhook and over IMAP alike. It never becomes a customer message; a delay, or a bounce of
 * a message that is not ours, reports nothing.
 */
@QuarkusTest
class EmailBounceTest {

    /** The Message-ID the returned headers of sample 33 name, and the returned message of sample 34. */
    static final String FAILED_SAMPLE_ID = "pharos.6d0c3f5e-7a1b-4c2d-9e8f-0a1b2c3d4e5f@acme.test";
    static final String DELAYED_SAMPLE_ID = "pharos.1e2d3c4b-5a69-4788-9aab-bccddeeff001@acme.test";

    @Inject
    Channels channels;

    @Inject
    ImapPoller poller;

    /** A reply of ours as Deliveries leaves it once SMTP took it: DELIVERED, under the Message-ID it went out with. */
    record Sent(String requestId, String ticketId, String messageId) {
    }

    static Sent sentReply() throws Throwable {
        String requestId = UUID.randomUUID().toString();
        Delivery d = new Delivery();
        d.requestId = requestId;
        d.tenant = "acme";
        d.channelId = "acme-email";
        d.ticketId = UUID.randomUUID().toString();
        d.status = Delivery.Status.DELIVERED;
        d.attempts = 1;
        d.providerMessageId = "pharos." + requestId + "@acme.test";
        d.createdAt = d.updatedAt = Instant.now();
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Panache.getSession().flatMap(s -> s.persist(d))));
        return new Sent(requestId, d.ticketId, d.providerMessageId);
    }

    static Delivery.Status status(String requestId) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Panache.getSession()
                .flatMap(s -> s.find(Delivery.class, requestId)))).status;
    }

    /** A corpus bounce with a Message-ID of its own, about the given message of ours. */
    static byte[] bounce(String sample, String sampleAbout, String about, String bounceId) throws Exception {
        String raw = new String(EmailChannelTest.sample(sample, bounceId), StandardCharsets.ISO_8859_1);
        return raw.replace(sampleAbout, about).getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Hands a raw mail to GreenMail's SMTP for a mailbox, byte for byte, as the sending MTA would
     * ({@code sendMessage}, unlike {@code Transport.send}, keeps its Message-ID and headers).
     */
    static void deliver(String mailbox, String envelopeFrom, byte[] raw) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "localhost");
        props.put("mail.smtp.port", "3025");
        props.put("mail.smtp.from", envelopeFrom);
        Session session = Session.getInstance(props);
        MimeMessage mail = new MimeMessage(session, new ByteArrayInputStream(raw));
        try (Transport smtp = session.getTransport("smtp")) {
            smtp.connect();
            smtp.sendMessage(mail, new InternetAddress[] { new InternetAddress(mailbox) });
        }
    }

    @Test
    void aBounceOfOurReplyOverTheWebhookFailsItWithTheStatusCodeAndRecipientOnce() throws Throwable {
        Sent reply = sentReply();
        String bounceId = "dsn-" + UUID.randomUUID() + "@mx.example.test";
        byte[] dsn = bounce("33-bounce-dsn-our-reply.eml", FAILED_SAMPLE_ID, reply.messageId(), bounceId);
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.delivery", "pharos.channel.inbound")) {
            EmailChannelTest.post(EmailChannelTest.BASIC, dsn).statusCode(200).body("status", equalTo("bounce-recorded"))
                    .body("providerMessageId", equalTo(bounceId));
            List<KafkaEvents.Event> reports = kafka.await(e -> reply.ticketId().equals(e.key()), 1, Duration.ofSeconds(20));
            assertThat(reports).hasSize(1);
            EventContracts.assertValid(reports.get(0));
            assertThat(reports.get(0).type()).isEqualTo("pharos.channel.message.failed");
            JsonNode data = reports.get(0).cloudEvent().path("data");
            assertThat(data.path("requestId").asText()).isEqualTo(reply.requestId());
            assertThat(data.path("ticketId").asText()).isEqualTo(reply.ticketId());
            assertThat(data.path("status").asText()).isEqualTo("failed");
            assertThat(data.path("channel").asText()).isEqualTo("email");
            assertThat(data.path("code").asText()).isEqualTo("5.1.1");
            assertThat(data.path("recipient").asText()).isEqualTo("nobody@example.test");
            assertThat(data.path("emailMessageId").asText()).isEqualTo(reply.messageId());
            assertThat(data.path("reason").asText()).startsWith("The address does not exist (5.1.1, permanent failure).")
                    .contains("User unknown in virtual mailbox table");
            assertThat(status(reply.requestId())).isEqualTo(Delivery.Status.FAILED);

            EmailChannelTest.post(EmailChannelTest.BASIC, dsn).statusCode(200).body("status", equalTo("duplicate"));
            assertThat(kafka.during(Duration.ofSeconds(3), e -> reply.ticketId().equals(e.key()))).as("reported once").hasSize(1);
            assertThat(kafka.during(Duration.ZERO, e -> bounceId.equals(e.cloudEvent().path("data").path("providerMessageId").asText())))
                    .as("never a customer message").isEmpty();
        }
    }

    @Test
    void aDelayAndABounceOfSomeoneElsesMessageReportNothing() throws Throwable {
        Sent reply = sentReply();
        String run = UUID.randomUUID().toString();
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.delivery", "pharos.channel.inbound")) {
            EmailChannelTest.post(EmailChannelTest.BASIC, bounce("34-bounce-dsn-delayed.eml", DELAYED_SAMPLE_ID, reply.messageId(),
                    "delay-" + run + "@mx.example.test")).statusCode(200).body("status", equalTo("ignored-bounce"));
            EmailChannelTest.post(EmailChannelTest.BASIC, bounce("33-bounce-dsn-our-reply.eml", FAILED_SAMPLE_ID,
                    "pharos." + UUID.randomUUID() + "@acme.test", "stranger-" + run + "@mx.example.test")).statusCode(200)
                    .body("status", equalTo("ignored-bounce"));
            assertThat(kafka.during(Duration.ofSeconds(3), e -> reply.ticketId().equals(e.key())
                    || e.cloudEvent().path("data").path("providerMessageId").asText().contains(run))).isEmpty();
            assertThat(status(reply.requestId())).as("a delay is no failure").isEqualTo(Delivery.Status.DELIVERED);
        }
    }

    @Test
    void aBounceFetchedOverImapFailsTheReplyToo() throws Throwable {
        Sent reply = sentReply();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String mailbox = "bounces-" + run + "@acme.test";
        VertxContextSupport.subscribeAndAwait(() -> channels.add("test-bounce-" + run, "acme", ChannelType.EMAIL, "Bounce test", mailbox,
                Map.of("imapHost", "localhost", "imapPort", "3143", "imapUser", mailbox),
                Map.of("webhookSecret", "x", "imapPassword", mailbox), Map.of()));
        ChannelAccount channel = VertxContextSupport.subscribeAndAwait(() -> channels.get("test-bounce-" + run));
        deliver(mailbox, "MAILER-DAEMON@mx.example.test", bounce("33-bounce-dsn-our-reply.eml", FAILED_SAMPLE_ID, reply.messageId(),
                "imap-dsn-" + run + "@mx.example.test"));
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.delivery", "pharos.channel.inbound")) {
            assertThat(Mailboxes.inbox(mailbox, 1, Duration.ofSeconds(10))).hasSize(1);
            assertThat(poller.poll(channel)).isEqualTo(1);
            List<KafkaEvents.Event> reports = kafka.await(e -> reply.ticketId().equals(e.key()), 1, Duration.ofSeconds(20));
            assertThat(reports).hasSize(1);
            EventContracts.assertValid(reports.get(0));
            JsonNode data = reports.get(0).cloudEvent().path("data");
            assertThat(reports.get(0).type()).isEqualTo("pharos.channel.message.failed");
            assertThat(data.path("code").asText()).isEqualTo("5.1.1");
            assertThat(data.path("recipient").asText()).isEqualTo("nobody@example.test");
            assertThat(kafka.during(Duration.ofSeconds(2), e -> ("imap-dsn-" + run + "@mx.example.test")
                    .equals(e.cloudEvent().path("data").path("providerMessageId").asText()))).as("never a customer message").isEmpty();
            assertThat(status(reply.requestId())).isEqualTo(Delivery.Status.FAILED);
        }
    }
}
