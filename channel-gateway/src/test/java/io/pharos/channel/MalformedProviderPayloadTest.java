package io.pharos.channel;

import static io.pharos.channel.MediaOnlyWebhookTest.published;
import static io.pharos.channel.ProviderWebhookTest.meta;
import static io.pharos.channel.ProviderWebhookTest.sample;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.pharos.channel.service.security.Signatures;
import io.pharos.testing.KafkaEvents;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Signed provider payloads no provider sends, found by the hostile-input campaign: a garbage or
 * out-of-range timestamp answered 500; a message without sender or content was accepted with 200
 * and then parked by ticket-service; a form body with a broken percent escape, or a NumMedia that
 * is no count, answered 500. Now an out-of-range time keeps the receive time; a time that is not a
 * number, a field of the wrong JSON type, a missing id or a form that names media it does not
 * carry is refused with 400 problem+json before anything is taken in, as is what cannot become a
 * message. A mail with only a subject is a message whose text is the subject.
 */
@QuarkusTest
class MalformedProviderPayloadTest {

    private static String whatsapp(String messageId, String timestamp) throws Exception {
        return sample("whatsapp-text.json").replace("wamid.HBgMMzA2OTAwMDAwMTIzFQIAEhgUM0EwMUExQjE3REY3Q0Q2RjJDQjcA", messageId)
                .replace("\"timestamp\":\"1773043200\"", "\"timestamp\":" + timestamp);
    }

    private static io.restassured.response.ValidatableResponse signed(String body) {
        return meta("acme-whatsapp", body, Signatures.hubSha256Header("acme-whatsapp-secret", body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void outOfRangeProviderTimesKeepTheReceiveTime() throws Exception {
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.inbound")) {
            for (String timestamp : new String[] { "99999999999999999", "-5", "\"0000\"" }) {
                String id = "wamid.T" + UUID.randomUUID().toString().replace("-", "");
                Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
                signed(whatsapp(id, timestamp)).statusCode(200).body("accepted", equalTo(1));
                JsonNode data = published(kafka, id);
                assertThat(Instant.parse(data.path("sentAt").asText())).as(timestamp).isBetween(before, Instant.now().plusSeconds(1));
            }
            long updateId = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
            String telegram = sample("telegram-text.json").replace("\"update_id\":881234567", "\"update_id\":" + updateId)
                    .replace("\"message_id\":42", "\"message_id\":" + updateId).replace("\"date\":1773043900", "\"date\":9223372036854775807");
            given().contentType(ContentType.JSON).body(telegram.getBytes(StandardCharsets.UTF_8))
                    .header("X-Telegram-Bot-Api-Secret-Token", "acme-telegram-secret").when().post("/webhooks/telegram/acme-telegram")
                    .then().statusCode(200).body("accepted", equalTo(1));
            assertThat(Instant.parse(published(kafka, "telegram:123456789:" + updateId).path("sentAt").asText()))
                    .isAfter(Instant.now().minus(Duration.ofMinutes(1)));
        }
    }

    @Test
    void aMessageWithoutSenderOrContentIsRefusedBeforeAnythingIsTakenIn() throws Exception {
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.inbound")) {
            String anonymous = "wamid.N" + UUID.randomUUID().toString().replace("-", "");
            signed(whatsapp(anonymous, "\"1773043200\"").replace("\"from\":\"306900000123\",", "")).statusCode(400)
                    .contentType("application/problem+json").body("type", equalTo("urn:pharos:problem:missing-sender"));
            String empty = "wamid.E" + UUID.randomUUID().toString().replace("-", "");
            signed(whatsapp(empty, "\"1773043200\"").replace("Καλημέρα, η παραγγελία μου 55231 δεν ήρθε", "\\u0000 ")).statusCode(400)
                    .contentType("application/problem+json").body("type", equalTo("urn:pharos:problem:empty-message"));
            assertThat(kafka.during(Duration.ofSeconds(3), e -> e.cloudEvent().path("data").path("providerMessageId").asText()
                    .matches(anonymous + "|" + empty))).as("nothing was published").isEmpty();
        }
    }

    @TestHTTPResource("/webhooks/twilio/acme-sms")
    URI twilio;

    private static io.restassured.response.ValidatableResponse telegram(String body) {
        return given().contentType(ContentType.JSON).body(body.getBytes(StandardCharsets.UTF_8))
                .header("X-Telegram-Bot-Api-Secret-Token", "acme-telegram-secret").when().post("/webhooks/telegram/acme-telegram").then();
    }

    private io.restassured.response.ValidatableResponse twilio(java.util.Map<String, String> form) {
        return given().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParams(form)
                .header("X-Twilio-Signature", Signatures.twilioHeader("acme-sms-secret", twilio.toString(), form)).when()
                .post("/webhooks/twilio/acme-sms").then();
    }

    @Test
    void signedPayloadsOfAnotherShapeAreBadRequestsAndNothingIsTakenIn() throws Exception {
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.inbound")) {
            String garbage = "wamid.G" + UUID.randomUUID().toString().replace("-", "");
            for (String body : new String[] { whatsapp(garbage, "\"garbage\""), "{\"object\":\"whatsapp_business_account\",\"entry\":{}}",
                    whatsapp(garbage, "\"1773043200\"").replace("\"messages\":[", "\"messages\":{\"m\":").replace("}]},\"field\"", "}}},\"field\""),
                    whatsapp(garbage, "\"1773043200\"").replace("\"id\":\"" + garbage + "\",", ""), "[1,2]" }) {
                signed(body).statusCode(400).contentType("application/problem+json").body("type", equalTo("urn:pharos:problem:malformed-payload"));
            }
            long updateId = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
            String text = sample("telegram-text.json").replace("\"update_id\":881234567", "\"update_id\":" + updateId)
                    .replace("\"message_id\":42", "\"message_id\":" + updateId);
            telegram(text.replace("\"date\":1773043900", "\"date\":\"today\"")).statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("urn:pharos:problem:malformed-payload"));
            telegram(text.replace("\"update_id\":" + updateId + ",", "")).statusCode(400).body("type", equalTo("urn:pharos:problem:malformed-payload"));
            telegram(text.replace("\"chat\":{\"id\":123456789,", "\"chat\":{")).statusCode(400);

            String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
            java.util.Map<String, String> form = new java.util.LinkedHashMap<>();
            form.put("MessageSid", sid);
            form.put("From", "+306900000111");
            form.put("To", "+302101234567");
            form.put("Body", "photos attached");
            form.put("NumMedia", "abc");
            twilio(form).statusCode(400).contentType("application/problem+json").body("type", equalTo("urn:pharos:problem:malformed-payload"));
            form.put("NumMedia", "5"); // names five files and carries one
            form.put("MediaUrl0", "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1");
            form.put("MediaContentType0", "image/jpeg");
            twilio(form).statusCode(400).contentType("application/problem+json").body("type", equalTo("urn:pharos:problem:malformed-payload"));

            assertThat(kafka.during(Duration.ofSeconds(3), e -> e.cloudEvent().path("data").path("providerMessageId").asText()
                    .matches(garbage + "|" + sid + "|telegram:123456789:" + updateId))).as("nothing was published").isEmpty();
        }
    }

    @Test
    void aBrokenPercentEscapeInATwilioFormIsABadRequest() throws Exception {
        // sent raw: an HTTP client library would encode the % it is given
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(twilio)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("Body=%zz&From=%2"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(answer.body()).contains("urn:pharos:problem:malformed-form");
    }

    @Test
    void aMailWithOnlyASubjectBecomesAMessageWithThatText() throws Exception {
        String messageId = UUID.randomUUID() + "@example.test";
        String mail = "From: Maria <maria-" + UUID.randomUUID() + "@example.test>\r\nTo: support@acme.example\r\nSubject: Order 55231 never came\r\n"
                + "Message-ID: <" + messageId + ">\r\nDate: Sun, 6 Dec 2026 10:00:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n";
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.inbound")) {
            EmailChannelTest.post(EmailChannelTest.BASIC, mail.getBytes(StandardCharsets.UTF_8)).statusCode(200)
                    .body("status", equalTo("accepted"));
            assertThat(published(kafka, messageId).path("text").asText()).isEqualTo("Order 55231 never came");
        }
    }
}
