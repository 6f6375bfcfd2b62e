package io.pharos.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.pharos.channel.MediaOnlyWebhookTest.published;
import static io.pharos.channel.ProviderWebhookTest.sample;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.pharos.attachments.AttachmentStore;
import io.pharos.attachments.ContentAddress;
import io.pharos.attachments.ContentTypes;
import io.pharos.channel.service.security.Signatures;
import io.pharos.contracts.channel.Attachment;
import io.pharos.testing.EventContracts;
import io.pharos.testing.KafkaEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A customer's media-only messages on every provider (and a voicemail's recording), signed as the
 * provider signs them: the message is published at once with its attachments {@code PENDING}; the provider stand-in
 * (WireMock, shaped as each provider's API documents it) then serves the bytes, and each
 * attachment is reported stored, with the bytes in the store exactly as served, or failed with
 * a reason. The store is the real S3 API (S3Proxy), the reports come through the real outbox and Kafka.
 */
@QuarkusTest
@QuarkusTestResource(value = MediaStandIn.class, restrictToAnnotatedClass = true)
class InboundMediaTest {

    static final String WHATSAPP_MEDIA = "1479537139650973";
    static final String BOT = "/telegram/bot123456:acme-telegram-token";

    @Inject
    AttachmentStore store;
    @Inject
    Pool pool;

    @TestHTTPResource("/")
    java.net.URL base;

    @Test
    void whatsappImageVoiceAndDocumentAreFetchedWithTheChannelsTokenAndStored() throws Exception {
        byte[] png = png();
        byte[] ogg = withMagic("OggS", 3000);
        byte[] pdf = withMagic("%PDF-1.4\n", 5000);
        String suffix = fresh();
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.inbound")) {
            String image = whatsapp(kafka, "whatsapp-image-only.json", "wamid.IMAGEONLY0001", "wamid.MI" + suffix, WHATSAPP_MEDIA, png,
                    "image/jpeg");
            String voice = whatsapp(kafka, "whatsapp-voice-note.json", "wamid.HBgMMzA2OTAwMDAwMTIzFQIAEhgUM0E5OTlGQjE3REY3Q0Q2RjJDQjcA",
                    "wamid.MV" + suffix, "9876543210987654", ogg, "audio/ogg");
            String document = whatsapp(kafka, "whatsapp-document.json", "wamid.HBgMMzA2OTAwMDAwNDU2FQIAEhgUM0VCMDQ5RjE4QzI3RkE0MkE5MTIA",
                    "wamid.MD" + suffix, "2384729384729384", pdf, "application/pdf");
            assertStored(kafka, "acme-whatsapp", image, png, "image/png");
            assertStored(kafka, "acme-whatsapp", voice, ogg, ContentTypes.detect(ogg, "voice.ogg"));
            assertStored(kafka, "acme-whatsapp", document, pdf, "application/pdf");
        }
    }

    @Test
    void telegramPhotoVoiceAndDocumentComeThroughGetFile() throws Exception {
        byte[] jpeg = withMagic("\u00ff\u00d8\u00ff\u00e0", 4000);
        byte[] ogg = withMagic("OggS", 2000);
        byte[] pdf = withMagic("%PDF-1.7\n", 6000);
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.inbound")) {
            String photo = telegram(kafka, "telegram-photo-only.json", "AgACAgQAAxkBAAM8large", "photos/file_" + fresh() + ".jpg", jpeg);
            String voice = telegram(kafka, "telegram-voice.json", "AwACAgQAAxkBAAM9voice", "voice/file_" + fresh() + ".oga", ogg);
            String document = telegram(kafka, "telegram-document.json", "BQACAgQAAxkBAAM/document", "documents/file_" + fresh() + ".pdf", pdf);
            assertStored(kafka, "acme-telegram", photo, jpeg, "image/jpeg");
            assertStored(kafka, "acme-telegram", voice, ogg, ContentTypes.detect(ogg, "voice.oga"));
            assertStored(kafka, "acme-telegram", document, pdf, "application/pdf");
            // a location alone is still a message, with nothing to fetch
            String location = postTelegram(sample("telegram-location.json"), fresh("telegram-location.json")).providerMessageId;
            JsonNode message = published(kafka, location);
            assertThat(message.path("location").path("latitude").isNumber()).isTrue();
            assertThat(message.path("attachments").isEmpty()).isTrue();
        }
    }

    @Test
    void messengerAndInstagramLinksAreFetchedBeforeTheyExpire() throws Exception {
        byte[] png = png();
        byte[] jpeg = withMagic("\u00ff\u00d8\u00ff\u00e0", 3000);
        String suffix = fresh();
        ProviderStandIn.server.stubFor(get(urlPathEqualTo("/cdn/" + suffix + "/photo_1.jpg")).willReturn(aResponse().withBody(png)));
        ProviderStandIn.server.stubFor(get(urlPathEqualTo("/cdn/" + suffix + "/ig_image_1.jpg")).willReturn(aResponse().withBody(jpeg)));
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.inbound")) {
            String messenger = signed("acme-messenger", sample("messenger-image.json")
                    .replace("https://scontent.example.test/v/t1.15752-9/photo_1.jpg", cdn(suffix, "photo_1.jpg")), "m_PhotoOnly0001", "m_M" + suffix);
            String instagram = signed("acme-instagram", sample("instagram-image.json")
                    .replace("https://lookaside.example.test/ig_image_1.jpg", cdn(suffix, "ig_image_1.jpg")), "aWdfZAG1faW1hZ2UwMDAx", "ig_M" + suffix);
            assertStored(kafka, "acme-messenger", pending(kafka, "acme-messenger", messenger), png, "image/png");
            assertStored(kafka, "acme-instagram", pending(kafka, "acme-instagram", instagram), jpeg, "image/jpeg");
        }
    }

    @Test
    void twilioMediaIsFetchedWithTheAccountsCredentialsThroughItsRedirect() throws Exception {
        byte[] jpeg = withMagic("\u00ff\u00d8\u00ff\u00e0", 5000);
        String sid = "MM" + fresh();
        String mediaPath = "/twilio/2010-04-01/Accounts/ACacme000000000000000000000000000/Messages/" + sid + "/Media/ME0001";
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("ACacme000000000000000000000000000:acme-sms-secret"
                .getBytes(StandardCharsets.UTF_8));
        // as Twilio does: the media URL redirects to the content on its CDN
        ProviderStandIn.server.stubFor(get(urlEqualTo(mediaPath)).withHeader("Authorization", equalTo(basic))
                .willReturn(aResponse().withStatus(307).withHeader("Location", ProviderStandIn.server.baseUrl() + "/twilio-cdn/" + sid)));
        ProviderStandIn.server.stubFor(get(urlEqualTo("/twilio-cdn/" + sid)).willReturn(aResponse().withBody(jpeg)));
        Map<String, String> form = MediaOnlyWebhookTest.mms(sid, ProviderStandIn.server.baseUrl() + mediaPath);
        String url = base.toString().replaceAll("/$", "") + "/webhooks/twilio/acme-sms";
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.inbound")) {
            given().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParams(form)
                    .header("X-Twilio-Signature", Signatures.twilioHeader("acme-sms-secret", url, form)).when()
                    .post("/webhooks/twilio/acme-sms").then().statusCode(200);
            assertStored(kafka, "acme-sms", pending(kafka, "acme-sms", sid), jpeg, "image/jpeg");
        }
    }

    @Test
    void aVoicemailRecordingIsFetchedWithTheChannelsRecordingCredentialsAndStored() throws Exception {
        byte[] mp3 = withMagic("ID3\u0004\u0000\u0000\u0000\u0000\u0000\u0000", 6000);
        String callId = "CA" + fresh();
        String recording = "/recordings/" + callId + ".mp3";
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("acme-recordings:acme-phone-recording"
                .getBytes(StandardCharsets.UTF_8));
        ProviderStandIn.server.stubFor(get(urlEqualTo(recording)).withHeader("Authorization", equalTo(basic))
                .willReturn(aResponse().withHeader("Content-Type", "audio/mpeg").withBody(mp3)));
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.inbound")) {
            String call = voicemail(callId, ProviderStandIn.server.baseUrl() + recording);
            JsonNode published = called(kafka, call);
            assertThat(published.path("call").path("event").asText()).isEqualTo("voicemail");
            JsonNode attachment = published.path("attachments").get(0);
            assertThat(attachment.path("url").asText()).isEqualTo(ProviderStandIn.server.baseUrl() + recording);
            assertThat(attachment.path("contentType").asText()).isEqualTo("audio/mpeg");
            assertStored(kafka, "acme-phone", pending(attachment, "acme-phone", call), mp3, ContentTypes.detect(mp3, "voicemail"));
            ProviderStandIn.server.verify(1, getRequestedFor(urlEqualTo(recording)).withHeader("Authorization", equalTo(basic)));
        }
    }

    @Test
    void aVoicemailRecordingTheTelephonySystemNoLongerHasFailsWithAReason() throws Exception {
        String callId = "CA" + fresh();
        String recording = "/recordings/" + callId + ".mp3";
        ProviderStandIn.server.stubFor(get(urlEqualTo(recording)).willReturn(aResponse().withStatus(404)));
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.inbound")) {
            String call = voicemail(callId, ProviderStandIn.server.baseUrl() + recording);
            JsonNode failed = report(kafka, pending(called(kafka, call).path("attachments").get(0), "acme-phone", call),
                    "pharos.channel.attachment.failed");
            assertThat(failed.path("reason").asText()).contains("no longer available");
            assertThat(failed.has("sha256") && !failed.path("sha256").isNull()).isFalse();
            ProviderStandIn.server.verify(1, getRequestedFor(urlEqualTo(recording)));
        }
    }

    @Test
    void aFileTheProviderNoLongerHasFailsAtOnceWithAReason() throws Exception {
        String media = "404" + fresh();
        ProviderStandIn.server.stubFor(get(urlPathEqualTo("/meta/" + media)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"Unsupported get request.\",\"type\":\"GraphMethodException\",\"code\":100}}")));
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.inbound")) {
            String message = signed("acme-whatsapp", sample("whatsapp-image-only.json").replace(WHATSAPP_MEDIA, media),
                    "wamid.IMAGEONLY0001", "wamid.M4" + fresh());
            JsonNode failed = report(kafka, pending(kafka, "acme-whatsapp", message), "pharos.channel.attachment.failed");
            assertThat(failed.path("reason").asText()).contains("no longer available");
            assertThat(failed.has("sha256") && !failed.path("sha256").isNull()).isFalse();
            ProviderStandIn.server.verify(1, getRequestedFor(urlPathEqualTo("/meta/" + media)));
        }
    }

    @Test
    void aProviderErrorIsRetriedUntilTheFileIsStored() throws Exception {
        byte[] png = png();
        String media = "500" + fresh();
        String scenario = "flaky-" + media;
        stubWhatsAppMedia(media, png);
        // the CDN fails once, then serves
        ProviderStandIn.server.stubFor(get(urlPathEqualTo("/lookaside/" + media)).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("recovered"));
        ProviderStandIn.server.stubFor(get(urlPathEqualTo("/lookaside/" + media)).inScenario(scenario).whenScenarioStateIs("recovered")
                .willReturn(aResponse().withBody(png)));
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.inbound")) {
            String message = signed("acme-whatsapp", sample("whatsapp-image-only.json").replace(WHATSAPP_MEDIA, media),
                    "wamid.IMAGEONLY0001", "wamid.M5" + fresh());
            assertStored(kafka, "acme-whatsapp", pending(kafka, "acme-whatsapp", message), png, "image/png");
            ProviderStandIn.server.verify(2, getRequestedFor(urlPathEqualTo("/lookaside/" + media)));
        }
    }

    @Test
    void aFileOverTheLimitFailsAndIsNotReadToTheEnd() throws Exception {
        String media = "big" + fresh();
        // Meta announces a small file, the CDN serves more than the tenant's 25 MiB: reading stops at the limit
        byte[] big = new byte[26_214_400 + 4096];
        ProviderStandIn.server.stubFor(get(urlPathEqualTo("/meta/" + media)).willReturn(okJson("{\"messaging_product\":\"whatsapp\",\"url\":\""
                + ProviderStandIn.server.baseUrl() + "/lookaside/" + media + "\",\"mime_type\":\"image/jpeg\",\"sha256\":\""
                + ContentAddress.sha256(big) + "\",\"file_size\":\"1000\",\"id\":\"" + media + "\"}")));
        ProviderStandIn.server.stubFor(get(urlPathEqualTo("/lookaside/" + media)).willReturn(aResponse().withBody(big).withChunkedDribbleDelay(50, 500)));
        String fileId = "BQACbig" + fresh();
        ProviderStandIn.server.stubFor(get(urlPathEqualTo(BOT + "/getFile")).withQueryParam("file_id", equalTo(fileId)).willReturn(okJson("{\"ok\":true,\"result\":{\"file_id\":\""
                + fileId + "\",\"file_unique_id\":\"AgADbig\",\"file_size\":31457280,\"file_path\":\"documents/big.zip\"}}")));
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.inbound")) {
            String whatsapp = signed("acme-whatsapp", sample("whatsapp-image-only.json").replace(WHATSAPP_MEDIA, media),
                    "wamid.IMAGEONLY0001", "wamid.M6" + fresh());
            JsonNode overLimit = report(kafka, pending(kafka, "acme-whatsapp", whatsapp), "pharos.channel.attachment.failed");
            assertThat(overLimit.path("reason").asText()).contains("larger than this help desk accepts");

            Posted telegram = postTelegram(sample("telegram-document.json").replace("BQACAgQAAxkBAAM/document", fileId),
                    fresh("telegram-document.json"));
            JsonNode overBotLimit = report(kafka, pending(kafka, "acme-telegram", telegram.providerMessageId), "pharos.channel.attachment.failed");
            assertThat(overBotLimit.path("reason").asText()).contains("20 MB");
            ProviderStandIn.server.verify(0, getRequestedFor(urlPathEqualTo("/telegram/file/bot123456:acme-telegram-token/documents/big.zip")));
        }
    }

    @Test
    void aLinkToThisServersOwnNetworkIsNeverFetched() throws Exception {
        String suffix = fresh();
        // the stand-in again, but by an address the outbound guard does not allow (only localhost:<its port> is)
        String internal = ProviderStandIn.server.baseUrl().replace("localhost", "127.0.0.1") + "/cdn/" + suffix + "/photo_1.jpg";
        ProviderStandIn.server.stubFor(get(urlPathEqualTo("/cdn/" + suffix + "/photo_1.jpg")).willReturn(aResponse().withBody(png())));
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.inbound")) {
            String messenger = signed("acme-messenger", sample("messenger-image.json")
                    .replace("https://scontent.example.test/v/t1.15752-9/photo_1.jpg", internal), "m_PhotoOnly0001", "m_G" + suffix);
            JsonNode failed = report(kafka, pending(kafka, "acme-messenger", messenger), "pharos.channel.attachment.failed");
            assertThat(failed.path("reason").asText()).contains("may not contact");
            ProviderStandIn.server.verify(0, getRequestedFor(urlPathEqualTo("/cdn/" + suffix + "/photo_1.jpg")));
        }
    }

    @Test
    void aJobClaimedByAReplicaThatDiedIsTakenUpOnceItsLeaseRunsOut() throws Throwable {
        byte[] png = png();
        String media = "restart" + fresh();
        stubWhatsAppMedia(media, png);
        ProviderStandIn.server.stubFor(get(urlPathEqualTo("/lookaside/" + media)).willReturn(aResponse().withBody(png)));
        String providerMessageId = "wamid.R" + fresh();
        UUID attachmentId = Attachment.idOf("acme-whatsapp", providerMessageId, 0);
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.inbound")) {
            // as a replica leaves it when it dies mid-fetch: claimed once (attempts 1), its lease just run out
            VertxContextSupport.subscribeAndAwait(() -> pool.preparedQuery("INSERT INTO attachment_fetch (attachment_id, tenant, channel_id,"
                    + " provider, reference, file_name, message_key, provider_message_id, attempts, next_attempt_at, created_at)"
                    + " VALUES ($1, 'acme', 'acme-whatsapp', 'WHATSAPP', $2, 'photo.png', 'whatsapp:+306900000123', $3, 1,"
                    + " now() - interval '1 second', now() - interval '5 minutes')").execute(Tuple.of(attachmentId, media, providerMessageId)));
            assertStored(kafka, "acme-whatsapp", attachmentId.toString(), png, "image/png");
            assertThat(kafka.await(e -> attachmentId.toString().equals(e.cloudEvent().path("data").path("attachmentId").asText()), 1,
                    Duration.ofSeconds(1)).get(0).key()).as("the report follows the message's key").isEqualTo("whatsapp:+306900000123");
            assertThat(VertxContextSupport.subscribeAndAwait(() -> pool.preparedQuery("SELECT 1 FROM attachment_fetch WHERE attachment_id = $1")
                    .execute(Tuple.of(attachmentId))).size()).as("the job is gone with its report").isZero();
        }
    }

    // --- helpers ---

    /** A Meta payload with a fresh message id, signed with the channel's app secret; answers the id. */
    static String signed(String channel, String body, String recordedId, String freshId) {
        String fresh = body.replace(recordedId, freshId);
        ProviderWebhookTest.meta(channel, fresh, Signatures.hubSha256Header(channel + "-secret", fresh.getBytes(StandardCharsets.UTF_8)))
                .statusCode(200).body("accepted", org.hamcrest.Matchers.equalTo(1));
        return freshId;
    }

    /** The recorded voicemail event with a fresh call id and the given recording, signed as the telephony system signs it; answers its id. */
    static String voicemail(String callId, String recordingUrl) throws Exception {
        byte[] body = sample("voice-voicemail.json").replace("https://voice.example.test/recordings/CA9f8e7d6c.mp3", recordingUrl)
                .replace("CA9f8e7d6c", callId).getBytes(StandardCharsets.UTF_8);
        given().contentType(ContentType.JSON).body(body).header("X-Pharos-Signature", Signatures.hubSha256Header("acme-phone-secret", body))
                .when().post("/webhooks/voice/acme-phone").then().statusCode(200).body("accepted", org.hamcrest.Matchers.equalTo(1));
        return "call:" + callId + ":voicemail";
    }

    /** The one {@code pharos.channel.call.received} of the call, valid by its schema. */
    static JsonNode called(KafkaEvents kafka, String providerMessageId) {
        var events = kafka.await(e -> providerMessageId.equals(e.cloudEvent().path("data").path("providerMessageId").asText())
                && "pharos.channel.call.received".equals(e.type()), 1, Duration.ofSeconds(15));
        assertThat(events).hasSize(1);
        EventContracts.assertValid(events.get(0));
        return events.get(0).cloudEvent().path("data");
    }

    /** A WhatsApp message with the given media id, answered by Graph and its CDN; answers the attachment's id. */
    String whatsapp(KafkaEvents kafka, String file, String recordedId, String freshId, String recordedMedia, byte[] bytes, String declared)
            throws Exception {
        String media = recordedMedia + fresh().substring(0, 6);
        stubWhatsAppMedia(media, bytes);
        ProviderStandIn.server.stubFor(get(urlPathEqualTo("/lookaside/" + media)).withHeader("Authorization", equalTo("Bearer acme-whatsapp-token"))
                .willReturn(aResponse().withBody(bytes)));
        String message = signed("acme-whatsapp", sample(file).replace(recordedMedia, media), recordedId, freshId);
        JsonNode attachment = published(kafka, message).path("attachments").get(0);
        assertThat(attachment.path("mediaId").asText()).isEqualTo(media);
        assertThat(attachment.path("contentType").asText()).startsWith(declared);
        return pending(attachment, "acme-whatsapp", message);
    }

    /** Graph's answer for a media id (developers.facebook.com/docs/whatsapp/cloud-api/reference/media: url, mime_type, sha256, file_size, id). */
    static void stubWhatsAppMedia(String media, byte[] bytes) {
        ProviderStandIn.server.stubFor(get(urlPathEqualTo("/meta/" + media)).withHeader("Authorization", equalTo("Bearer acme-whatsapp-token"))
                .willReturn(okJson("{\"messaging_product\":\"whatsapp\",\"url\":\"" + ProviderStandIn.server.baseUrl() + "/lookaside/" + media
                        + "\",\"mime_type\":\"image/jpeg\",\"sha256\":\"" + ContentAddress.sha256(bytes) + "\",\"file_size\":\"" + bytes.length
                        + "\",\"id\":\"" + media + "\"}")));
    }

    record Posted(String providerMessageId) {
    }

    /** A Telegram update with the given file id, answered by getFile and the file path; answers the attachment's id. */
    String telegram(KafkaEvents kafka, String file, String recordedFileId, String path, byte[] bytes) throws Exception {
        String fileId = recordedFileId + fresh().substring(0, 6);
        ProviderStandIn.server.stubFor(get(urlPathEqualTo(BOT + "/getFile")).withQueryParam("file_id", equalTo(fileId)).willReturn(okJson("{\"ok\":true,\"result\":{\"file_id\":\""
                + fileId + "\",\"file_unique_id\":\"AgADx\",\"file_size\":" + bytes.length + ",\"file_path\":\"" + path + "\"}}")));
        ProviderStandIn.server.stubFor(get(urlEqualTo("/telegram/file/bot123456:acme-telegram-token/" + path)).willReturn(aResponse().withBody(bytes)));
        Posted posted = postTelegram(sample(file).replace(recordedFileId, fileId), fresh(file));
        JsonNode attachment = published(kafka, posted.providerMessageId).path("attachments").get(0);
        assertThat(attachment.path("fileId").asText()).isEqualTo(fileId);
        return pending(attachment, "acme-telegram", posted.providerMessageId);
    }

    /** Fresh update and message ids for a recorded Telegram update (a message is known by its chat and message id). */
    static String[] fresh(String file) throws Exception {
        String recorded = sample(file).replaceAll("(?s)^\\{\"update_id\":(\\d+).*", "$1").strip();
        String updateId = String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L));
        return new String[] { recorded, updateId };
    }

    static Posted postTelegram(String body, String[] ids) {
        String fresh = body.replace("\"update_id\":" + ids[0], "\"update_id\":" + ids[1]).replaceFirst("\"message_id\":\\d+", "\"message_id\":" + ids[1]);
        given().contentType(ContentType.JSON).body(fresh.getBytes(StandardCharsets.UTF_8))
                .header("X-Telegram-Bot-Api-Secret-Token", "acme-telegram-secret").when().post("/webhooks/telegram/acme-telegram")
                .then().statusCode(200);
        return new Posted("telegram:555000111:" + ids[1]);
    }

    /** The message's first attachment is PENDING under its deterministic id; answers that id. */
    static String pending(KafkaEvents kafka, String channelId, String providerMessageId) {
        return pending(published(kafka, providerMessageId).path("attachments").get(0), channelId, providerMessageId);
    }

    static String pending(JsonNode attachment, String channelId, String providerMessageId) {
        assertThat(attachment.path("status").asText()).isEqualTo("pending");
        assertThat(attachment.path("id").asText()).isEqualTo(Attachment.idOf(channelId, providerMessageId, 0).toString());
        return attachment.path("id").asText();
    }

    /** The one report of the attachment, of the given type, valid by its schema. */
    static JsonNode report(KafkaEvents kafka, String attachmentId, String type) {
        var events = kafka.await(e -> attachmentId.equals(e.cloudEvent().path("data").path("attachmentId").asText()), 1, Duration.ofSeconds(40));
        assertThat(events).hasSize(1);
        EventContracts.assertValid(events.get(0));
        assertThat(events.get(0).type()).isEqualTo(type);
        return events.get(0).cloudEvent().path("data");
    }

    void assertStored(KafkaEvents kafka, String channelId, String attachmentId, byte[] served, String detected) {
        JsonNode stored = report(kafka, attachmentId, "pharos.channel.attachment.stored");
        assertThat(stored.path("channelId").asText()).isEqualTo(channelId);
        assertThat(stored.path("status").asText()).isEqualTo("stored");
        assertThat(stored.path("sha256").asText()).isEqualTo(ContentAddress.sha256(served));
        assertThat(stored.path("size").asLong()).isEqualTo(served.length);
        assertThat(stored.path("contentType").asText()).isEqualTo(detected);
        assertThat(stored.path("scan").path("verdict").asText()).isEqualTo("not_scanned");
        assertThat(store.get("acme", stored.path("sha256").asText()).await().atMost(Duration.ofSeconds(10))).isEqualTo(served);
    }

    String cdn(String suffix, String name) {
        return ProviderStandIn.server.baseUrl() + "/cdn/" + suffix + "/" + name;
    }

    static String fresh() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** A real PNG header and IHDR, then noise: detected as image/png, a new address every run. */
    static byte[] png() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1,
                8, 6, 0, 0, 0, 0x1f, 0x15, (byte) 0xc4, (byte) 0x89 });
        out.writeBytes(noise(2000));
        return out.toByteArray();
    }

    static byte[] withMagic(String magic, int noise) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(magic.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(noise(noise));
        return out.toByteArray();
    }

    static byte[] noise(int n) {
        byte[] b = new byte[n];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }
}
