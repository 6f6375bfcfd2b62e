package io.pharos.channel;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

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
 * The providers' webhooks over HTTP against the real Kafka: a valid signature is taken in once
 * however often the provider retries; a wrong secret, an altered body or a missing header is 401
 * and publishes nothing; statuses of our messages become delivery events.
 */
@QuarkusTest
class ProviderWebhookTest {

    @TestHTTPResource("/")
    java.net.URL base;

    static String sample(String name) throws Exception {
        try (InputStream in = ProviderWebhookTest.class.getResourceAsStream("/webhooks/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static io.restassured.response.ValidatableResponse meta(String channel, String body, String signature) {
        var request = given().contentType(ContentType.JSON).body(body.getBytes(StandardCharsets.UTF_8));
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        return request.when().post("/webhooks/meta/" + channel).then();
    }

    static List<KafkaEvents.Event> about(KafkaEvents kafka, String providerMessageId) {
        return kafka.during(Duration.ofSeconds(3), e -> providerMessageId.equals(e.cloudEvent().path("data").path("providerMessageId").asText()));
    }

    @Test
    void aSignedWhatsappMessageIsTakenInOnceAcrossFiveRetries() throws Exception {
        String wamid = "wamid." + UUID.randomUUID();
        String body = sample("whatsapp-text.json").replace("wamid.HBgMMzA2OTAwMDAwMTIzFQIAEhgUM0EwMUExQjE3REY3Q0Q2RjJDQjcA", wamid);
        String signature = Signatures.hubSha256Header("acme-whatsapp-secret", body.getBytes(StandardCharsets.UTF_8));
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.inbound")) {
            meta("acme-whatsapp", body, signature).statusCode(200).body("accepted", equalTo(1));
            for (int i = 0; i < 5; i++) {
                meta("acme-whatsapp", body, signature).statusCode(200).body("accepted", equalTo(0)).body("duplicates", equalTo(1));
            }
            List<KafkaEvents.Event> events = about(kafka, wamid);
            assertThat(events).hasSize(1);
            EventContracts.assertValid(events.get(0));
            assertThat(events.get(0).key()).isEqualTo("whatsapp:306900000123");
            assertThat(events.get(0).cloudEvent().path("tenant").asText()).isEqualTo("acme");
            assertThat(events.get(0).cloudEvent().path("data").path("text").asText()).isEqualTo("Καλημέρα, η παραγγελία μου 55231 δεν ήρθε");
        }
    }

    @Test
    void wrongSecretAlteredBodyOrMissingSignatureIs401AndNothing() throws Exception {
        String wamid = "wamid." + UUID.randomUUID();
        String body = sample("whatsapp-text.json").replace("wamid.HBgMMzA2OTAwMDAwMTIzFQIAEhgUM0EwMUExQjE3REY3Q0Q2RjJDQjcA", wamid);
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.inbound")) {
            meta("acme-whatsapp", body, Signatures.hubSha256Header("not-the-secret", body.getBytes(StandardCharsets.UTF_8)))
                    .statusCode(401).contentType("application/problem+json").body("type", equalTo("urn:pharos:problem:invalid-signature"));
            String signed = Signatures.hubSha256Header("acme-whatsapp-secret", body.getBytes(StandardCharsets.UTF_8));
            meta("acme-whatsapp", body.replace("55231", "55232"), signed).statusCode(401);
            meta("acme-whatsapp", body, null).statusCode(401);
            meta("no-such-channel", body, signed).statusCode(401);
            assertThat(about(kafka, wamid)).isEmpty();
        }
        // Meta's subscription check
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", "acme-whatsapp-secret")
                .queryParam("hub.challenge", "1158201444").when().get("/webhooks/meta/acme-whatsapp").then().statusCode(200)
                .body(equalTo("1158201444"));
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", "guess").queryParam("hub.challenge", "1")
                .when().get("/webhooks/meta/acme-whatsapp").then().statusCode(401);
    }

    @Test
    void twilioTelegramAndPhoneEventsWithTheirOwnAuthenticity() throws Exception {
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageSid", sid);
        form.put("From", "+306900000111");
        form.put("To", "+302101234567");
        form.put("Body", "Πότε θα έρθει ο τεχνικός;");
        form.put("NumMedia", "0");
        String url = base.toString().replaceAll("/$", "") + "/webhooks/twilio/acme-sms";
        String updateId = String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L));
        String telegram = sample("telegram-text.json").replace("881234567", updateId).replace("\"message_id\":42", "\"message_id\":" + updateId);
        String callId = "CA" + UUID.randomUUID().toString().substring(0, 8);
        String voicemail = sample("voice-voicemail.json").replace("CA9f8e7d6c", callId);
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.inbound")) {
            given().contentType(ContentType.URLENC).formParams(form).header("X-Twilio-Signature", "bad").when()
                    .post("/webhooks/twilio/acme-sms").then().statusCode(401);
            given().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParams(form)
                    .header("X-Twilio-Signature", Signatures.twilioHeader("acme-sms-secret", url, form)).when()
                    .post("/webhooks/twilio/acme-sms").then().statusCode(200).contentType(ContentType.XML);
            given().contentType(ContentType.JSON).body(telegram.getBytes(StandardCharsets.UTF_8))
                    .header("X-Telegram-Bot-Api-Secret-Token", "wrong").when().post("/webhooks/telegram/acme-telegram").then().statusCode(401);
            given().contentType(ContentType.JSON).body(telegram.getBytes(StandardCharsets.UTF_8))
                    .header("X-Telegram-Bot-Api-Secret-Token", "acme-telegram-secret").when().post("/webhooks/telegram/acme-telegram")
                    .then().statusCode(200).body("accepted", equalTo(1));
            byte[] call = voicemail.getBytes(StandardCharsets.UTF_8);
            given().contentType(ContentType.JSON).body(call).header("X-Pharos-Signature", Signatures.hubSha256Header("wrong", call))
                    .when().post("/webhooks/voice/acme-phone").then().statusCode(401);
            given().contentType(ContentType.JSON).body(call).header("X-Pharos-Signature", Signatures.hubSha256Header("acme-phone-secret", call))
                    .when().post("/webhooks/voice/acme-phone").then().statusCode(200).body("accepted", equalTo(1));

            assertThat(kafka.await(e -> sid.equals(e.cloudEvent().path("data").path("providerMessageId").asText()), 1, Duration.ofSeconds(10)))
                    .singleElement().satisfies(EventContracts::assertValid)
                    .satisfies(e -> assertThat(e.cloudEvent().path("data").path("text").asText()).isEqualTo("Πότε θα έρθει ο τεχνικός;"));
            assertThat(kafka.await(e -> ("telegram:123456789:" + updateId).equals(e.cloudEvent().path("data").path("providerMessageId").asText()), 1,
                    Duration.ofSeconds(10))).hasSize(1).allSatisfy(EventContracts::assertValid);
            assertThat(kafka.await(e -> ("call:" + callId + ":voicemail").equals(e.cloudEvent().path("data").path("providerMessageId").asText()),
                    1, Duration.ofSeconds(10))).singleElement().satisfies(EventContracts::assertValid)
                    .satisfies(e -> assertThat(e.type()).isEqualTo("pharos.channel.call.received"));
        }
    }

    @Test
    void formsAreValidatedAndLimitedPerAddress() {
        String ip = "203.0.113." + (int) (Math.random() * 200);
        Map<String, Object> ok = Map.of("name", "Ελένη", "email", "eleni@example.test", "subject", "Ερώτηση", "message", "Έχετε το μοντέλο σε μπλε;");
        given().contentType(ContentType.JSON).header("X-Forwarded-For", ip).body(Map.of("email", "not-an-email", "message", "x"))
                .when().post("/api/v1/forms/acme-form/submissions").then().statusCode(400).body("type", equalTo("urn:pharos:problem:validation"));
        for (int i = 0; i < 4; i++) {
            given().contentType(ContentType.JSON).header("X-Forwarded-For", ip).body(ok).when().post("/api/v1/forms/acme-form/submissions")
                    .then().statusCode(202).body("status", equalTo("accepted"));
        }
        given().contentType(ContentType.URLENC).header("X-Forwarded-For", ip).formParams(Map.of("email", "kostas@example.test", "message",
                "Plain HTML form")).when().post("/api/v1/forms/acme-form/submissions").then().statusCode(202);
        given().contentType(ContentType.JSON).header("X-Forwarded-For", ip).body(ok).when().post("/api/v1/forms/acme-form/submissions")
                .then().statusCode(429).body("type", equalTo("urn:pharos:problem:too-many-submissions"));
        given().contentType(ContentType.JSON).header("X-Forwarded-For", ip + "1").body(ok).when().post("/api/v1/forms/acme-form/submissions")
                .then().statusCode(202);
        given().contentType(ContentType.JSON).body(ok).when().post("/api/v1/forms/acme-email/submissions").then().statusCode(404);
    }

    @Test
    void statusesOfOurMessagesBecomeDeliveryEvents() throws Throwable {
        String requestId = UUID.randomUUID().toString();
        String ticketId = UUID.randomUUID().toString();
        String wamid = "wamid.OUT-" + UUID.randomUUID();
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> {
            Delivery d = new Delivery();
            d.requestId = requestId;
            d.tenant = "acme";
            d.channelId = "acme-whatsapp";
            d.ticketId = ticketId;
            d.status = Delivery.Status.DELIVERED;
            d.providerMessageId = wamid;
            d.createdAt = d.updatedAt = Instant.now();
            return Panache.getSession().flatMap(s -> s.persist(d));
        }));
        String body = sample("whatsapp-status.json").replace("wamid.OUTBOUND0001", wamid);
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.delivery")) {
            meta("acme-whatsapp", body, Signatures.hubSha256Header("acme-whatsapp-secret", body.getBytes(StandardCharsets.UTF_8)))
                    .statusCode(200).body("statuses", equalTo(2));
            KafkaEvents.Event delivered = kafka.await(e -> ticketId.equals(e.key()), 1, Duration.ofSeconds(15)).get(0);
            EventContracts.assertValid(delivered);
            assertThat(delivered.type()).isEqualTo("pharos.channel.message.delivered");
            assertThat(delivered.cloudEvent().path("data").path("requestId").asText()).isEqualTo(requestId);
            assertThat(delivered.cloudEvent().path("data").path("status").asText()).isEqualTo("delivered");
        }
    }
}
