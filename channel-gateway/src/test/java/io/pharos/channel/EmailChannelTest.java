package io.pharos.channel;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.pharos.attachments.AttachmentStore;
import io.pharos.attachments.ContentAddress;
import io.pharos.attachments.ContentMissing;
import io.pharos.channel.messaging.ProducerSamples;
import io.pharos.channel.model.ChannelAccount;
import io.pharos.channel.model.ChannelType;
import io.pharos.channel.service.channels.Channels;
import io.pharos.channel.service.email.ImapPoller;
import io.pharos.contracts.Channel;
import io.pharos.contracts.channel.Attachment;
import io.pharos.contracts.channel.ChannelEvents;
import io.pharos.contracts.channel.MessageRequested;
import io.pharos.testing.EventContracts;
import io.pharos.testing.KafkaEvents;
import io.pharos.testing.Mailboxes;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/**
 * Email in and out against the real GreenMail server (SMTP 3025, IMAP 3143) and the real Kafka:
 * raw MIME over the webhook, IMAP polling, and replies sent over SMTP that thread in the
 * customer's mailbox, each request delivered once.
 */
@QuarkusTest
class EmailChannelTest {

    static final String BASIC = "Basic " + Base64.getEncoder().encodeToString("acme-email:acme-email-secret".getBytes(StandardCharsets.UTF_8));

    @Inject
    Channels channels;

    @Inject
    ImapPoller poller;
    @Inject
    AttachmentStore store;
    @Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    @Inject
    io.pharos.channel.service.email.ImapIdler idler;

    @BeforeAll
    static void consumerReady() {
        KafkaEvents.awaitAssigned(ConfigProvider.getConfig().getValue("mp.messaging.incoming.outbound.group.id", String.class),
                Duration.ofSeconds(30));
    }

    /** A corpus sample with a Message-ID of its own, so that every run is new to the receipts. */
    static byte[] sample(String name, String messageId) throws Exception {
        try (InputStream in = EmailChannelTest.class.getResourceAsStream("/mail/" + name)) {
            String raw = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return raw.replaceFirst("(?m)^Message-ID: <[^>]+>", "Message-ID: <" + messageId + ">").getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    static io.restassured.response.ValidatableResponse post(String auth, byte[] body) {
        var request = given().contentType("message/rfc822").body(body);
        if (auth != null) {
            request.header("Authorization", auth);
        }
        return request.when().post("/webhooks/email/acme-email").then();
    }

    /** A new email channel of acme that reads the GreenMail mailbox over IMAP. */
    ChannelAccount imapChannel(String id, String mailbox) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> channels.add(id, "acme", ChannelType.EMAIL, "IMAP test", mailbox,
                Map.of("imapHost", "localhost", "imapPort", "3143", "imapUser", mailbox),
                Map.of("webhookSecret", "x", "imapPassword", mailbox), Map.of()));
        return VertxContextSupport.subscribeAndAwait(() -> channels.get(id));
    }

    @Test
    void aGreekMailOverTheWebhookBecomesOneEventHoweverOftenItIsRetried() throws Exception {
        String id = "webhook-" + UUID.randomUUID() + "@mail.example.test";
        byte[] mail = sample("01-greek-utf8-quoted-printable.eml", id);
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.inbound")) {
            post(BASIC, mail).statusCode(200).body("status", equalTo("accepted")).body("providerMessageId", equalTo(id));
            for (int i = 0; i < 4; i++) {
                post(BASIC, mail).statusCode(200).body("status", equalTo("duplicate"));
            }
            List<KafkaEvents.Event> events = kafka.during(Duration.ofSeconds(3), e -> id.equals(e.cloudEvent().path("data").path("providerMessageId").asText()));
            assertThat(events).hasSize(1);
            EventContracts.assertValid(events.get(0));
            var event = events.get(0).cloudEvent();
            assertThat(event.path("type").asText()).isEqualTo("pharos.channel.message.received");
            assertThat(event.path("tenant").asText()).isEqualTo("acme");
            assertThat(events.get(0).key()).isEqualTo("email:eleni@example.test");
            assertThat(events.get(0).contentType()).startsWith("application/cloudevents+json");
            var data = event.path("data");
            assertThat(data.path("channelId").asText()).isEqualTo("acme-email");
            assertThat(data.path("channel").asText()).isEqualTo("email");
            assertThat(data.path("subject").asText()).isEqualTo("Παραγγελία 55231 δεν έφτασε");
            assertThat(data.path("from").path("name").asText()).isEqualTo("Ελένη Παπαδοπούλου");
            assertThat(data.path("from").path("email").asText()).isEqualTo("eleni@example.test");
            assertThat(data.path("text").asText()).contains("δεν έχει φτάσει ακόμα");
            assertThat(data.path("email").path("messageId").asText()).isEqualTo(id);
        }
    }

    @Test
    void attachmentsGoToTheStoreAtOnce() throws Exception {
        String id = "attachment-" + UUID.randomUUID() + "@mail.example.test";
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.inbound")) {
            post(BASIC, sample("04-mixed-attachment-greek-filename.eml", id)).statusCode(200).body("status", equalTo("accepted"));
            KafkaEvents.Event received = kafka.await(e -> id.equals(e.cloudEvent().path("data").path("providerMessageId").asText()), 1,
                    Duration.ofSeconds(10)).get(0);
            EventContracts.assertValid(received);
            var attachment = received.cloudEvent().path("data").path("attachments").get(0);
            assertThat(attachment.path("status").asText()).isEqualTo("stored");
            assertThat(attachment.path("id").asText()).isEqualTo(Attachment.idOf("acme-email", id, 0).toString());
            assertThat(attachment.path("name").asText()).isEqualTo("τιμολόγιο-55231.pdf");
            assertThat(attachment.path("scan").path("verdict").asText()).isEqualTo("not_scanned");
            byte[] content = store.get("acme", attachment.path("sha256").asText()).await().atMost(Duration.ofSeconds(10));
            assertThat(content).hasSize(attachment.path("size").asInt()).hasSize(2048 + 16);
            assertThat(ContentAddress.sha256(content)).isEqualTo(attachment.path("sha256").asText());
            assertThat(new String(content, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
            // the bytes never travel in the event, and another tenant's store holds nothing at that address
            assertThat(attachment.has("content")).isFalse();
            assertThatThrownBy(() -> store.get("globex", attachment.path("sha256").asText()).await().atMost(Duration.ofSeconds(10)))
                    .isInstanceOf(ContentMissing.class);
        }
    }

    @Test
    void aMailWithAPdfAndAnInlineImageInGreenMailHasBothStored() throws Throwable {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String mailbox = "media-" + run + "@acme.test";
        ChannelAccount channel = imapChannel("test-media-" + run, mailbox);
        byte[] pdf = ("%PDF-1.4\n% invoice " + run + "\n" + "0".repeat(3000) + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
        byte[] png = InboundMediaTest.png();
        String mime = "From: Maria <maria-" + run + "@example.test>\r\nTo: " + mailbox + "\r\nSubject: Invoice and the broken box\r\n"
                + "Message-ID: <inline-" + run + "@example.test>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"mixed\"\r\n\r\n"
                + "--mixed\r\nContent-Type: multipart/related; boundary=\"related\"\r\n\r\n"
                + "--related\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n<p>The box: <img src=\"cid:box-" + run + "@example.test\"></p>\r\n"
                + "--related\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\nContent-ID: <box-" + run + "@example.test>\r\n"
                + "Content-Disposition: inline; filename=\"box.png\"\r\n\r\n" + Base64.getMimeEncoder().encodeToString(png) + "\r\n"
                + "--related--\r\n"
                + "--mixed\r\nContent-Type: application/pdf; name=\"invoice.pdf\"\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"invoice.pdf\"\r\n\r\n" + Base64.getMimeEncoder().encodeToString(pdf) + "\r\n"
                + "--mixed--\r\n";
        EmailBounceTest.deliver(mailbox, "maria-" + run + "@example.test", mime.getBytes(StandardCharsets.US_ASCII));
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.inbound")) {
            assertThat(poller.poll(channel)).isEqualTo(1);
            KafkaEvents.Event received = kafka.await(e -> ("email:maria-" + run + "@example.test").equals(e.key()), 1, Duration.ofSeconds(10)).get(0);
            EventContracts.assertValid(received);
            var attachments = received.cloudEvent().path("data").path("attachments");
            assertThat(attachments).hasSize(2);
            for (var a : attachments) {
                assertThat(a.path("status").asText()).isEqualTo("stored");
                byte[] expected = a.path("inline").asBoolean() ? png : pdf;
                assertThat(a.path("sha256").asText()).isEqualTo(ContentAddress.sha256(expected));
                assertThat(store.get("acme", a.path("sha256").asText()).await().atMost(Duration.ofSeconds(10))).isEqualTo(expected);
            }
            var inline = attachments.get(0).path("inline").asBoolean() ? attachments.get(0) : attachments.get(1);
            assertThat(inline.path("contentId").asText()).isEqualTo("box-" + run + "@example.test");
        }
    }

    @Test
    void aMailWithMoreFilesThanTheLimitStillArrivesWithTheRestFailed() throws Exception {
        String id = "many-" + UUID.randomUUID() + "@mail.example.test";
        StringBuilder mime = new StringBuilder("From: Kostas <kostas@example.test>\r\nTo: support@acme.test\r\nSubject: All the receipts\r\n"
                + "Message-ID: <" + id + ">\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nHere they are.\r\n");
        // the default limit keeps 20 files of one message
        for (int i = 0; i < 21; i++) {
            mime.append("--b\r\nContent-Type: text/plain; name=\"receipt-").append(i).append(".txt\"\r\nContent-Disposition: attachment; filename=\"receipt-")
                    .append(i).append(".txt\"\r\n\r\nreceipt ").append(i).append(' ').append(id).append("\r\n");
        }
        mime.append("--b--\r\n");
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.inbound")) {
            post(BASIC, mime.toString().getBytes(StandardCharsets.US_ASCII)).statusCode(200).body("status", equalTo("accepted"));
            KafkaEvents.Event received = kafka.await(e -> id.equals(e.cloudEvent().path("data").path("providerMessageId").asText()), 1,
                    Duration.ofSeconds(10)).get(0);
            EventContracts.assertValid(received);
            var attachments = received.cloudEvent().path("data").path("attachments");
            assertThat(attachments).hasSize(21);
            for (int i = 0; i < 20; i++) {
                assertThat(attachments.get(i).path("status").asText()).isEqualTo("stored");
            }
            assertThat(attachments.get(20).path("status").asText()).isEqualTo("failed");
            assertThat(attachments.get(20).path("reason").asText()).contains("more files than this help desk keeps of one message (20)");
            assertThat(attachments.get(20).path("sha256").isMissingNode() || attachments.get(20).path("sha256").isNull()).isTrue();
        }
    }

    @Test
    void partsKeptBeforeTheStoreAreStillServedToTheirTenantOnly() throws Throwable {
        UUID id = UUID.randomUUID();
        byte[] pdf = "%PDF-1.4 kept in the database before the store".getBytes(StandardCharsets.US_ASCII);
        VertxContextSupport.subscribeAndAwait(() -> pool.preparedQuery("INSERT INTO attachment (id, tenant, channel_id, provider_message_id,"
                + " name, content_type, size, content, created_at) VALUES ($1, 'acme', 'acme-email', $2, 'τιμολόγιο.pdf', 'application/pdf', $3, $4, now())")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(id, "legacy-" + id, (long) pdf.length, io.vertx.core.buffer.Buffer.buffer(pdf))));
        String url = "/api/v1/attachments/" + id;
        byte[] content = given().auth().oauth2(io.pharos.testing.KeycloakTokens.user("anna")).get(url).then().statusCode(200)
                .contentType("application/pdf").header("Content-Disposition", org.hamcrest.Matchers.startsWith("attachment;"))
                .header("Content-Disposition", org.hamcrest.Matchers.containsString("UTF-8''%CF%84%CE%B9%CE%BC"))
                .extract().asByteArray();
        assertThat(content).isEqualTo(pdf);
        // another tenant's agent cannot read it, nor can anyone without a token
        given().auth().oauth2(io.pharos.testing.KeycloakTokens.user("gina")).get(url).then().statusCode(404);
        given().get(url).then().statusCode(401);
    }

    @Test
    void badCredentialsAutoRepliesAndBouncesProduceNothing() throws Exception {
        String id = "refused-" + UUID.randomUUID() + "@example.test";
        byte[] mail = sample("03-alternative.eml", id);
        String wrong = "Basic " + Base64.getEncoder().encodeToString("acme-email:guess".getBytes(StandardCharsets.UTF_8));
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.inbound")) {
            post(wrong, mail).statusCode(401).contentType("application/problem+json");
            post(null, mail).statusCode(401);
            given().contentType("message/rfc822").header("Authorization", BASIC).body(mail).when().post("/webhooks/email/acme-sms")
                    .then().statusCode(401);
            post(BASIC, sample("09-auto-reply-rfc3834.eml", "ooo-" + id)).statusCode(200).body("status", equalTo("ignored-auto-reply"));
            post(BASIC, sample("10-bounce-dsn.eml", "bounce-" + id)).statusCode(200).body("status", equalTo("ignored-bounce"));
            post(BASIC, new byte[0]).statusCode(400);
            assertThat(kafka.during(Duration.ofSeconds(3), e -> e.cloudEvent().path("data").path("providerMessageId").asText().contains(id)))
                    .isEmpty();
        }
    }

    @Test
    void aPolledMailboxIsTakenInOnceAndMarkedSeen() throws Throwable {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String mailbox = "imap-" + run + "@acme.test";
        ChannelAccount channel = imapChannel("test-imap-" + run, mailbox);
        Mailboxes.send("petros-" + run + "@example.test", "Petros", mailbox, "Αλλαγή διεύθυνσης", "Μπορώ να αλλάξω τη διεύθυνση αποστολής;", null);
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.inbound")) {
            assertThat(poller.poll(channel)).isEqualTo(1);
            assertThat(poller.poll(channel)).as("seen messages are not taken again").isZero();
            List<KafkaEvents.Event> events = kafka.await(e -> ("email:petros-" + run + "@example.test").equals(e.key()), 1, Duration.ofSeconds(10));
            assertThat(events).hasSize(1);
            EventContracts.assertValid(events.get(0));
            assertThat(events.get(0).cloudEvent().path("data").path("subject").asText()).isEqualTo("Αλλαγή διεύθυνσης");
            assertThat(events.get(0).cloudEvent().path("data").path("channelId").asText()).isEqualTo("test-imap-" + run);
        }
    }

    @Test
    void withImapIdleNewMailIsTakenInWithoutWaitingForAPoll() throws Throwable {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String mailbox = "idle-" + run + "@acme.test";
        Mailboxes.send("setup-" + run + "@example.test", "Setup", mailbox, "first", "creates the mailbox", null);
        VertxContextSupport.subscribeAndAwait(() -> channels.add("test-idle-" + run, "acme", ChannelType.EMAIL, "IDLE test", mailbox,
                Map.of("imapHost", "localhost", "imapPort", "3143", "imapUser", mailbox),
                Map.of("webhookSecret", "x", "imapPassword", mailbox), Map.of()));
        ChannelAccount channel = VertxContextSupport.subscribeAndAwait(() -> channels.get("test-idle-" + run));
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.inbound")) {
            idler.watch(channel); // the scheduled poll is off in tests: only IDLE can bring these in
            kafka.await(e -> ("email:setup-" + run + "@example.test").equals(e.key()), 1, Duration.ofSeconds(10));
            // a sleep on purpose: the watcher enters IDLE right after its first fetch and shows no sign of it;
            // a mail sent before IDLE would be fetched by that first pass and prove nothing about IDLE
            Thread.sleep(500);
            Mailboxes.send("maria-" + run + "@example.test", "Maria", mailbox, "Νέα παραγγελία", "Θέλω να προσθέσω ένα προϊόν.", null);
            List<KafkaEvents.Event> events = kafka.await(e -> ("email:maria-" + run + "@example.test").equals(e.key()), 1, Duration.ofSeconds(20));
            assertThat(events).as("the mail sent while the watcher idles is taken in without a scheduled poll").hasSize(1);
            EventContracts.assertValid(events.get(0));
            assertThat(events.get(0).cloudEvent().path("data").path("subject").asText()).isEqualTo("Νέα παραγγελία");
        } finally {
            idler.unwatch("test-idle-" + run);
        }
    }

    @Test
    void aReplyArrivesThreadedAndEachRequestIsSentOnce() throws Exception {
        String customer = "customer-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        String requestId = UUID.randomUUID().toString();
        String ticketId = UUID.randomUUID().toString();
        MessageRequested data = ProducerSamples.reply(UUID.fromString(requestId), UUID.fromString(ticketId), 1042, Channel.EMAIL,
                ProducerSamples.customer(UUID.randomUUID(), customer, null, null, null, null), "Παραγγελία 55231 δεν έφτασε",
                "Καλησπέρα Ελένη, το δέμα σας αναχώρησε σήμερα.", "<p>Καλησπέρα Ελένη, το δέμα σας αναχώρησε σήμερα.</p>",
                List.of("CAGreek-utf8-001@mail.example.test"), null);
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.delivery")) {
            for (int i = 0; i < 2; i++) { // a redelivered request is sent once
                ProducerSamples.publish(ChannelEvents.MESSAGE_REQUESTED, ticketId, ProducerSamples.TICKET_SERVICE, "acme", data);
            }
            KafkaEvents.Event delivered = kafka.await(e -> ticketId.equals(e.key()), 1, Duration.ofSeconds(20)).get(0);
            EventContracts.assertValid(delivered);
            assertThat(delivered.type()).isEqualTo("pharos.channel.message.delivered");
            assertThat(delivered.cloudEvent().path("data").path("requestId").asText()).isEqualTo(requestId);
            // the SMTP server took it: SENT (delivered and read are the providers' to say, a bounce fails it later)
            assertThat(delivered.cloudEvent().path("data").path("status").asText()).isEqualTo("sent");
            String messageId = "pharos." + requestId + "@acme.test";
            assertThat(delivered.cloudEvent().path("data").path("emailMessageId").asText()).isEqualTo(messageId);

            List<MimeMessage> inbox = Mailboxes.inbox(customer, 1, Duration.ofSeconds(10));
            // a redelivered request must send nothing more: the inbox stays at one mail for a while
            Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> Mailboxes.inbox(customer, 2, Duration.ofMillis(10)).size() == 1);
            inbox = Mailboxes.inbox(customer, 2, Duration.ofSeconds(1));
            assertThat(inbox).as("delivered once").hasSize(1);
            MimeMessage mail = inbox.get(0);
            assertThat(mail.getHeader("Message-ID")[0]).isEqualTo("<" + messageId + ">");
            assertThat(mail.getHeader("In-Reply-To")[0]).isEqualTo("<CAGreek-utf8-001@mail.example.test>");
            assertThat(mail.getHeader("References")[0]).contains("<CAGreek-utf8-001@mail.example.test>");
            assertThat(mail.getSubject()).isEqualTo("[#1042] Παραγγελία 55231 δεν έφτασε");
            assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo("support@acme.test");
            assertThat(kafka.during(Duration.ofSeconds(2), e -> ticketId.equals(e.key()))).hasSize(1);
        }
    }

    @Test
    void anEmailLeftSendingByAProcessThatDiedIsSentWhenKafkaDeliversItAgain() throws Throwable {
        String customer = "orphan-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        UUID requestId = UUID.randomUUID();
        String ticketId = UUID.randomUUID().toString();
        // what a kill -9 between the claim and the send leaves behind
        io.pharos.channel.domain.Delivery left = new io.pharos.channel.domain.Delivery();
        left.requestId = requestId.toString();
        left.tenant = "acme";
        left.ticketId = ticketId;
        left.status = io.pharos.channel.domain.Delivery.Status.SENDING;
        left.attempts = 1;
        left.claimedBy = "a-process-that-is-gone";
        left.createdAt = left.updatedAt = java.time.Instant.now();
        io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> io.quarkus.hibernate.reactive.panache.Panache.withTransaction(
                () -> io.quarkus.hibernate.reactive.panache.Panache.getSession().flatMap(session -> session.persist(left))));
        MessageRequested data = ProducerSamples.reply(requestId, UUID.fromString(ticketId), 1043, Channel.EMAIL,
                ProducerSamples.customer(UUID.randomUUID(), customer, null, null, null, null), "Order 55231",
                "Your parcel left today.", null, List.of(), null);
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.delivery")) {
            ProducerSamples.publish(ChannelEvents.MESSAGE_REQUESTED, ticketId, ProducerSamples.TICKET_SERVICE, "acme", data);
            assertThat(kafka.await(e -> ticketId.equals(e.key()), 1, Duration.ofSeconds(20))).as("delivered after all").hasSize(1);
            List<MimeMessage> inbox = Mailboxes.inbox(customer, 1, Duration.ofSeconds(10));
            assertThat(inbox).hasSize(1);
            assertThat(inbox.get(0).getHeader("Message-ID")[0]).isEqualTo("<pharos." + requestId + "@acme.test>");
        }
    }

    @Test
    void aRequestNoAdapterCanDeliverFailsWithItsReasonAndIsDeadLettered() throws Exception {
        Map<String, String> reasons = Map.of("form", "no adapter for channel form", "chat", "the customer has no chat session");
        for (var expected : reasons.entrySet()) {
            String requestId = UUID.randomUUID().toString();
            String ticketId = UUID.randomUUID().toString();
            MessageRequested data = ProducerSamples.reply(UUID.fromString(requestId), UUID.fromString(ticketId), 1043,
                    Channel.valueOf(expected.getKey().toUpperCase(java.util.Locale.ROOT)),
                    ProducerSamples.customer(UUID.randomUUID(), null, null, null, null, "visitor-1"), "Hello", "Hello", null, List.of(), null);
            try (KafkaEvents kafka = new KafkaEvents("pharos.channel.delivery", "pharos.channel.outbound.dlq")) {
                ProducerSamples.publish(ChannelEvents.MESSAGE_REQUESTED, ticketId, ProducerSamples.TICKET_SERVICE, "acme", data);
                List<KafkaEvents.Event> events = kafka.await(e -> ticketId.equals(e.key()), 2, Duration.ofSeconds(20));
                events.forEach(EventContracts::assertValid);
                assertThat(events).extracting(KafkaEvents.Event::type)
                        .containsExactlyInAnyOrder("pharos.channel.message.failed", "pharos.channel.message.undeliverable");
                assertThat(events).allSatisfy(e -> assertThat(e.cloudEvent().path("data").path("reason").asText())
                        .isEqualTo(expected.getValue()));
            }
        }
    }
}
