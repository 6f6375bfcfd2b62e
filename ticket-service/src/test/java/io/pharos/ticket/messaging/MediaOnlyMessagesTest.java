package io.pharos.ticket.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.pharos.contracts.Channel;
import io.pharos.contracts.channel.Attachment;
import io.pharos.contracts.channel.ChannelEvents;
import io.pharos.contracts.channel.MessageReceived;
import io.pharos.contracts.channel.Sender;
import io.pharos.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Messages that carry no text (issue 18: they were refused with "A message needs text or html" and
 * dead-lettered) become messages on a ticket with what came instead, visible in REST and GraphQL:
 * each sample is what channel-gateway publishes for the provider's payload (its parsers are tested
 * on the recorded payloads in channel-gateway's MediaOnlyWebhookTest). A NUL in any text is dropped
 * on the way in, from events, REST and GraphQL alike.
 */
@QuarkusTest
class MediaOnlyMessagesTest {

    static final String INTEGRATOR = KeycloakTokens.integrator("acme");

    /** The customer's messages, once {@code count} are stored, on their one ticket. */
    static JsonPath messagesOf(String identity, int count) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            List<String> customers = given().auth().oauth2(INTEGRATOR).queryParam("identity", identity).get("/api/v1/customers").then()
                    .statusCode(200).extract().path("id");
            if (customers.isEmpty()) {
                return null;
            }
            List<String> tickets = given().auth().oauth2(INTEGRATOR).queryParam("requester", customers.get(0)).get("/api/v1/tickets").then()
                    .statusCode(200).extract().path("items.id");
            if (tickets.size() != 1) {
                return null;
            }
            JsonPath messages = given().auth().oauth2(INTEGRATOR).get("/api/v1/tickets/" + tickets.get(0) + "/messages").then().statusCode(200)
                    .extract().jsonPath();
            return messages.getList("").size() >= count ? messages : null;
        }, java.util.Objects::nonNull);
    }

    static JsonPath graphql(String query, Map<String, Object> variables) {
        JsonPath answer = given().auth().oauth2(KeycloakTokens.user("anna")).contentType(ContentType.JSON)
                .body(Map.of("query", query, "variables", variables)).when().post("/graphql").then().statusCode(200).extract().jsonPath();
        assertThat(answer.getList("errors")).as("GraphQL errors").isNull();
        return answer;
    }

    @Test
    void aWhatsappImageAndLocationWithoutTextAreMessagesWithTheirAttachmentAndLocation() {
        String wa = "3069" + (10_000_000 + (int) (Math.random() * 89_999_999));
        Sender maria = new Sender("Maria", null, null, wa, null, null, null, null, null);
        // what channel-gateway publishes for whatsapp-image-only.json and whatsapp-location.json
        ChannelSamples.publish(ChannelEvents.MESSAGE_RECEIVED, "whatsapp:" + wa, MessageReceived.of("acme-whatsapp", Channel.WHATSAPP,
                "wamid.I" + UUID.randomUUID(), "whatsapp:" + wa, maria, "", Instant.now(), Instant.now(),
                List.of(Attachment.media("image", "image", "image/jpeg", null, null, "1479537139650973", null))));
        ChannelSamples.publish(ChannelEvents.MESSAGE_RECEIVED, "whatsapp:" + wa, MessageReceived.of("acme-whatsapp", Channel.WHATSAPP,
                "wamid.L" + UUID.randomUUID(), "whatsapp:" + wa, maria, "", Instant.now(), Instant.now(), List.of())
                .withLocation(new MessageReceived.Location(37.9838, 23.7275, "Syntagma", "Athens 105 63")));

        JsonPath rest = messagesOf("whatsapp:" + wa, 2);
        assertThat(rest.getString("[0].text")).isEmpty();
        assertThat(rest.getString("[0].author")).isEqualTo("customer");
        assertThat(rest.getList("[0].attachments")).hasSize(1);
        assertThat(rest.getString("[0].attachments[0].kind")).isEqualTo("image");
        assertThat(rest.getString("[0].attachments[0].contentType")).isEqualTo("image/jpeg");
        assertThat(rest.getString("[0].attachments[0].reference")).isEqualTo("1479537139650973");
        // an event from before the attachment store: only the provider's reference was kept
        assertThat(rest.getString("[0].attachments[0].status")).isEqualTo("failed");
        assertThat(rest.getString("[0].attachments[0].failureReason")).contains("before the attachment store");
        assertThat(rest.getString("[0].attachments[0].id")).isNotNull();
        assertThat(rest.getString("[1].text")).isEmpty();
        assertThat(rest.getList("[1].attachments")).isEmpty();
        assertThat(rest.getDouble("[1].location.latitude")).isEqualTo(37.9838);
        assertThat(rest.getString("[1].location.name")).isEqualTo("Syntagma");
        String ticket = rest.getString("[0].ticketId");

        JsonPath gql = graphql("""
                query($id: ID!) { ticket(id: $id) { subject messages { text attachments { kind fileName contentType size url reference }
                  location { latitude longitude name address } contact { name phones } } } }""", Map.of("id", ticket));
        assertThat(gql.getString("data.ticket.subject")).isEqualTo("Message with attachments");
        assertThat(gql.getString("data.ticket.messages[0].text")).isEmpty();
        assertThat(gql.getString("data.ticket.messages[0].attachments[0].kind")).isEqualTo("image");
        assertThat(gql.getString("data.ticket.messages[0].attachments[0].reference")).isEqualTo("1479537139650973");
        assertThat(gql.getString("data.ticket.messages[0].location")).isNull();
        assertThat(gql.getDouble("data.ticket.messages[1].location.longitude")).isEqualTo(23.7275);
        assertThat(gql.getString("data.ticket.messages[1].location.address")).isEqualTo("Athens 105 63");
        assertThat(gql.getList("data.ticket.messages[1].attachments")).isEmpty();
    }

    @Test
    void mediaOnlyMessagesOfEveryProviderAndKindAreKept() {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String psid = "77" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
        String igsid = "55" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
        String chat = String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L));
        String phone = "+3069" + (10_000_000 + (int) (Math.random() * 89_999_999));
        Sender messenger = new Sender(null, null, null, null, null, psid, null, null, null);
        Sender instagram = new Sender(null, null, null, null, null, null, igsid, null, null);
        Sender telegram = new Sender("Anna M.", null, null, null, chat, null, null, null, "en");
        ChannelSamples.publish(ChannelEvents.MESSAGE_RECEIVED, "messenger:" + psid, MessageReceived.of("acme-messenger", Channel.MESSENGER,
                "m_P" + id, "messenger:" + psid, messenger, "", Instant.now(), Instant.now(),
                List.of(Attachment.media("image", "image", null, null, "https://scontent.example.test/photo_1.jpg", null, null))));
        ChannelSamples.publish(ChannelEvents.MESSAGE_RECEIVED, "messenger:" + psid, MessageReceived.of("acme-messenger", Channel.MESSENGER,
                "m_S" + id, "messenger:" + psid, messenger, "", Instant.now(), Instant.now(),
                List.of(Attachment.media("sticker", "sticker", null, null, "https://scontent.example.test/like.png", "369239263222822", null))));
        ChannelSamples.publish(ChannelEvents.MESSAGE_RECEIVED, "instagram:" + igsid, MessageReceived.of("acme-instagram", Channel.INSTAGRAM,
                "ig_V" + id, "instagram:" + igsid, instagram, "", Instant.now(), Instant.now(),
                List.of(Attachment.media("video", "video", null, null, "https://lookaside.example.test/ig_video_1.mp4", null, null))));
        for (Attachment file : List.of(Attachment.media("image", "photo", "image/jpeg", 70213L, null, null, "AgACAgQAAxkBAAM8large"),
                Attachment.media("voice", "voice", "audio/ogg", 23410L, null, null, "AwACAgQAAxkBAAM9voice"),
                Attachment.media("sticker", "sticker 👍", "application/x-tgsticker", 31455L, null, null, "CAACAgIAAxkBAAM+sticker"),
                Attachment.media("document", "receipt-4411.pdf", "application/pdf", 182044L, null, null, "BQACAgQAAxkBAAM/document"))) {
            ChannelSamples.publish(ChannelEvents.MESSAGE_RECEIVED, "telegram:" + chat, MessageReceived.of("acme-telegram", Channel.TELEGRAM,
                    "telegram:" + UUID.randomUUID(), "telegram:" + chat, telegram, "", Instant.now(), Instant.now(), List.of(file)));
        }
        ChannelSamples.publish(ChannelEvents.MESSAGE_RECEIVED, "telegram:" + chat, MessageReceived.of("acme-telegram", Channel.TELEGRAM,
                "telegram:" + UUID.randomUUID(), "telegram:" + chat, telegram, "", Instant.now(), Instant.now(), List.of())
                .withContact(new MessageReceived.Contact("Eleni K.", List.of("+306945556677"), null, null)));
        ChannelSamples.publish(ChannelEvents.MESSAGE_RECEIVED, "sms:" + phone, MessageReceived.of("acme-sms", Channel.SMS, "MM" + id,
                "sms:" + phone, Sender.phone(null, phone), "", Instant.now(), Instant.now(),
                List.of(Attachment.media("image", "media-0", "image/jpeg", null, "https://api.twilio.com/Media/ME0001", null, null))));

        JsonPath fromMessenger = messagesOf("messenger:" + psid, 2);
        assertThat(fromMessenger.getList("attachments.kind.flatten()")).containsExactly("image", "sticker");
        assertThat(fromMessenger.getString("[1].attachments[0].reference")).isEqualTo("369239263222822");
        assertThat(messagesOf("instagram:" + igsid, 1).getString("[0].attachments[0].downloadUrl")).isEqualTo("https://lookaside.example.test/ig_video_1.mp4");
        JsonPath fromTelegram = messagesOf("telegram:" + chat, 5);
        assertThat(fromTelegram.getList("attachments.kind.flatten()")).containsExactly("image", "voice", "sticker", "document");
        assertThat(fromTelegram.getLong("[0].attachments[0].size")).isEqualTo(70213);
        assertThat(fromTelegram.getString("[3].attachments[0].fileName")).isEqualTo("receipt-4411.pdf");
        assertThat(fromTelegram.getString("[4].contact.name")).isEqualTo("Eleni K.");
        assertThat(fromTelegram.getList("[4].contact.phones")).containsExactly("+306945556677");
        assertThat(fromTelegram.getList("text")).containsOnly("");
        JsonPath fromSms = messagesOf("phone:" + phone, 1);
        assertThat(fromSms.getString("[0].attachments[0].downloadUrl")).isEqualTo("https://api.twilio.com/Media/ME0001");
    }

    @Test
    void aNulInAnEventOrARestOrGraphqlTextIsDroppedNotA500() throws Exception {
        // an event that carries one (a producer that did not strip it): stored without it, not dead-lettered
        String wa = "3069" + (10_000_000 + (int) (Math.random() * 89_999_999));
        ChannelSamples.publish(ChannelEvents.MESSAGE_RECEIVED, "whatsapp:" + wa, MessageReceived.of("acme-whatsapp", Channel.WHATSAPP,
                "wamid.N" + UUID.randomUUID(), "whatsapp:" + wa, new Sender("Ma\u0000ria", null, null, wa, null, null, null, null, null),
                "Hello\u0000 there\u001b", Instant.now(), Instant.now(), List.of()));
        assertThat(messagesOf("whatsapp:" + wa, 1).getString("[0].text")).isEqualTo("Hello there");

        // REST: a ticket and a reply with NULs
        String email = "nul-" + UUID.randomUUID() + "@example.test";
        String id = given().auth().oauth2(INTEGRATOR).contentType(ContentType.JSON)
                .body(Map.of("subject", "Broken\u0000 lid", "channel", "email", "requester", Map.of("name", "Ele\u0000ni", "email", email),
                        "message", Map.of("text", "It\u0000 arrived broken")))
                .when().post("/api/v1/tickets").then().statusCode(201).extract().path("id");
        given().auth().oauth2(KeycloakTokens.user("anna")).contentType(ContentType.JSON).body(Map.of("text", "Sorry\u0000!", "visibility", "internal"))
                .when().post("/api/v1/tickets/" + id + "/messages").then().statusCode(201);
        JsonPath ticket = given().auth().oauth2(INTEGRATOR).get("/api/v1/tickets/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(ticket.getString("subject")).isEqualTo("Broken lid");
        assertThat(given().auth().oauth2(KeycloakTokens.user("anna")).queryParam("includeInternal", true).get("/api/v1/tickets/" + id + "/messages")
                .then().statusCode(200).extract().jsonPath().getList("text")).containsExactly("It arrived broken", "Sorry!");

        // GraphQL: the same, as a variable and as a literal
        graphql("mutation($id: ID!, $t: String!) { addNote(ticketId: $id, text: $t) { id } }", Map.of("id", id, "t", "Note\u0000 one"));
        graphql("mutation { addNote(ticketId: \"" + id + "\", text: \"Note\\u0000 two\") { id } }", Map.of());
        assertThat(given().auth().oauth2(KeycloakTokens.user("anna")).queryParam("includeInternal", true).get("/api/v1/tickets/" + id + "/messages")
                .then().statusCode(200).extract().jsonPath().getList("text")).containsExactly("It arrived broken", "Sorry!", "Note one", "Note two");
    }
}
