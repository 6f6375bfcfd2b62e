package io.pharos.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.pharos.channel.model.ChannelAccount;
import io.pharos.channel.model.ChannelType;
import io.pharos.channel.service.channels.Channels;
import io.pharos.channel.service.email.ImapPoller;
import io.pharos.testing.EventContracts;
import io.pharos.testing.KafkaEvents;
import io.pharos.testing.Mailboxes;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/**
 * Mail as people write it, over the email webhook to the published {@code pharos.channel.message.received}:
 * forwards from Gmail, Outlook, Apple Mail and Thunderbird (inline, in English and Greek) and as an
 * attached message keep the forwarder's note and the forwarded message with its sender, date and
 * subject; Outlook's underscore rule goes with the quote; Cc and Reply-To come along without our own
 * mailbox; sentAt is the mail's Date. A Greek forward fetched over IMAP reads the same. The samples
 * and where their shapes come from: src/test/resources/mail/README.md.
 */
@QuarkusTest
class MailAsPeopleWriteItTest {

    @Inject
    Channels channels;

    @Inject
    ImapPoller poller;

    /** What the forward in a sample is: the forwarder's note, who wrote the forwarded message, when (ISO), about what, how it begins. */
    record ExpectedForward(String note, String fromName, String fromAddress, String date, String subject, String textStart) {
    }

    static final String SHIPPED = "Your order 55231 has shipped";
    static final String DELIVERED = "Η αποστολή σας παραδόθηκε";
    static final String ATHENS_0930 = "2026-03-09T07:30:00Z";

    static Map<String, ExpectedForward> forwards() {
        Map<String, ExpectedForward> f = new LinkedHashMap<>();
        f.put("18-gmail-forward.eml", new ExpectedForward("Hi, the courier says this was delivered but nothing arrived. Can you check?",
                "Acme Shop", "orders@shop.example.test", ATHENS_0930, SHIPPED, "Your order 55231 has shipped with Courier Express."));
        f.put("19-gmail-forward-greek.eml", new ExpectedForward("Καλησπέρα, λέει ότι παραδόθηκε αλλά δεν το έλαβα.", "Κούριερ Express",
                "noreply@courier.example.test", ATHENS_0930, DELIVERED, "Η αποστολή CX123456789GR παραδόθηκε"));
        f.put("20-outlook-forward.eml", new ExpectedForward("Please see the invoice below, the amount is wrong.\n\nBob", "Billing",
                "billing@vendor.example.test", ATHENS_0930, "Invoice 8812", "Dear customer,"));
        f.put("21-outlook-forward-greek.eml", new ExpectedForward("Σας προωθώ το τιμολόγιο, το ποσό είναι λάθος.\n\nΓιάννης", "Λογιστήριο",
                "billing@vendor.example.test", ATHENS_0930, "Τιμολόγιο 8812", "Αγαπητέ πελάτη,"));
        f.put("22-apple-forward.eml", new ExpectedForward("Can you check this? It never arrived.\n\nSent from my iPhone", "Acme Shop",
                "orders@shop.example.test", ATHENS_0930, SHIPPED, "Your order 55231 has shipped"));
        f.put("23-apple-forward-greek.eml", new ExpectedForward("Μπορείτε να το ελέγξετε; Δεν έφτασε ποτέ.", "Κούριερ Express",
                "noreply@courier.example.test", ATHENS_0930, DELIVERED, "Η αποστολή CX123456789GR"));
        f.put("24-thunderbird-forward.eml", new ExpectedForward("See below: shipped a week ago, still nothing.", "Acme Shop",
                "orders@shop.example.test", ATHENS_0930, SHIPPED, "Your order 55231 has shipped"));
        f.put("25-thunderbird-forward-greek.eml", new ExpectedForward("Δείτε παρακάτω: στάλθηκε πριν μια εβδομάδα και ακόμα τίποτα.",
                "Κούριερ Express", "noreply@courier.example.test", ATHENS_0930, DELIVERED, "Η αποστολή CX123456789GR"));
        f.put("26-forwarded-as-attachment-greek.eml", new ExpectedForward("Σας επισυνάπτω την επιβεβαίωση.", "Acme Κατάστημα",
                "orders@shop.example.test", ATHENS_0930, "Επιβεβαίωση παραγγελίας 55231", "Η παραγγελία σας 55231 καταχωρήθηκε."));
        return f;
    }

    @Test
    void everyForwardStyleKeepsTheNoteAndTheForwardedMessageWithItsSenderDateAndSubject() throws Exception {
        String run = UUID.randomUUID().toString();
        Map<String, ExpectedForward> expected = forwards();
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.inbound")) {
            for (String sample : expected.keySet()) {
                EmailChannelTest.post(EmailChannelTest.BASIC, EmailChannelTest.sample(sample, sample + "." + run + "@example.test"))
                        .statusCode(200).body("status", equalTo("accepted"));
            }
            List<KafkaEvents.Event> events = kafka.await(e -> e.cloudEvent().path("data").path("providerMessageId").asText().endsWith(run
                    + "@example.test"), expected.size(), Duration.ofSeconds(20));
            assertThat(events).hasSize(expected.size());
            for (KafkaEvents.Event event : events) {
                EventContracts.assertValid(event);
                JsonNode data = event.cloudEvent().path("data");
                String sample = data.path("providerMessageId").asText().replace("." + run + "@example.test", "");
                ExpectedForward want = expected.get(sample);
                assertThat(data.path("text").asText()).as(sample + ": the forwarder's own note").isEqualTo(want.note());
                assertThat(data.path("quotedText").isNull()).as(sample + ": a forward is not a quote").isTrue();
                JsonNode forwarded = data.path("forwarded");
                assertThat(forwarded.path("from").path("name").asText()).as(sample).isEqualTo(want.fromName());
                assertThat(forwarded.path("from").path("address").asText()).as(sample).isEqualTo(want.fromAddress());
                assertThat(forwarded.path("date").asText()).as(sample).isEqualTo(want.date());
                assertThat(forwarded.path("subject").asText()).as(sample).isEqualTo(want.subject());
                assertThat(forwarded.path("text").asText()).as(sample).startsWith(want.textStart());
            }
        }
    }

    @Test
    void outlookRepliesLoseTheirUnderscoreRuleAndBringCcReplyToAndTheirSendingTime() throws Exception {
        String english = "outlook-re-" + UUID.randomUUID() + "@example.test";
        String greek = "outlook-re-el-" + UUID.randomUUID() + "@example.test";
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.inbound")) {
            EmailChannelTest.post(EmailChannelTest.BASIC, EmailChannelTest.sample("27-outlook-underscore-reply.eml", english)).statusCode(200)
                    .body("status", equalTo("accepted"));
            EmailChannelTest.post(EmailChannelTest.BASIC, EmailChannelTest.sample("28-outlook-underscore-reply-greek.eml", greek)).statusCode(200)
                    .body("status", equalTo("accepted"));
            JsonNode en = received(kafka, english);
            assertThat(en.path("text").asText()).isEqualTo("Thanks, I received the refund.").doesNotContain("____");
            assertThat(en.path("quotedText").asText()).startsWith("________________________________").contains("We are looking into it.");
            assertThat(en.path("forwarded").isNull()).isTrue();
            assertThat(en.path("sentAt").asText()).as("the Date header, not the time of receipt").isEqualTo("2026-03-10T09:02:00Z");
            assertThat(en.path("receivedAt").asText()).isNotEqualTo(en.path("sentAt").asText());
            JsonNode cc = en.path("email").path("cc");
            assertThat(cc).as("the colleague the customer copied; our own mailbox is no participant").hasSize(1);
            assertThat(cc.get(0).path("name").asText()).isEqualTo("Μαρία Οικονόμου");
            assertThat(cc.get(0).path("address").asText()).isEqualTo("maria@example.test");
            JsonNode replyTo = en.path("email").path("replyTo");
            assertThat(replyTo).hasSize(1);
            assertThat(replyTo.get(0).path("name").asText()).isEqualTo("Bob at work");
            assertThat(replyTo.get(0).path("address").asText()).isEqualTo("bob.work@example.test");

            JsonNode el = received(kafka, greek);
            assertThat(el.path("text").asText()).isEqualTo("Ευχαριστώ, το έλαβα.");
            assertThat(el.path("quotedText").asText()).contains("Στάλθηκε: Δευτέρα, 9 Μαρτίου 2026 9:30 πμ");
            assertThat(el.path("email").path("cc").get(0).path("name").asText()).as("an ISO-8859-7 encoded word").isEqualTo("Νίκος Παππάς");
            assertThat(el.path("email").path("replyTo")).isEmpty();
        }
    }

    @Test
    void aGreekForwardFetchedOverImapKeepsTheNoteAndTheForwardedMessage() throws Throwable {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String mailbox = "forwards-" + run + "@acme.test";
        VertxContextSupport.subscribeAndAwait(() -> channels.add("test-forwards-" + run, "acme", ChannelType.EMAIL, "Forward test", mailbox,
                Map.of("imapHost", "localhost", "imapPort", "3143", "imapUser", mailbox),
                Map.of("webhookSecret", "x", "imapPassword", mailbox), Map.of()));
        ChannelAccount channel = VertxContextSupport.subscribeAndAwait(() -> channels.get("test-forwards-" + run));
        String id = "imap-fwd-" + run + "@mail.gmail.example.test";
        EmailBounceTest.deliver(mailbox, "eleni@example.test", EmailChannelTest.sample("19-gmail-forward-greek.eml", id));
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.inbound")) {
            assertThat(Mailboxes.inbox(mailbox, 1, Duration.ofSeconds(10))).hasSize(1);
            assertThat(poller.poll(channel)).isEqualTo(1);
            JsonNode data = received(kafka, id);
            ExpectedForward want = forwards().get("19-gmail-forward-greek.eml");
            assertThat(data.path("channelId").asText()).isEqualTo("test-forwards-" + run);
            assertThat(data.path("text").asText()).isEqualTo(want.note());
            assertThat(data.path("forwarded").path("from").path("name").asText()).isEqualTo(want.fromName());
            assertThat(data.path("forwarded").path("date").asText()).isEqualTo(want.date());
            assertThat(data.path("forwarded").path("subject").asText()).isEqualTo(want.subject());
            assertThat(data.path("forwarded").path("text").asText()).startsWith(want.textStart());
        }
    }

    private static JsonNode received(KafkaEvents kafka, String providerMessageId) {
        List<KafkaEvents.Event> events = kafka.await(e -> providerMessageId.equals(e.cloudEvent().path("data").path("providerMessageId").asText()),
                1, Duration.ofSeconds(10));
        assertThat(events).hasSize(1);
        EventContracts.assertValid(events.get(0));
        return events.get(0).cloudEvent().path("data");
    }
}
