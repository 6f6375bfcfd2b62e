package io.pharos.channel;

import static io.pharos.channel.ProviderWebhookTest.meta;
import static io.pharos.channel.ProviderWebhookTest.sample;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.pharos.channel.domain.Delivery;
import io.pharos.channel.service.security.Signatures;
import io.pharos.testing.EventContracts;
import io.pharos.testing.KafkaEvents;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;

/**
 * Provider webhooks that are not a new customer message, over HTTP against the real Kafka and
 * PostgreSQL: statuses and watermarks of our messages become delivery reports with the provider's
 * code and reason (never messages), edits and reactions are published as their own events on the
 * conversation's key. Payloads are the providers' documented shapes (see ProviderBehavioursTest for
 * the sources).
 */
@QuarkusTest
class ProviderReceiptsAndChangesTest {

    @TestHTTPResource("/")
    java.net.URL base;

    /** A reply we sent: its request, ticket, provider id, recipient and when it left. */
    static void sent(String requestId, String ticketId, String channelId, String providerMessageId, String recipient, Instant sentAt)
            throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> {
            Delivery d = new Delivery();
            d.requestId = requestId;
            d.tenant = "acme";
            d.channelId = channelId;
            d.ticketId = ticketId;
            d.status = Delivery.Status.DELIVERED; // handed over, as Deliveries leaves it
            d.providerMessageId = providerMessageId;
            d.recipient = recipient;
            d.sentAt = sentAt;
            d.createdAt = d.updatedAt = sentAt;
            return Panache.getSession().flatMap(s -> s.persist(d));
        }));
    }

    static Delivery load(String requestId) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Panache.getSession()
                .flatMap(s -> s.find(Delivery.class, requestId))));
    }

    static void signedMeta(String channel, String body) {
        meta(channel, body, Signatures.hubSha256Header(channel + "-secret", body.getBytes(StandardCharsets.UTF_8))).statusCode(200);
    }

    @Test
    void aWhatsappFailureReportsTheProvidersCodeAndWhatItMeans() throws Throwable {
        String requestId = UUID.randomUUID().toString();
        String ticketId = UUID.randomUUID().toString();
        String wamid = "wamid.F" + UUID.randomUUID().toString().replace("-", "");
        sent(requestId, ticketId, "acme-whatsapp", wamid, "306900000458", Instant.now().minusSeconds(60));
        String body = sample("whatsapp-status-failed.json").replace("wamid.OUTFAILED0001", wamid);
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.delivery")) {
            signedMeta("acme-whatsapp", body);
            KafkaEvents.Event failed = kafka.await(e -> ticketId.equals(e.key()), 1, Duration.ofSeconds(15)).get(0);
            EventContracts.assertValid(failed);
            assertThat(failed.type()).isEqualTo("pharos.channel.message.failed");
            JsonNode data = failed.cloudEvent().path("data");
            assertThat(data.path("status").asText()).isEqualTo("failed");
            assertThat(data.path("code").asText()).isEqualTo("131047");
            assertThat(data.path("reason").asText()).contains("24 hours").contains("template");
            assertThat(data.path("recipient").asText()).isEqualTo("306900000458");
            assertThat(Instant.parse(data.path("at").asText())).isEqualTo(Instant.ofEpochSecond(1773043600));
        }
        try (KafkaEvents inbound = new KafkaEvents("pharos.channel.inbound")) {
            assertThat(inbound.during(Duration.ofSeconds(2), e -> wamid.equals(e.cloudEvent().path("data").path("providerMessageId").asText())))
                    .as("a status is never a customer message").isEmpty();
        }
        assertThat(load(requestId).status).isEqualTo(Delivery.Status.FAILED);
        assertThat(load(requestId).error).contains("24 hours");
    }

    @Test
    void aMessengerWatermarkMovesTheMessagesSentBeforeItAndNotALaterOne() throws Throwable {
        String psid = String.valueOf(7_700_000_000_000_000L + Math.abs(UUID.randomUUID().getMostSignificantBits() % 100_000_000_000L));
        Instant watermark = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
        String first = UUID.randomUUID().toString(), second = UUID.randomUUID().toString(), later = UUID.randomUUID().toString();
        String ticketId = UUID.randomUUID().toString();
        sent(first, ticketId, "acme-messenger", "m_W1" + first, psid, watermark.minus(Duration.ofMinutes(5)));
        sent(second, ticketId, "acme-messenger", "m_W2" + second, psid, watermark);
        sent(later, ticketId, "acme-messenger", "m_W3" + later, psid, watermark.plus(Duration.ofMinutes(5)));
        String delivered = sample("messenger-delivery.json").replace("7788990011223344", psid)
                .replace("\"watermark\":1773044100000", "\"watermark\":" + watermark.toEpochMilli());
        String read = sample("messenger-read.json").replace("7788990011223344", psid)
                .replace("\"watermark\":1773044200000", "\"watermark\":" + watermark.toEpochMilli())
                .replace("1773044200463", String.valueOf(watermark.toEpochMilli() + 463)); // read a moment after
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.delivery")) {
            signedMeta("acme-messenger", delivered);
            List<KafkaEvents.Event> reports = kafka.await(e -> ticketId.equals(e.key()), 2, Duration.ofSeconds(15));
            assertThat(reports).hasSize(2).allSatisfy(EventContracts::assertValid).allSatisfy(e -> {
                assertThat(e.cloudEvent().path("data").path("status").asText()).isEqualTo("delivered");
                assertThat(Instant.parse(e.cloudEvent().path("data").path("at").asText())).isEqualTo(watermark);
            });
            assertThat(reports).extracting(e -> e.cloudEvent().path("data").path("requestId").asText()).containsExactlyInAnyOrder(first, second);

            signedMeta("acme-messenger", delivered); // Meta repeats it: nothing new to report
            signedMeta("acme-messenger", read);
            List<KafkaEvents.Event> reads = kafka.await(e -> ticketId.equals(e.key())
                    && "read".equals(e.cloudEvent().path("data").path("status").asText()), 2, Duration.ofSeconds(15));
            assertThat(reads).extracting(e -> e.cloudEvent().path("data").path("requestId").asText()).containsExactlyInAnyOrder(first, second);
            assertThat(kafka.during(Duration.ofSeconds(3), e -> ticketId.equals(e.key()))).as("four reports in all, none about the later one")
                    .hasSize(4).noneMatch(e -> later.equals(e.cloudEvent().path("data").path("requestId").asText()));
        }
        assertThat(load(first).status).isEqualTo(Delivery.Status.READ);
        assertThat(load(second).status).isEqualTo(Delivery.Status.READ);
        assertThat(load(later).status).isEqualTo(Delivery.Status.DELIVERED);
        assertThat(load(later).providerStatus).isNull();
    }

    @Test
    void aTwilioUndeliveredCallbackIsAFailureWithItsErrorCode() throws Throwable {
        String requestId = UUID.randomUUID().toString();
        String ticketId = UUID.randomUUID().toString();
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        sent(requestId, ticketId, "acme-sms", sid, "+302101111111", Instant.now().minusSeconds(30));
        // a status callback as Twilio sends it (track-outbound-message-status): no Body
        Map<String, String> form = new LinkedHashMap<>();
        form.put("AccountSid", "AC00000000000000000000000000000001");
        form.put("ApiVersion", "2010-04-01");
        form.put("ErrorCode", "30006");
        form.put("From", "+302101234567");
        form.put("MessageSid", sid);
        form.put("MessageStatus", "undelivered");
        form.put("SmsSid", sid);
        form.put("SmsStatus", "undelivered");
        form.put("To", "+302101111111");
        String url = base.toString().replaceAll("/$", "") + "/webhooks/twilio/acme-sms";
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.delivery"); KafkaEvents inbound = new KafkaEvents("pharos.channel.inbound")) {
            given().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParams(form)
                    .header("X-Twilio-Signature", Signatures.twilioHeader("acme-sms-secret", url, form)).when()
                    .post("/webhooks/twilio/acme-sms").then().statusCode(200);
            KafkaEvents.Event failed = kafka.await(e -> ticketId.equals(e.key()), 1, Duration.ofSeconds(15)).get(0);
            EventContracts.assertValid(failed);
            assertThat(failed.type()).isEqualTo("pharos.channel.message.failed");
            assertThat(failed.cloudEvent().path("data").path("code").asText()).isEqualTo("30006");
            assertThat(failed.cloudEvent().path("data").path("reason").asText()).contains("landline");
            assertThat(failed.cloudEvent().path("data").path("recipient").asText()).isEqualTo("+302101111111");
            assertThat(inbound.during(Duration.ofSeconds(2), e -> sid.equals(e.cloudEvent().path("data").path("providerMessageId").asText())))
                    .as("a status callback is never an SMS from the customer").isEmpty();
        }
    }

    @Test
    void editsAndReactionsArePublishedAsTheirOwnEventsOnTheConversation() throws Exception {
        String suffix = UUID.randomUUID().toString().replace("-", "");
        long updateId = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
        String mid = "m_E" + suffix;
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.inbound")) {
            String telegramEdit = sample("telegram-edited.json").replace("881234580", String.valueOf(updateId));
            for (int i = 0; i < 2; i++) { // Telegram's retry is the same update: taken in once
                given().contentType(ContentType.JSON).body(telegramEdit.getBytes(StandardCharsets.UTF_8))
                        .header("X-Telegram-Bot-Api-Secret-Token", "acme-telegram-secret").when().post("/webhooks/telegram/acme-telegram")
                        .then().statusCode(200).body("accepted", equalTo(i == 0 ? 1 : 0));
            }
            signedMeta("acme-messenger", sample("messenger-edit.json").replace("m_AbCdEf0001", mid));
            signedMeta("acme-whatsapp", sample("whatsapp-reaction.json").replace("wamid.REACTION0001", "wamid.R" + suffix)
                    .replace("wamid.OURREPLY0001", "wamid.OUT" + suffix));
            String telegramReaction = sample("telegram-reaction.json").replace("881234581", String.valueOf(updateId + 1))
                    .replace("\"message_id\":43", "\"message_id\":" + (updateId % 100_000));
            given().contentType(ContentType.JSON).body(telegramReaction.getBytes(StandardCharsets.UTF_8))
                    .header("X-Telegram-Bot-Api-Secret-Token", "acme-telegram-secret").when().post("/webhooks/telegram/acme-telegram")
                    .then().statusCode(200).body("accepted", equalTo(1));

            List<KafkaEvents.Event> telegramEdits = kafka.during(Duration.ofSeconds(5), e -> "telegram:123456789:42".equals(
                    e.cloudEvent().path("data").path("providerMessageId").asText()) && e.type().equals("pharos.channel.message.edited")
                    && "Γεια σας, θέλω να αλλάξω το μέγεθος σε L".equals(e.cloudEvent().path("data").path("text").asText()));
            assertThat(telegramEdits).hasSize(1).allSatisfy(EventContracts::assertValid)
                    .allSatisfy(e -> assertThat(e.key()).isEqualTo("telegram:123456789"));
            assertThat(kafka.await(e -> mid.equals(e.cloudEvent().path("data").path("providerMessageId").asText()), 1, Duration.ofSeconds(10)))
                    .singleElement().satisfies(EventContracts::assertValid).satisfies(e -> {
                        assertThat(e.type()).isEqualTo("pharos.channel.message.edited");
                        assertThat(e.key()).isEqualTo("messenger:7788990011223344");
                        assertThat(e.cloudEvent().path("data").path("text").asText()).isEqualTo("Is the store open on Sunday morning?");
                    });
            assertThat(kafka.await(e -> ("wamid.OUT" + suffix).equals(e.cloudEvent().path("data").path("providerMessageId").asText()), 1,
                    Duration.ofSeconds(10))).singleElement().satisfies(EventContracts::assertValid).satisfies(e -> {
                        assertThat(e.type()).isEqualTo("pharos.channel.message.reacted");
                        assertThat(e.key()).isEqualTo("whatsapp:306900000456");
                        assertThat(e.cloudEvent().path("data").path("emoji").asText()).isEqualTo("👍");
                    });
            String reacted = "telegram:123456789:" + (updateId % 100_000);
            assertThat(kafka.await(e -> reacted.equals(e.cloudEvent().path("data").path("providerMessageId").asText())
                    && e.type().equals("pharos.channel.message.reacted"), 1, Duration.ofSeconds(10))).singleElement()
                    .satisfies(EventContracts::assertValid).satisfies(e -> assertThat(e.key()).isEqualTo("telegram:123456789"));
        }
    }

    @Test
    void buttonsArriveWithTheirTypeAndTheProvidersTime() throws Exception {
        String suffix = UUID.randomUUID().toString().replace("-", "");
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.inbound")) {
            String wamid = MediaOnlyWebhookTest.signedMeta("acme-whatsapp", "whatsapp-list-reply.json", "wamid.LISTREPLY0001", "wamid.L" + suffix);
            JsonNode list = MediaOnlyWebhookTest.published(kafka, wamid);
            assertThat(list.path("interactive").path("type").asText()).isEqualTo("list_reply");
            assertThat(list.path("interactive").path("id").asText()).isEqualTo("slot-tue-am");
            assertThat(Instant.parse(list.path("sentAt").asText())).isEqualTo(Instant.ofEpochSecond(1773043900));
            String callbackId = "cb" + suffix;
            given().contentType(ContentType.JSON).body(sample("telegram-callback.json").replace("4382bfdwdsb323b2d9", callbackId)
                    .getBytes(StandardCharsets.UTF_8)).header("X-Telegram-Bot-Api-Secret-Token", "acme-telegram-secret").when()
                    .post("/webhooks/telegram/acme-telegram").then().statusCode(200).body("accepted", equalTo(1));
            JsonNode callback = MediaOnlyWebhookTest.published(kafka, "telegram:callback:" + callbackId);
            assertThat(callback.path("interactive").path("type").asText()).isEqualTo("callback_query");
            assertThat(callback.path("interactive").path("id").asText()).isEqualTo("resolved-yes");
            assertThat(callback.path("text").asText()).isEqualTo("Ναι, λύθηκε");
        }
    }
}
