package io.pharos.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.pharos.attachments.AttachmentLinks;
import io.pharos.attachments.AttachmentStore;
import io.pharos.attachments.StoredContent;
import io.pharos.channel.messaging.ProducerSamples;
import io.pharos.channel.model.ChannelType;
import io.pharos.channel.service.channels.Channels;
import io.pharos.contracts.Channel;
import io.pharos.contracts.channel.ChannelEvents;
import io.pharos.contracts.channel.MessageRequested;
import io.pharos.contracts.channel.OutboundAttachment;
import io.pharos.channel.repository.ChatRepository;
import io.pharos.testing.ChatClient;
import io.pharos.testing.EventContracts;
import io.pharos.testing.KafkaEvents;
import io.pharos.testing.Mailboxes;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/**
 * An agent's reply with files, from the real Kafka topic to the customer: the files are put into
 * the real attachment store (S3Proxy) and come out as MIME parts in GreenMail, as media uploads and
 * media messages at the WhatsApp and Telegram stand-ins, as signed links in a Twilio MMS; what a
 * channel cannot carry, a file the provider refuses and a file the store does not have fail the
 * reply with the reason.
 */
@QuarkusTest
@QuarkusTestResource(value = ProviderStandIn.class, restrictToAnnotatedClass = true)
class OutboundAttachmentsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** A 1×1 PNG. */
    private static final byte[] PNG = Base64.getDecoder()
            .decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    private static final String WHATSAPP = "/meta/106540352242922";
    private static final String TELEGRAM = "/telegram/bot123456:acme-telegram-token";
    private static final String TWILIO = "/twilio/2010-04-01/Accounts/ACacme000000000000000000000000000/Messages.json";

    @Inject
    AttachmentStore store;

    @Inject
    AttachmentLinks links;

    @Inject
    Channels channels;

    @Inject
    ChatRepository chats;

    @TestHTTPResource("/")
    URI base;

    @BeforeAll
    static void consumerReady() {
        KafkaEvents.awaitAssigned(ConfigProvider.getConfig().getValue("mp.messaging.incoming.outbound.group.id", String.class),
                Duration.ofSeconds(30));
    }

    @BeforeEach
    void reset() {
        ProviderStandIn.server.resetAll();
    }

    @Test
    void anEmailReplyCarriesBothFilesAsMimePartsByteForByte() throws Exception {
        String customer = "files-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        byte[] pdf = pdf();
        OutboundAttachment invoice = stored("τιμολόγιο-55231.pdf", pdf);
        OutboundAttachment photo = stored("φωτογραφία δέματος.png", PNG);
        String ticket = UUID.randomUUID().toString();
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.delivery")) {
            request(ticket, Channel.EMAIL, ProducerSamples.customer(UUID.randomUUID(), customer, null, null, null, null),
                    "Σας στέλνω το τιμολόγιο και τη φωτογραφία.", null, List.of(invoice, photo));
            KafkaEvents.Event delivered = kafka.await(e -> ticket.equals(e.key()), 1, WAIT).get(0);
            EventContracts.assertValid(delivered);
            assertThat(delivered.type()).isEqualTo("pharos.channel.message.delivered");
        }
        MimeMessage mail = Mailboxes.inbox(customer, 1, Duration.ofSeconds(10)).get(0);
        assertThat(mail.getContentType()).startsWith("multipart/mixed");
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        List<Part> attached = new ArrayList<>();
        for (int i = 0; i < parts.getCount(); i++) {
            if (Part.ATTACHMENT.equalsIgnoreCase(parts.getBodyPart(i).getDisposition())) {
                attached.add(parts.getBodyPart(i));
            }
        }
        assertThat(attached).hasSize(2);
        assertThat(attached.get(0).getFileName()).isEqualTo("τιμολόγιο-55231.pdf");
        assertThat(attached.get(0).getContentType()).startsWith("application/pdf");
        assertThat(bytes(attached.get(0))).isEqualTo(pdf);
        // RFC 2231, not an encoded word in quotes (which RFC 2047 does not allow in a parameter)
        assertThat(attached.get(0).getHeader("Content-Disposition")[0]).contains("filename*").contains("UTF-8''").doesNotContain("=?");
        assertThat(attached.get(1).getFileName()).isEqualTo("φωτογραφία δέματος.png");
        assertThat(attached.get(1).getContentType()).startsWith("image/png");
        assertThat(bytes(attached.get(1))).isEqualTo(PNG);
    }

    @Test
    void aWhatsAppReplyUploadsEachFileAndSendsOneMediaMessagePerFileWithTheTextAsCaption() throws Exception {
        var api = ProviderStandIn.server;
        api.stubFor(post(urlPathEqualTo(WHATSAPP + "/media")).withMultipartRequestBody(
                com.github.tomakehurst.wiremock.client.WireMock.aMultipart().withName("type").withBody(equalTo("image/png")))
                .willReturn(json(200, "{\"id\":\"4490709327384033\"}")));
        api.stubFor(post(urlPathEqualTo(WHATSAPP + "/media")).withMultipartRequestBody(
                com.github.tomakehurst.wiremock.client.WireMock.aMultipart().withName("type").withBody(equalTo("application/pdf")))
                .willReturn(json(200, "{\"id\":\"1037543291543636\"}")));
        api.stubFor(post(urlPathEqualTo(WHATSAPP + "/messages")).withRequestBody(matchingJsonPath("$.type", equalTo("image")))
                .willReturn(json(200, whatsappSent("wamid.IMAGE-OUT"))));
        api.stubFor(post(urlPathEqualTo(WHATSAPP + "/messages")).withRequestBody(matchingJsonPath("$.type", equalTo("document")))
                .willReturn(json(200, whatsappSent("wamid.DOCUMENT-OUT"))));
        byte[] pdf = pdf();
        OutboundAttachment photo = stored("δέμα.png", PNG);
        OutboundAttachment invoice = stored("τιμολόγιο-55231.pdf", pdf);
        String ticket = UUID.randomUUID().toString();
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.delivery")) {
            request(ticket, Channel.WHATSAPP, ProducerSamples.customer(UUID.randomUUID(), null, null, "306900000123", null, null),
                    "Η φωτογραφία και το τιμολόγιο", null, List.of(photo, invoice));
            KafkaEvents.Event delivered = kafka.await(e -> ticket.equals(e.key()), 1, WAIT).get(0);
            EventContracts.assertValid(delivered);
            assertThat(delivered.type()).isEqualTo("pharos.channel.message.delivered");
            assertThat(delivered.cloudEvent().path("data").path("providerMessageId").asText())
                    .as("the last message of the reply is the one its statuses are matched by").isEqualTo("wamid.DOCUMENT-OUT");
        }
        List<LoggedRequest> uploads = api.findAll(postRequestedFor(urlPathEqualTo(WHATSAPP + "/media")));
        assertThat(uploads).hasSize(2);
        for (LoggedRequest upload : uploads) {
            assertThat(upload.getHeader("Authorization")).isEqualTo("Bearer acme-whatsapp-token");
            assertThat(upload.getPart("messaging_product").getBody().asString()).isEqualTo("whatsapp");
        }
        assertThat(uploads.get(0).getPart("type").getBody().asString()).isEqualTo("image/png");
        assertThat(uploads.get(0).getPart("file").getBody().asBytes()).isEqualTo(PNG);
        assertThat(uploads.get(0).getPart("file").getHeader("Content-Type").firstValue()).isEqualTo("image/png");
        assertThat(uploads.get(1).getPart("type").getBody().asString()).isEqualTo("application/pdf");
        assertThat(uploads.get(1).getPart("file").getBody().asBytes()).isEqualTo(pdf);

        List<LoggedRequest> messages = api.findAll(postRequestedFor(urlPathEqualTo(WHATSAPP + "/messages")));
        assertThat(messages).as("one message per file, the text as the first one's caption").hasSize(2);
        assertThat(messages.get(0).getBodyAsString()).satisfies(body -> assertThat(equalToJson(
                "{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\"306900000123\",\"type\":\"image\","
                        + "\"image\":{\"id\":\"4490709327384033\",\"caption\":\"Η φωτογραφία και το τιμολόγιο\"}}").match(body).isExactMatch())
                .isTrue());
        assertThat(messages.get(1).getBodyAsString()).satisfies(body -> assertThat(equalToJson(
                "{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\"306900000123\",\"type\":\"document\","
                        + "\"document\":{\"id\":\"1037543291543636\",\"filename\":\"τιμολόγιο-55231.pdf\"}}").match(body).isExactMatch())
                .isTrue());
    }

    @Test
    void aTelegramReplySendsThePhotoAndTheDocumentWithTheirBytes() throws Exception {
        var api = ProviderStandIn.server;
        api.stubFor(post(urlPathEqualTo(TELEGRAM + "/sendPhoto")).willReturn(json(200, telegramSent(601))));
        api.stubFor(post(urlPathEqualTo(TELEGRAM + "/sendDocument")).willReturn(json(200, telegramSent(602))));
        byte[] pdf = pdf();
        OutboundAttachment photo = stored("δέμα.png", PNG);
        OutboundAttachment invoice = stored("τιμολόγιο-55231.pdf", pdf);
        String ticket = UUID.randomUUID().toString();
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.delivery")) {
            request(ticket, Channel.TELEGRAM, ProducerSamples.customer(UUID.randomUUID(), null, null, null, "123456789", null),
                    "Το δέμα και το τιμολόγιο", null, List.of(photo, invoice));
            KafkaEvents.Event delivered = kafka.await(e -> ticket.equals(e.key()), 1, WAIT).get(0);
            EventContracts.assertValid(delivered);
            assertThat(delivered.cloudEvent().path("data").path("providerMessageId").asText()).isEqualTo("telegram:123456789:602");
        }
        LoggedRequest sentPhoto = api.findAll(postRequestedFor(urlPathEqualTo(TELEGRAM + "/sendPhoto"))).get(0);
        assertThat(sentPhoto.getPart("chat_id").getBody().asString()).isEqualTo("123456789");
        assertThat(sentPhoto.getPart("caption").getBody().asString()).isEqualTo("Το δέμα και το τιμολόγιο");
        assertThat(sentPhoto.getPart("photo").getBody().asBytes()).isEqualTo(PNG);
        LoggedRequest sentDocument = api.findAll(postRequestedFor(urlPathEqualTo(TELEGRAM + "/sendDocument"))).get(0);
        assertThat(sentDocument.getPart("chat_id").getBody().asString()).isEqualTo("123456789");
        assertThat(sentDocument.getPart("caption")).as("the text went once, with the photo").isNull();
        Request.Part document = sentDocument.getPart("document");
        assertThat(document.getBody().asBytes()).isEqualTo(pdf);
        assertThat(document.getHeader("Content-Disposition").firstValue()).contains("filename");
        api.verify(0, postRequestedFor(urlPathEqualTo(TELEGRAM + "/sendMessage")));
    }

    @Test
    void anUploadThatMeetsAServerErrorIsSentAgainWithTheSameBytes() throws Exception {
        var api = ProviderStandIn.server;
        String path = TELEGRAM + "/sendDocument";
        api.stubFor(post(urlPathEqualTo(path)).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(502).withBody("Bad Gateway")).willSetStateTo("recovered"));
        api.stubFor(post(urlPathEqualTo(path)).inScenario("busy").whenScenarioStateIs("recovered").willReturn(json(200, telegramSent(701))));
        byte[] pdf = pdf();
        OutboundAttachment invoice = stored("τιμολόγιο.pdf", pdf);
        String ticket = UUID.randomUUID().toString();
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.delivery")) {
            request(ticket, Channel.TELEGRAM, ProducerSamples.customer(UUID.randomUUID(), null, null, null, "123456789", null), "",
                    null, List.of(invoice));
            KafkaEvents.Event delivered = kafka.await(e -> ticket.equals(e.key()), 1, WAIT).get(0);
            assertThat(delivered.type()).isEqualTo("pharos.channel.message.delivered");
            assertThat(delivered.cloudEvent().path("data").path("providerMessageId").asText()).isEqualTo("telegram:123456789:701");
        }
        List<LoggedRequest> attempts = api.findAll(postRequestedFor(urlPathEqualTo(path)));
        assertThat(attempts).hasSize(2);
        assertThat(attempts).allSatisfy(a -> assertThat(a.getPart("document").getBody().asBytes()).isEqualTo(pdf));
    }

    @Test
    void aMessengerReplySendsTheTextThenUploadsTheFileWithTheMessage() throws Exception {
        var api = ProviderStandIn.server;
        // Send API: a message with an attachment carries no text; the file goes up as filedata with it
        api.stubFor(post(urlPathEqualTo("/meta/me/messages")).withHeader("Content-Type", containing("application/json"))
                .willReturn(json(200, "{\"recipient_id\":\"6543210987654321\",\"message_id\":\"m_TEXT-OUT\"}")));
        api.stubFor(post(urlPathEqualTo("/meta/me/messages")).withHeader("Content-Type", containing("multipart/form-data"))
                .willReturn(json(200, "{\"recipient_id\":\"6543210987654321\",\"message_id\":\"m_FILE-OUT\",\"attachment_id\":\"1857777774821032\"}")));
        byte[] pdf = pdf();
        OutboundAttachment invoice = stored("τιμολόγιο-55231.pdf", pdf);
        String ticket = UUID.randomUUID().toString();
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.delivery")) {
            request(ticket, Channel.MESSENGER, new MessageRequested.Recipient(UUID.randomUUID(), null, null, null, null, "6543210987654321",
                    null, null), "Το τιμολόγιο σας", null, List.of(invoice));
            KafkaEvents.Event delivered = kafka.await(e -> ticket.equals(e.key()), 1, WAIT).get(0);
            EventContracts.assertValid(delivered);
            assertThat(delivered.cloudEvent().path("data").path("providerMessageId").asText()).isEqualTo("m_FILE-OUT");
        }
        List<LoggedRequest> sent = api.findAll(postRequestedFor(urlPathEqualTo("/meta/me/messages")));
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).queryParameter("access_token").firstValue()).isEqualTo("acme-messenger-token");
        assertThat(equalToJson("{\"recipient\":{\"id\":\"6543210987654321\"},\"message\":{\"text\":\"Το τιμολόγιο σας\"},"
                + "\"messaging_type\":\"RESPONSE\"}").match(sent.get(0).getBodyAsString()).isExactMatch()).isTrue();
        LoggedRequest upload = sent.get(1);
        assertThat(upload.queryParameter("access_token").firstValue()).isEqualTo("acme-messenger-token");
        assertThat(equalToJson("{\"id\":\"6543210987654321\"}").match(upload.getPart("recipient").getBody().asString()).isExactMatch())
                .isTrue();
        assertThat(equalToJson("{\"attachment\":{\"type\":\"file\",\"payload\":{\"is_reusable\":false}}}")
                .match(upload.getPart("message").getBody().asString()).isExactMatch()).isTrue();
        assertThat(upload.getPart("messaging_type").getBody().asString()).isEqualTo("RESPONSE");
        assertThat(upload.getPart("filedata").getBody().asBytes()).isEqualTo(pdf);
        assertThat(upload.getPart("filedata").getHeader("Content-Type").firstValue()).isEqualTo("application/pdf");
    }

    @Test
    void anInstagramReplyGivesInstagramASignedLinkToFetchTheImageFrom() throws Exception {
        var api = ProviderStandIn.server;
        api.stubFor(post(urlPathEqualTo("/meta/me/messages"))
                .willReturn(json(200, "{\"recipient_id\":\"1789000000000042\",\"message_id\":\"aWdfZAG1faW1hZA2U\"}")));
        OutboundAttachment photo = stored("δέμα.png", PNG);
        String ticket = UUID.randomUUID().toString();
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.delivery")) {
            request(ticket, Channel.INSTAGRAM, new MessageRequested.Recipient(UUID.randomUUID(), null, null, null, null, null,
                    "1789000000000042", null), "", null, List.of(photo));
            KafkaEvents.Event delivered = kafka.await(e -> ticket.equals(e.key()), 1, WAIT).get(0);
            EventContracts.assertValid(delivered);
            assertThat(delivered.type()).isEqualTo("pharos.channel.message.delivered");
        }
        List<LoggedRequest> sent = api.findAll(postRequestedFor(urlPathEqualTo("/meta/me/messages")));
        assertThat(sent).as("no text, so only the image").hasSize(1);
        JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(sent.get(0).getBodyAsString());
        assertThat(body.path("recipient").path("id").asText()).isEqualTo("1789000000000042");
        assertThat(body.path("message").path("attachment").path("type").asText()).isEqualTo("image");
        URI link = URI.create(body.path("message").path("attachment").path("payload").path("url").asText());
        assertThat(link.getPath()).isEqualTo("/api/v1/attachments/" + photo.id() + "/content");
        assertThat(links.permits(photo.id(), form(link.getRawQuery()).get("token").get(0))).isTrue();
    }

    @Test
    void aChatReplyShowsTheVisitorSignedLinksAndMailsTheFilesWhenTheVisitorIsAway() throws Exception {
        String email = "chat-files-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        JsonNode session = new com.fasterxml.jackson.databind.ObjectMapper().readTree(io.restassured.RestAssured.given()
                .contentType(io.restassured.http.ContentType.JSON).body(Map.of("name", "Ελένη", "email", email, "language", "el"))
                .post("/api/v1/chat/acme-chat/sessions").then().statusCode(200).extract().asString());
        String sessionId = session.path("sessionId").asText();
        byte[] pdf = pdf();
        OutboundAttachment invoice = stored("τιμολόγιο-55231.pdf", pdf);
        String ticket = UUID.randomUUID().toString();
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.delivery");
                ChatClient visitor = ChatClient.connect(base, session.path("socket").asText())) {
            visitor.next("ready");
            request(ticket, Channel.CHAT, ProducerSamples.customer(UUID.randomUUID(), email, null, null, null, sessionId),
                    "Το τιμολόγιο σας", null, List.of(invoice));
            JsonNode pushed = visitor.next(f -> "message".equals(f.path("type").asText()) && "agent".equals(f.path("from").asText()),
                    Duration.ofSeconds(20));
            assertThat(pushed.path("text").asText()).isEqualTo("Το τιμολόγιο σας");
            JsonNode file = pushed.path("files").get(0);
            assertThat(file.path("name").asText()).isEqualTo("τιμολόγιο-55231.pdf");
            assertThat(file.path("type").asText()).isEqualTo("application/pdf");
            assertThat(file.path("size").asLong()).isEqualTo(pdf.length);
            URI link = URI.create(file.path("url").asText());
            assertThat(link.getPath()).isEqualTo("/api/v1/attachments/" + invoice.id() + "/content");
            assertThat(links.permits(invoice.id(), form(link.getRawQuery()).get("token").get(0))).isTrue();
            assertThat(kafka.await(e -> ticket.equals(e.key()), 1, WAIT).get(0).cloudEvent().path("data").path("status").asText())
                    .isEqualTo("delivered");
        }
        // the visitor has left: the next reply waits in the transcript and goes by mail, the file attached
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !chats.visitorConnected(UUID.fromString(sessionId)).await().atMost(WAIT));
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.delivery")) {
            request(ticket, Channel.CHAT, ProducerSamples.customer(UUID.randomUUID(), email, null, null, null, sessionId),
                    "Και πάλι το τιμολόγιο", null, List.of(invoice));
            assertThat(kafka.await(e -> ticket.equals(e.key()), 1, WAIT).get(0).cloudEvent().path("data").path("status").asText())
                    .isEqualTo("sent");
        }
        MimeMessage mail = Mailboxes.inbox(email, 1, Duration.ofSeconds(10)).get(0);
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        Part attachedPdf = null;
        for (int i = 0; i < parts.getCount(); i++) {
            if (Part.ATTACHMENT.equalsIgnoreCase(parts.getBodyPart(i).getDisposition())) {
                attachedPdf = parts.getBodyPart(i);
            }
        }
        assertThat(attachedPdf).isNotNull();
        assertThat(attachedPdf.getFileName()).isEqualTo("τιμολόγιο-55231.pdf");
        assertThat(bytes(attachedPdf)).isEqualTo(pdf);
    }

    @Test
    void anSmsChannelThatSendsMmsGivesTwilioSignedLinksToTheFiles() throws Throwable {
        // a number of its own that sends MMS (setting mms), for a tenant of its own so no other test's SMS changes account
        VertxContextSupport.subscribeAndAwait(() -> channels.add("hermes-mms", "hermes", ChannelType.SMS, "Hermes MMS", "+302101234569",
                Map.of("accountSid", "ACacme000000000000000000000000000", "mms", "true"), Map.of("authToken", "hermes-secret"), Map.of()));
        var api = ProviderStandIn.server;
        api.stubFor(post(urlPathEqualTo(TWILIO)).willReturn(json(201, "{\"sid\":\"MMout0001\",\"status\":\"queued\",\"num_media\":\"2\"}")));
        OutboundAttachment photo = stored("hermes", "δέμα.png", PNG);
        OutboundAttachment invoice = stored("hermes", "τιμολόγιο.pdf", pdf());
        String ticket = UUID.randomUUID().toString();
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.delivery")) {
            publish("hermes", ticket, Channel.SMS, ProducerSamples.customer(UUID.randomUUID(), null, "+306900000111", null, null, null),
                    "Η φωτογραφία και το τιμολόγιο", "hermes-mms", List.of(photo, invoice));
            KafkaEvents.Event delivered = kafka.await(e -> ticket.equals(e.key()), 1, WAIT).get(0);
            EventContracts.assertValid(delivered);
            assertThat(delivered.cloudEvent().path("data").path("providerMessageId").asText()).isEqualTo("MMout0001");
        }
        LoggedRequest mms = api.findAll(postRequestedFor(urlPathEqualTo(TWILIO))).get(0);
        Map<String, List<String>> form = form(mms.getBodyAsString());
        assertThat(form.get("From")).containsExactly("+302101234569");
        assertThat(form.get("Body")).containsExactly("Η φωτογραφία και το τιμολόγιο");
        assertThat(form.get("MediaUrl")).hasSize(2);
        List<OutboundAttachment> files = List.of(photo, invoice);
        for (int i = 0; i < 2; i++) {
            URI link = URI.create(form.get("MediaUrl").get(i));
            assertThat(link.getPath()).isEqualTo("/api/v1/attachments/" + files.get(i).id() + "/content");
            String token = form(link.getRawQuery()).get("token").get(0);
            assertThat(links.permits(files.get(i).id(), token)).as("a link ticket-service serves to Twilio").isTrue();
            assertThat(links.permits(files.get(1 - i).id(), token)).as("and to that file only").isFalse();
        }
    }

    @Test
    void anSmsChannelWithoutMmsFailsTheReplyRatherThanDroppingTheFiles() throws Exception {
        OutboundAttachment invoice = stored("τιμολόγιο.pdf", pdf());
        String ticket = UUID.randomUUID().toString();
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.delivery")) {
            request(ticket, Channel.SMS, ProducerSamples.customer(UUID.randomUUID(), null, "+306900000111", null, null, null),
                    "Το τιμολόγιο", null, List.of(invoice));
            JsonNode failed = failure(kafka, ticket);
            assertThat(failed.path("reason").asText()).contains("MMS");
        }
        ProviderStandIn.server.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aFileTheProviderRefusesFailsTheReplyWithTheProvidersCodeAndIsNotRetried() throws Exception {
        var api = ProviderStandIn.server;
        // Graph API error body (developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes)
        api.stubFor(post(urlPathEqualTo(WHATSAPP + "/media")).willReturn(json(400, "{\"error\":{\"message\":\"(#131053) Media upload error\","
                + "\"type\":\"OAuthException\",\"code\":131053,\"error_data\":{\"messaging_product\":\"whatsapp\","
                + "\"details\":\"Unsupported file type\"},\"fbtrace_id\":\"AbCdEf123\"}}")));
        OutboundAttachment invoice = stored("τιμολόγιο.pdf", pdf());
        String ticket = UUID.randomUUID().toString();
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.delivery")) {
            request(ticket, Channel.WHATSAPP, ProducerSamples.customer(UUID.randomUUID(), null, null, "306900000123", null, null),
                    "Το τιμολόγιο", null, List.of(invoice));
            JsonNode failed = failure(kafka, ticket);
            assertThat(failed.path("code").asText()).isEqualTo("131053");
            assertThat(failed.path("reason").asText()).startsWith("whatsapp: ").contains("Unsupported file type");
        }
        api.verify(1, postRequestedFor(urlPathEqualTo(WHATSAPP + "/media")));
        api.verify(0, postRequestedFor(urlPathEqualTo(WHATSAPP + "/messages")));
    }

    @Test
    void aFileNoLongerInTheStoreFailsTheReplyWithAClearReason() throws Exception {
        OutboundAttachment gone = new OutboundAttachment(UUID.randomUUID(), "χαμένο.pdf", "application/pdf", 1234,
                "0".repeat(63) + "1");
        String ticket = UUID.randomUUID().toString();
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.delivery")) {
            request(ticket, Channel.TELEGRAM, ProducerSamples.customer(UUID.randomUUID(), null, null, null, "123456789", null),
                    "Το αρχείο", null, List.of(gone));
            JsonNode failed = failure(kafka, ticket);
            assertThat(failed.path("reason").asText()).contains("χαμένο.pdf").contains("not in the attachment store");
        }
        ProviderStandIn.server.verify(0, anyRequestedFor(anyUrl()));
    }

    private static JsonNode failure(KafkaEvents kafka, String ticket) {
        KafkaEvents.Event failed = kafka.await(e -> ticket.equals(e.key()), 1, WAIT).get(0);
        EventContracts.assertValid(failed);
        assertThat(failed.type()).isEqualTo("pharos.channel.message.failed");
        assertThat(failed.cloudEvent().path("data").path("status").asText()).isEqualTo("failed");
        return failed.cloudEvent().path("data");
    }

    private static void request(String ticket, Channel channel, MessageRequested.Recipient to, String text, String channelId,
            List<OutboundAttachment> files) {
        publish("acme", ticket, channel, to, text, channelId, files);
    }

    /** An agent's reply with files as ticket-service asks for it. */
    private static void publish(String tenant, String ticket, Channel channel, MessageRequested.Recipient to, String text, String channelId,
            List<OutboundAttachment> files) {
        UUID requestId = UUID.randomUUID();
        MessageRequested reply = ProducerSamples.reply(requestId, UUID.fromString(ticket), 1077, channel, to, "Παραγγελία 55231", text, null,
                List.of(), "el");
        MessageRequested withFiles = new MessageRequested(reply.requestId(), reply.ticketId(), reply.ticketNumber(), reply.messageId(),
                reply.channel(), reply.recipient(), reply.subject(), reply.text(), reply.html(), reply.inReplyTo(), reply.references(),
                reply.language(), reply.acknowledgement(), channelId, null, null, null, null, files);
        ProducerSamples.publish(ChannelEvents.MESSAGE_REQUESTED, ticket, ProducerSamples.TICKET_SERVICE, tenant, withFiles);
    }

    private OutboundAttachment stored(String fileName, byte[] content) {
        return stored("acme", fileName, content);
    }

    /** Put into the real store as ticket-service's upload does; the event names it by its hash. */
    private OutboundAttachment stored(String tenant, String fileName, byte[] content) {
        StoredContent s = store.put(tenant, content, fileName).await().atMost(WAIT);
        return new OutboundAttachment(UUID.randomUUID(), fileName, s.contentType(), s.size(), s.sha256());
    }

    /** A small PDF, different each time. */
    private static byte[] pdf() {
        return ("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% " + UUID.randomUUID() + "\ntrailer << /Root 1 0 R >>\n%%EOF\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] bytes(Part part) throws Exception {
        try (var in = part.getInputStream(); var out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        }
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static String whatsappSent(String id) {
        return "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"306900000123\",\"wa_id\":\"306900000123\"}],"
                + "\"messages\":[{\"id\":\"" + id + "\"}]}";
    }

    /** Bot API: {@code {"ok": true, "result": Message}}. */
    private static String telegramSent(int messageId) {
        return "{\"ok\":true,\"result\":{\"message_id\":" + messageId + ",\"from\":{\"id\":123456,\"is_bot\":true,\"first_name\":\"Acme\"},"
                + "\"chat\":{\"id\":123456789,\"type\":\"private\"},\"date\":1773050000}}";
    }

    private static Map<String, List<String>> form(String encoded) {
        Map<String, List<String>> form = new HashMap<>();
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            form.computeIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), k -> new ArrayList<>())
                    .add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }
}
