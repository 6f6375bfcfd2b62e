package io.pharos.ticket.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.pharos.attachments.AttachmentLinks;
import io.pharos.attachments.AttachmentStore;
import io.pharos.attachments.StoredContent;
import io.pharos.contracts.Channel;
import io.pharos.contracts.channel.Attachment;
import io.pharos.contracts.channel.Attachment.AttachmentStatus;
import io.pharos.contracts.channel.AttachmentReport;
import io.pharos.contracts.channel.ChannelEvents;
import io.pharos.contracts.channel.MessageReceived;
import io.pharos.contracts.channel.Sender;
import io.pharos.contracts.channel.VirusScan;
import io.pharos.testing.GraphQLWs;
import io.pharos.testing.KeycloakTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * A customer's photo arrives with its message as PENDING while channel-gateway fetches it, and turns
 * STORED (downloadable byte for byte from the store) or FAILED (with the reason) by channel-gateway's
 * report; the report may be consumed before the message, and the message then does not undo it. An
 * agent watching the live inbox sees the file's change.
 */
@QuarkusTest
class InboundAttachmentsTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    /** A 1×1 PNG. */
    static final byte[] PNG = java.util.Base64.getDecoder()
            .decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    @Inject
    AttachmentStore store;

    @Inject
    AttachmentLinks links;

    @Inject
    Vertx vertx;

    @TestHTTPResource("/graphql")
    URI endpoint;

    record Photo(String wa, String providerMessageId, UUID id) {

        static Photo next() {
            String wa = "3069" + (10_000_000 + (int) (Math.random() * 89_999_999));
            String wamid = "wamid.A" + UUID.randomUUID();
            return new Photo(wa, wamid, Attachment.idOf("acme-whatsapp", wamid, 0));
        }

        String key() {
            return "whatsapp:" + wa;
        }

        /** What channel-gateway publishes for a WhatsApp image before it has fetched it. */
        MessageReceived message() {
            Attachment pending = Attachment.media("image", "photo.jpg", "image/jpeg", null, null, "1479537139650973", null)
                    .kept(id, AttachmentStatus.PENDING, null, null, null, null);
            return MessageReceived.of("acme-whatsapp", Channel.WHATSAPP, providerMessageId, key(),
                    new Sender("Maria", null, null, wa, null, null, null, null, null), "Έτσι έφτασε το δέμα", Instant.now(), Instant.now(),
                    List.of(pending));
        }

        AttachmentReport stored(StoredContent content) {
            return new AttachmentReport(id, "acme-whatsapp", Channel.WHATSAPP, providerMessageId, AttachmentStatus.STORED, content.sha256(),
                    content.size(), content.contentType(), null, new VirusScan(VirusScan.Verdict.CLEAN, null));
        }

        AttachmentReport failed(String reason) {
            return new AttachmentReport(id, "acme-whatsapp", Channel.WHATSAPP, providerMessageId, AttachmentStatus.FAILED, null, null, null,
                    reason, null);
        }
    }

    /** The customer's one message once its first file is in {@code status}. */
    static JsonPath fileIn(Photo photo, String status) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> MediaOnlyMessagesTest.messagesOf(photo.key(), 1),
                m -> status.equals(m.getString("[0].attachments[0].status")));
    }

    StoredContent keep(byte[] content) {
        return store.put("acme", content, "photo.jpg").await().atMost(WAIT);
    }

    @Test
    void aPendingPhotoTurnsStoredAndDownloadsByteForByte() {
        Photo photo = Photo.next();
        StoredContent content = keep(PNG);
        ChannelSamples.publish(ChannelEvents.MESSAGE_RECEIVED, photo.key(), photo.message());

        JsonPath pending = fileIn(photo, "pending");
        assertThat(pending.getString("[0].attachments[0].id")).isEqualTo(photo.id().toString());
        assertThat(pending.getString("[0].attachments[0].downloadUrl")).isNull();
        assertThat(pending.getString("[0].attachments[0].kind")).isEqualTo("image");
        String early = local(links.downloadUrl(photo.id()));
        given().get(early).then().statusCode(409).contentType("application/problem+json");

        ChannelSamples.publish(ChannelEvents.ATTACHMENT_STORED, photo.key(), photo.stored(content));
        JsonPath stored = fileIn(photo, "stored");
        assertThat(stored.getString("[0].attachments[0].contentType")).as("detected, not declared").isEqualTo("image/png");
        assertThat(stored.getString("[0].attachments[0].sha256")).isEqualTo(content.sha256());
        assertThat(stored.getLong("[0].attachments[0].size")).isEqualTo(PNG.length);
        assertThat(stored.getString("[0].attachments[0].scan.verdict")).isEqualTo("clean");
        Response download = given().get(local(stored.getString("[0].attachments[0].downloadUrl")));
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.asByteArray()).isEqualTo(PNG);
    }

    @Test
    void aReportBeforeItsMessageIsKeptAndTheMessageDoesNotUndoIt() {
        Photo photo = Photo.next();
        StoredContent content = keep(PNG);
        // same key, same partition: the report is consumed first
        ChannelSamples.publish(ChannelEvents.ATTACHMENT_STORED, photo.key(), photo.stored(content));
        ChannelSamples.publish(ChannelEvents.MESSAGE_RECEIVED, photo.key(), photo.message());

        JsonPath messages = MediaOnlyMessagesTest.messagesOf(photo.key(), 1);
        assertThat(messages.getString("[0].attachments[0].status")).isEqualTo("stored");
        assertThat(messages.getString("[0].attachments[0].fileName")).isEqualTo("photo.jpg");
        assertThat(messages.getString("[0].attachments[0].contentType")).isEqualTo("image/png");
        assertThat(given().get(local(messages.getString("[0].attachments[0].downloadUrl"))).asByteArray()).isEqualTo(PNG);
    }

    @Test
    void aFileThatCouldNotBeFetchedFailsWithItsReasonAndIsGone() {
        Photo photo = Photo.next();
        ChannelSamples.publish(ChannelEvents.MESSAGE_RECEIVED, photo.key(), photo.message());
        fileIn(photo, "pending");
        ChannelSamples.publish(ChannelEvents.ATTACHMENT_FAILED, photo.key(), photo.failed("WhatsApp no longer has the media (it expired)"));

        JsonPath failed = fileIn(photo, "failed");
        assertThat(failed.getString("[0].attachments[0].failureReason")).isEqualTo("WhatsApp no longer has the media (it expired)");
        assertThat(failed.getString("[0].attachments[0].downloadUrl")).isNull();
        given().get(local(links.downloadUrl(photo.id()))).then().statusCode(410)
                .contentType("application/problem+json");
    }

    @Test
    void aFileStoredAfterItsMessageReachesTheLiveInbox() throws Exception {
        Photo photo = Photo.next();
        ChannelSamples.publish(ChannelEvents.MESSAGE_RECEIVED, photo.key(), photo.message());
        JsonPath pending = fileIn(photo, "pending");
        String messageId = pending.getString("[0].id");
        String anna = KeycloakTokens.user("anna");
        Number latest = given().auth().oauth2(anna).contentType(ContentType.JSON).body(Map.of("query", "{ latestTicketChange }"))
                .post("/graphql").then().statusCode(200).extract().path("data.latestTicketChange");
        try (GraphQLWs ws = GraphQLWs.subscribe(vertx, endpoint, anna, DeliverySubscriptionTest.SUBSCRIPTION,
                new HashMap<>(Map.of("since", latest.longValue())))) {
            ChannelSamples.publish(ChannelEvents.ATTACHMENT_STORED, photo.key(), photo.stored(keep(PNG)));
            JsonObject change = null;
            while (change == null) {
                JsonObject frame = ws.next(20);
                assertThat(frame).as("a change of message %s within 20 s", messageId).isNotNull();
                JsonObject c = frame.getJsonObject("payload").getJsonObject("data").getJsonObject("ticketChanged");
                if (messageId.equals(c.getString("messageId")) && "pharos.ticket.message.attachment.changed".equals(c.getString("event"))) {
                    change = c;
                }
            }
            assertThat(change.getString("ticketId")).isEqualTo(pending.getString("[0].ticketId"));
        }
        fileIn(photo, "stored");
    }

    static String local(String downloadUrl) {
        URI uri = URI.create(downloadUrl);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }
}
