package io.pharos.channel;

import static io.pharos.channel.ProviderWebhookTest.meta;
import static io.pharos.channel.ProviderWebhookTest.sample;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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
 * What used to be accepted with 200 and then dead-lettered by ticket-service (issue 18): messages
 * with only media, a location or a contact card, fed as each provider sends them and signed; web
 * forms with a NUL; Twilio status callbacks at the SMS webhook. Each becomes one valid event with
 * what the customer sent (no text, its attachments or details), or a delivery report and no message.
 */
@QuarkusTest
class MediaOnlyWebhookTest {

    @TestHTTPResource("/")
    java.net.URL base;

    /** The data of the one inbound event for this provider message id. */
    static JsonNode published(KafkaEvents kafka, String providerMessageId) {
        // the message only: its attachments' stored/failed reports name the same provider message id
        List<KafkaEvents.Event> events = kafka.await(e -> providerMessageId.equals(e.cloudEvent().path("data").path("providerMessageId").asText())
                && "pharos.channel.message.received".equals(e.type()), 1, Duration.ofSeconds(15));
        assertThat(events).hasSize(1);
        EventContracts.assertValid(events.get(0));
        assertThat(events.get(0).type()).isEqualTo("pharos.channel.message.received");
        return events.get(0).cloudEvent().path("data");
    }

    /** A recorded Meta payload with a fresh message id, signed with the channel's app secret. */
    static String signedMeta(String channel, String file, String recordedId, String freshId) throws Exception {
        String body = sample(file).replace(recordedId, freshId);
        meta(channel, body, Signatures.hubSha256Header(channel + "-secret", body.getBytes(StandardCharsets.UTF_8))).statusCode(200)
                .body("accepted", equalTo(1));
        return freshId;
    }

    @Test
    void whatsappImageLocationContactVideoAndStickerWithoutText() throws Exception {
        String suffix = UUID.randomUUID().toString().replace("-", "");
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.inbound")) {
            JsonNode image = published(kafka, signedMeta("acme-whatsapp", "whatsapp-image-only.json", "wamid.IMAGEONLY0001", "wamid.I" + suffix));
            assertThat(image.path("text").asText()).isEmpty();
            assertThat(image.path("attachments")).hasSize(1);
            assertThat(image.path("attachments").get(0).path("kind").asText()).isEqualTo("image");
            assertThat(image.path("attachments").get(0).path("mediaId").asText()).isEqualTo("1479537139650973");
            assertThat(image.path("attachments").get(0).path("contentType").asText()).isEqualTo("image/jpeg");

            JsonNode location = published(kafka, signedMeta("acme-whatsapp", "whatsapp-location.json", "wamid.LOCATION0001", "wamid.L" + suffix));
            assertThat(location.path("text").asText()).isEmpty();
            assertThat(location.path("location").path("latitude").asDouble()).isEqualTo(37.9838);
            assertThat(location.path("location").path("name").asText()).isEqualTo("Syntagma");

            JsonNode contact = published(kafka, signedMeta("acme-whatsapp", "whatsapp-contacts.json", "wamid.CONTACTS0001", "wamid.C" + suffix));
            assertThat(contact.path("contact").path("name").asText()).isEqualTo("Nikos Papadopoulos");
            assertThat(contact.path("contact").path("phones").get(0).asText()).isEqualTo("+30 691 234 5678");

            assertThat(published(kafka, signedMeta("acme-whatsapp", "whatsapp-video.json", "wamid.VIDEO0001", "wamid.V" + suffix))
                    .path("attachments").get(0).path("kind").asText()).isEqualTo("video");
            assertThat(published(kafka, signedMeta("acme-whatsapp", "whatsapp-sticker.json", "wamid.STICKER0001", "wamid.S" + suffix))
                    .path("attachments").get(0).path("kind").asText()).isEqualTo("sticker");
            assertThat(published(kafka, signedMeta("acme-whatsapp", "whatsapp-voice-note.json",
                    "wamid.HBgMMzA2OTAwMDAwMTIzFQIAEhgUM0E5OTlGQjE3REY3Q0Q2RjJDQjcA", "wamid.A" + suffix))
                    .path("attachments").get(0).path("kind").asText()).isEqualTo("voice");
        }
    }

    @Test
    void messengerAndInstagramPhotosWithoutCaption() throws Exception {
        String suffix = UUID.randomUUID().toString().replace("-", "");
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.inbound")) {
            JsonNode photo = published(kafka, signedMeta("acme-messenger", "messenger-image.json", "m_PhotoOnly0001", "m_P" + suffix));
            assertThat(photo.path("text").asText()).isEmpty();
            assertThat(photo.path("channel").asText()).isEqualTo("messenger");
            assertThat(photo.path("attachments").get(0).path("url").asText()).isEqualTo("https://scontent.example.test/v/t1.15752-9/photo_1.jpg");
            JsonNode sticker = published(kafka, signedMeta("acme-messenger", "messenger-sticker.json", "m_Sticker0001", "m_S" + suffix));
            assertThat(sticker.path("attachments").get(0).path("kind").asText()).isEqualTo("sticker");
            JsonNode files = published(kafka, signedMeta("acme-messenger", "messenger-audio-file.json", "m_AudioFile0001", "m_F" + suffix));
            assertThat(files.path("attachments")).hasSize(2);
            JsonNode instagram = published(kafka, signedMeta("acme-instagram", "instagram-image.json", "aWdfZAG1faW1hZ2UwMDAx", "ig_I" + suffix));
            assertThat(instagram.path("text").asText()).isEmpty();
            assertThat(instagram.path("channel").asText()).isEqualTo("instagram");
            assertThat(instagram.path("attachments").get(0).path("kind").asText()).isEqualTo("image");
            assertThat(published(kafka, signedMeta("acme-instagram", "instagram-video.json", "aWdfZAG1faWRlbzAwMDE", "ig_V" + suffix))
                    .path("attachments").get(0).path("kind").asText()).isEqualTo("video");
        }
    }

    @Test
    void telegramPhotoVoiceStickerLocationAndContact() throws Exception {
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.inbound")) {
            Map<String, String> kinds = new LinkedHashMap<>();
            for (String file : List.of("telegram-photo-only.json", "telegram-voice.json", "telegram-sticker.json", "telegram-document.json",
                    "telegram-location.json", "telegram-contact.json")) {
                String recorded = sample(file).replaceAll("(?s)^\\{\"update_id\":(\\d+).*", "$1").strip();
                String updateId = String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L));
                // a message is known by its chat and message id: a fresh one per run, or the last run's receipt would absorb it
                String body = sample(file).replace("\"update_id\":" + recorded, "\"update_id\":" + updateId)
                        .replaceFirst("\"message_id\":\\d+", "\"message_id\":" + updateId);
                given().contentType(ContentType.JSON).body(body.getBytes(StandardCharsets.UTF_8))
                        .header("X-Telegram-Bot-Api-Secret-Token", "acme-telegram-secret").when().post("/webhooks/telegram/acme-telegram")
                        .then().statusCode(200).body("accepted", equalTo(1));
                kinds.put(file, "telegram:555000111:" + updateId);
            }
            JsonNode photo = published(kafka, kinds.get("telegram-photo-only.json"));
            assertThat(photo.path("text").asText()).isEmpty();
            assertThat(photo.path("attachments").get(0).path("fileId").asText()).isEqualTo("AgACAgQAAxkBAAM8large");
            assertThat(photo.path("attachments").get(0).path("size").asLong()).isEqualTo(70213);
            assertThat(published(kafka, kinds.get("telegram-voice.json")).path("attachments").get(0).path("kind").asText()).isEqualTo("voice");
            assertThat(published(kafka, kinds.get("telegram-sticker.json")).path("attachments").get(0).path("kind").asText()).isEqualTo("sticker");
            assertThat(published(kafka, kinds.get("telegram-document.json")).path("attachments").get(0).path("name").asText())
                    .isEqualTo("receipt-4411.pdf");
            assertThat(published(kafka, kinds.get("telegram-location.json")).path("location").path("longitude").asDouble()).isEqualTo(22.947222);
            assertThat(published(kafka, kinds.get("telegram-contact.json")).path("contact").path("name").asText()).isEqualTo("Eleni K.");
        }
    }

    String twilioUrl() {
        return base.toString().replaceAll("/$", "") + "/webhooks/twilio/acme-sms";
    }

    /** An MMS with one image and no text, as Twilio posts it to the messaging webhook of acme-sms. */
    static Map<String, String> mms(String sid, String mediaUrl) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("ToCountry", "GR");
        form.put("MessageSid", sid);
        form.put("SmsMessageSid", sid);
        form.put("AccountSid", "ACacme000000000000000000000000000");
        form.put("From", "+306900000111");
        form.put("To", "+302101234567");
        form.put("Body", "");
        form.put("NumMedia", "1");
        form.put("NumSegments", "1");
        form.put("SmsStatus", "received");
        form.put("MediaContentType0", "image/jpeg");
        form.put("MediaUrl0", mediaUrl);
        form.put("ApiVersion", "2010-04-01");
        return form;
    }

    @Test
    void twilioMmsWithoutBody() {
        String sid = "MM" + UUID.randomUUID().toString().replace("-", "");
        Map<String, String> form = mms(sid, "https://api.twilio.com/2010-04-01/Accounts/ACacme/Messages/" + sid + "/Media/ME0001");
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.inbound")) {
            given().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParams(form)
                    .header("X-Twilio-Signature", Signatures.twilioHeader("acme-sms-secret", twilioUrl(), form)).when()
                    .post("/webhooks/twilio/acme-sms").then().statusCode(200).contentType(ContentType.XML);
            JsonNode mms = published(kafka, sid);
            assertThat(mms.path("text").asText()).isEmpty();
            assertThat(mms.path("attachments").get(0).path("kind").asText()).isEqualTo("image");
            assertThat(mms.path("attachments").get(0).path("url").asText()).endsWith("/Media/ME0001");
        }
    }

    @Test
    void aTwilioStatusCallbackIsADeliveryReportNeverAMessage() throws Throwable {
        String requestId = UUID.randomUUID().toString();
        String ticketId = UUID.randomUUID().toString();
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> {
            Delivery d = new Delivery();
            d.requestId = requestId;
            d.tenant = "acme";
            d.channelId = "acme-sms";
            d.ticketId = ticketId;
            d.status = Delivery.Status.DELIVERED;
            d.providerMessageId = sid;
            d.createdAt = d.updatedAt = Instant.now();
            return Panache.getSession().flatMap(s -> s.persist(d));
        }));
        // as Twilio posts it to the status callback URL: no Body, the state of the message we sent
        Map<String, String> form = new LinkedHashMap<>();
        form.put("ErrorCode", "30003");
        form.put("SmsSid", sid);
        form.put("SmsStatus", "undelivered");
        form.put("MessageStatus", "undelivered");
        form.put("To", "+306900000111");
        form.put("MessageSid", sid);
        form.put("AccountSid", "ACacme000000000000000000000000000");
        form.put("From", "+302101234567");
        form.put("ApiVersion", "2010-04-01");
        try (KafkaEvents delivery = new KafkaEvents("pharos.channel.delivery"); KafkaEvents inbound = new KafkaEvents("pharos.channel.inbound")) {
            given().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParams(form)
                    .header("X-Twilio-Signature", Signatures.twilioHeader("acme-sms-secret", twilioUrl(), form)).when()
                    .post("/webhooks/twilio/acme-sms").then().statusCode(200).contentType(ContentType.XML);
            KafkaEvents.Event failed = delivery.await(e -> ticketId.equals(e.key()), 1, Duration.ofSeconds(15)).get(0);
            EventContracts.assertValid(failed);
            assertThat(failed.type()).isEqualTo("pharos.channel.message.failed");
            assertThat(failed.cloudEvent().path("data").path("requestId").asText()).isEqualTo(requestId);
            assertThat(failed.cloudEvent().path("data").path("channel").asText()).isEqualTo("sms");
            assertThat(failed.cloudEvent().path("data").path("code").asText()).isEqualTo("30003");
            assertThat(failed.cloudEvent().path("data").path("reason").asText()).contains("unreachable");
            assertThat(inbound.during(Duration.ofSeconds(3), e -> sid.equals(e.cloudEvent().path("data").path("providerMessageId").asText())))
                    .isEmpty();
        }
    }

    @Test
    void aWebFormWithNulIsTakenInWithoutIt() {
        String json = "form:" + UUID.randomUUID();
        String plain = "form:" + UUID.randomUUID();
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.inbound")) {
            given().contentType(ContentType.JSON).header("X-Forwarded-For", "198.51.100." + (int) (Math.random() * 200))
                    .body(Map.of("name", "Ele\u0000ni", "email", "eleni@example.test", "subject", "Bro\u0000ken", "message",
                            "The lid\u0000 is cracked\u0007", "submissionId", json.substring(5)))
                    .when().post("/api/v1/forms/acme-form/submissions").then().statusCode(202).body("status", equalTo("accepted"));
            given().contentType(ContentType.URLENC).header("X-Forwarded-For", "198.51.100." + (int) (Math.random() * 200))
                    .formParams(Map.of("email", "kostas@example.test", "message", "Line one\r\n\u0000Line\ttwo", "submissionId", plain.substring(5)))
                    .when().post("/api/v1/forms/acme-form/submissions").then().statusCode(202);
            JsonNode fromJson = published(kafka, json);
            assertThat(fromJson.path("text").asText()).isEqualTo("The lid is cracked");
            assertThat(fromJson.path("subject").asText()).isEqualTo("Broken");
            assertThat(fromJson.path("from").path("name").asText()).isEqualTo("Eleni");
            assertThat(published(kafka, plain).path("text").asText()).isEqualTo("Line one\r\nLine\ttwo");
        }
        // a message of nothing but control characters is as blank as it looks: refused at the edge, not dead-lettered later
        given().contentType(ContentType.URLENC).header("X-Forwarded-For", "198.51.100.250")
                .formParams(Map.of("email", "kostas@example.test", "message", "\u0000\u0000")).when().post("/api/v1/forms/acme-form/submissions")
                .then().statusCode(400);
    }
}
