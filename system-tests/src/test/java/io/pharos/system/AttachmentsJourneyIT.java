package io.pharos.system;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.pharos.system.ChannelBehavioursIT.metaWebhook;
import static io.pharos.system.ChannelBehavioursIT.telegram;
import static io.pharos.system.ChannelBehavioursIT.twilio;
import static io.pharos.system.ChannelBehavioursIT.whatsapp;
import static io.pharos.system.Journeys.await;
import static io.pharos.system.Journeys.gateway;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.activation.DataHandler;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import org.apache.http.entity.mime.HttpMultipartMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.pharos.attachments.AttachmentLinks;
import io.pharos.testing.KeycloakTokens;
import io.pharos.testing.Mailboxes;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.MultiPartConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Issue 22's acceptance, through the running suite: a media-only message from each provider (and a
 * mail with an attachment) becomes a message whose files reach {@code stored} in the attachment
 * store and download byte for byte from a signed link that needs no token, is bound to its tenant
 * and expires; an agent's reply with two uploaded files leaves as a MIME mail with both parts, and as
 * media uploads and media messages to the WhatsApp and Telegram stand-ins. The providers' APIs are
 * WireMock stand-ins on the runtime's sandbox port, shaped after their documentation (named at each).
 */
class AttachmentsJourneyIT {

    static final String TICKETS = "http://localhost:8081";
    static final String SANDBOX = "http://localhost:8089";
    static final String BOT = "/telegram/bot123456:acme-telegram-token";
    /** ./pharos's local link secret: the expired link below is signed as ticket-service signs them. */
    static final String LOCAL_LINK_SECRET = "local-only-attachment-link-secret-0123456789";

    /** A 1×1 PNG, a one-page PDF and an Ogg page header: what Tika recognises by their bytes. */
    static final byte[] PNG = Base64.getDecoder()
            .decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    static final byte[] PDF = ("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
            + "trailer << /Root 1 0 R >>\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);

    WireMockServer providers;

    @BeforeEach
    void providerStandIns() {
        providers = new WireMockServer(options().port(8089));
        providers.start();
        // every send answered, so that receipts to the new conversations never open a provider's circuit breaker
        // https://developers.facebook.com/docs/whatsapp/cloud-api/reference/media#upload-media
        providers.stubFor(post(urlEqualTo("/meta/v21.0/" + WhatsAppJourneyIT.PHONE_NUMBER_ID + "/media"))
                .willReturn(json("{\"id\":\"{{randomValue length=16 type='NUMERIC'}}\"}").withTransformers("response-template")));
        providers.stubFor(post(urlEqualTo(WhatsAppJourneyIT.MESSAGES)).willReturn(json("{\"messaging_product\":\"whatsapp\","
                + "\"messages\":[{\"id\":\"wamid.{{randomValue length=24 type='ALPHANUMERIC'}}\"}]}").withTransformers("response-template")));
        providers.stubFor(post(urlPathEqualTo("/meta/v21.0/me/messages")).willReturn(json("{\"recipient_id\":\"1\",\"message_id\":"
                + "\"m_{{randomValue length=20 type='ALPHANUMERIC'}}\"}").withTransformers("response-template")));
        providers.stubFor(post(urlEqualTo(ChannelBehavioursIT.TWILIO_MESSAGES)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"sid\":\"SM{{randomValue length=32 type='HEXADECIMAL'}}\","
                        + "\"status\":\"queued\"}").withTransformers("response-template")));
        // https://core.telegram.org/bots/api#sending-files
        for (String method : List.of("sendMessage", "sendPhoto", "sendDocument")) {
            providers.stubFor(post(urlEqualTo(BOT + "/" + method)).willReturn(json("{\"ok\":true,\"result\":{\"message_id\":"
                    + "{{randomInt lower=1000 upper=999999}},\"date\":" + Instant.now().getEpochSecond()
                    + ",\"chat\":{\"id\":1,\"type\":\"private\"}}}").withTransformers("response-template")));
        }
    }

    @AfterEach
    void stop() {
        providers.stop();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // inbound: every provider's media lands in the store

    @Test
    void mediaOnlyMessagesFromEveryProviderAreStoredAndDownloadByteForByte() throws Exception {
        String anna = KeycloakTokens.user("anna");
        String marker = UUID.randomUUID().toString().substring(0, 8);
        byte[] photo = unique(PNG, marker);
        byte[] invoice = unique(PDF, marker);

        // WhatsApp Cloud API: the webhook names a media id; GET /{media-id} gives the url, GET url (same token) the bytes
        // https://developers.facebook.com/docs/whatsapp/cloud-api/reference/media#retrieve-media-url
        String waId = "3069" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
        String mediaId = String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000_000_000L, 9_000_000_000_000L));
        providers.stubFor(get(urlEqualTo("/meta/v21.0/" + mediaId)).willReturn(json("{\"messaging_product\":\"whatsapp\",\"url\":\""
                + SANDBOX + "/whatsapp-cdn/" + mediaId + "\",\"mime_type\":\"image/png\",\"sha256\":\"" + sha256(photo)
                + "\",\"file_size\":\"" + photo.length + "\",\"id\":\"" + mediaId + "\"}")));
        providers.stubFor(get(urlEqualTo("/whatsapp-cdn/" + mediaId)).withHeader("Authorization", matching("Bearer acme-whatsapp-token"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "image/png").withBody(photo)));
        metaWebhook("acme-whatsapp", whatsapp("102290129340398", WhatsAppJourneyIT.PHONE_NUMBER_ID, Map.of("from", waId,
                "id", "wamid.A" + marker, "timestamp", String.valueOf(Instant.now().getEpochSecond()), "type", "image",
                "image", Map.of("mime_type", "image/png", "sha256", sha256(photo), "id", mediaId)), waId, "Maria K."));

        // Telegram: a document; getFile gives file_path, the file is at /file/bot<token>/<file_path>
        // https://core.telegram.org/bots/api#getfile
        long chat = ThreadLocalRandom.current().nextLong(100_000_000L, 900_000_000L);
        String fileId = "BQACAgQAAxkBAAI" + marker;
        providers.stubFor(get(urlPathEqualTo(BOT + "/getFile")).withQueryParam("file_id", matching(fileId))
                .willReturn(json("{\"ok\":true,\"result\":{\"file_id\":\"" + fileId + "\",\"file_unique_id\":\"AgAD" + marker
                        + "\",\"file_size\":" + invoice.length + ",\"file_path\":\"documents/file_" + marker + ".pdf\"}}")));
        providers.stubFor(get(urlEqualTo("/telegram/file/bot123456:acme-telegram-token/documents/file_" + marker + ".pdf"))
                .willReturn(aResponse().withStatus(200).withBody(invoice)));
        telegram(Map.of("update_id", ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE), "message", Map.of("message_id", 7,
                "date", Instant.now().getEpochSecond(), "chat", Map.of("id", chat, "type", "private"),
                "from", Map.of("id", chat, "is_bot", false, "first_name", "Γιώργος"),
                "document", Map.of("file_name", "Τιμολόγιο " + marker + ".pdf", "mime_type", "application/pdf", "file_id", fileId,
                        "file_unique_id", "AgAD" + marker, "file_size", invoice.length))));

        // Messenger: the attachment's payload.url, a CDN link
        // https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/messages
        String psid = String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000_000_000_000L, 9_000_000_000_000_000L));
        providers.stubFor(get(urlEqualTo("/fbcdn/" + marker + ".png")).willReturn(aResponse().withStatus(200).withBody(photo)));
        long now = Instant.now().toEpochMilli();
        metaWebhook("acme-messenger", Map.of("object", "page", "entry", List.of(Map.of("id", "104455667788", "time", now, "messaging",
                List.of(Map.of("sender", Map.of("id", psid), "recipient", Map.of("id", "104455667788"), "timestamp", now,
                        "message", Map.of("mid", "m_" + marker, "attachments", List.of(Map.of("type", "image",
                                "payload", Map.of("url", SANDBOX + "/fbcdn/" + marker + ".png"))))))))));

        // Twilio: MediaUrl0 under the account, HTTP Basic with the account SID and auth token, redirected to the content
        // https://www.twilio.com/docs/messaging/guides/webhook-request
        String media = "/twilio/2010-04-01/Accounts/ACacme000000000000000000000000000/Messages/MM" + marker + "/Media/ME" + marker;
        providers.stubFor(get(urlEqualTo(media)).withBasicAuth("ACacme000000000000000000000000000", "acme-sms-secret")
                .willReturn(aResponse().withStatus(307).withHeader("Location", SANDBOX + "/twilio-cdn/" + marker)));
        providers.stubFor(get(urlEqualTo("/twilio-cdn/" + marker)).willReturn(aResponse().withStatus(200).withBody(photo)));
        String phone = "+3069" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
        Map<String, String> mms = new LinkedHashMap<>();
        mms.put("MessageSid", "MM" + marker);
        mms.put("AccountSid", "ACacme000000000000000000000000000");
        mms.put("From", phone);
        mms.put("To", "+302101234568");
        mms.put("Body", "");
        mms.put("NumMedia", "1");
        mms.put("MediaUrl0", SANDBOX + media);
        mms.put("MediaContentType0", "image/png");
        twilio(mms).then().statusCode(200);

        // email: a PDF and an inline image
        MimeMessage mail = ChannelBehavioursIT.mail("kostas-" + marker + "@example.test", "Κώστας", "Σπασμένο δέμα " + marker);
        MimeMultipart related = new MimeMultipart("related");
        MimeBodyPart html = new MimeBodyPart();
        html.setText("<p>Δείτε τη φωτογραφία <img src=\"cid:photo-" + marker + "@example.test\"></p>", "UTF-8", "html");
        MimeBodyPart inline = new MimeBodyPart();
        inline.setDataHandler(new DataHandler(new ByteArrayDataSource(photo, "image/png")));
        inline.setContentID("<photo-" + marker + "@example.test>");
        inline.setDisposition(Part.INLINE);
        inline.setFileName("photo.png");
        related.addBodyPart(html);
        related.addBodyPart(inline);
        MimeBodyPart body = new MimeBodyPart();
        body.setContent(related);
        MimeBodyPart pdf = new MimeBodyPart();
        pdf.setDataHandler(new DataHandler(new ByteArrayDataSource(invoice, "application/pdf")));
        pdf.setFileName("Τιμολόγιο.pdf");
        pdf.setDisposition(Part.ATTACHMENT);
        // as mail clients send a PDF (7bit would turn its line ends into CRLF, as MIME requires)
        pdf.setHeader("Content-Transfer-Encoding", "base64");
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(body);
        mixed.addBodyPart(pdf);
        mail.setContent(mixed);
        Transport.send(mail);

        Map<String, byte[]> expected = new LinkedHashMap<>();
        expected.put("whatsapp:" + waId, photo);
        expected.put("telegram:" + chat, invoice);
        expected.put("messenger:" + psid, photo);
        expected.put("phone:" + phone, photo);
        for (Map.Entry<String, byte[]> e : expected.entrySet()) {
            JsonPath file = storedAttachments(anna, e.getKey(), 1);
            assertThat(file.getString("[0].sha256")).as(e.getKey()).isEqualTo(sha256(e.getValue()));
            assertThat(file.getLong("[0].size")).as(e.getKey()).isEqualTo(e.getValue().length);
            Response download = given().redirects().follow(false).when().get(file.getString("[0].downloadUrl"));
            assertThat(download.statusCode()).as(e.getKey()).isEqualTo(200);
            assertThat(download.asByteArray()).as("%s byte for byte", e.getKey()).isEqualTo(e.getValue());
            assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");
        }
        JsonPath telegramFile = storedAttachments(anna, "telegram:" + chat, 1);
        assertThat(telegramFile.getString("[0].contentType")).isEqualTo("application/pdf");
        assertThat(given().get(telegramFile.getString("[0].downloadUrl")).header("Content-Disposition")).as("a PDF is a download")
                .startsWith("attachment");
        JsonPath whatsappFile = storedAttachments(anna, "whatsapp:" + waId, 1);
        assertThat(given().get(whatsappFile.getString("[0].downloadUrl")).header("Content-Disposition")).as("a PNG shows in an <img>")
                .startsWith("inline");

        JsonPath mailFiles = storedAttachments(anna, "email:kostas-" + marker + "@example.test", 2);
        assertThat(mailFiles.getList("sha256", String.class)).containsExactlyInAnyOrder(sha256(photo), sha256(invoice));
        // the inline image shows from Pharos, not from a cid: the browser cannot resolve
        String inlineId = mailFiles.getString("find { it.contentId != null }.id");
        String mailTicket = ticketOf(anna, "email:kostas-" + marker + "@example.test");
        String shown = given().baseUri(TICKETS).auth().oauth2(anna).get("/api/v1/tickets/" + mailTicket + "/messages").then().statusCode(200)
                .extract().path("[0].html");
        assertThat(shown).contains("/api/v1/attachments/" + inlineId + "/content?token").doesNotContain("cid:");
        for (int i = 0; i < 2; i++) {
            byte[] bytes = given().get(mailFiles.getString("[" + i + "].downloadUrl")).then().statusCode(200).extract().asByteArray();
            assertThat(sha256(bytes)).isEqualTo(mailFiles.getString("[" + i + "].sha256"));
        }

        // the same files through the federated graph
        String ticket = ticketOf(anna, "whatsapp:" + waId);
        JsonPath graph = gateway(anna, "query($id: ID!) { ticket(id: $id) { messages { attachments { id fileName contentType size sha256 "
                + "status downloadUrl } } } }", Map.of("id", ticket));
        assertThat(graph.getString("data.ticket.messages[0].attachments[0].status")).isEqualTo("STORED");
        assertThat(graph.getString("data.ticket.messages[0].attachments[0].sha256")).isEqualTo(sha256(photo));
        assertThat(graph.getString("data.ticket.messages[0].attachments[0].contentType")).isEqualTo("image/png");
    }

    @Test
    void aDownloadLinkIsBoundToItsTenantAndExpires() throws Exception {
        String anna = KeycloakTokens.user("anna");
        Response uploaded = upload(anna, unique(PDF, UUID.randomUUID().toString()), "Οδηγίες.pdf");
        uploaded.then().statusCode(201);
        String id = uploaded.path("id");
        String url = uploaded.path("downloadUrl");
        assertThat(given().get(url).statusCode()).as("the signed link needs no token").isEqualTo(200);
        assertThat(given().auth().oauth2(KeycloakTokens.user("gina")).get(url).statusCode()).as("with another tenant's token")
                .isEqualTo(404);
        assertThat(given().auth().oauth2(KeycloakTokens.user("gina")).get(TICKETS + "/api/v1/attachments/" + id).statusCode())
                .as("another tenant's metadata").isEqualTo(404);
        String forged = url.substring(0, url.length() - 2) + (url.endsWith("A") ? "B" : "A") + url.charAt(url.length() - 1);
        assertThat(given().get(forged).statusCode()).as("an altered token").isIn(403, 404);
        String expired = new AttachmentLinks(LOCAL_LINK_SECRET, TICKETS, Duration.ofMinutes(15),
                Clock.offset(Clock.systemUTC(), Duration.ofHours(-1))).downloadUrl(UUID.fromString(id));
        assertThat(given().get(expired).statusCode()).as("a link past its lifetime").isIn(403, 404, 410);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // outbound: an agent's files leave as each channel carries them

    @Test
    void anAgentsTwoFilesLeaveAsMimePartsAndAsWhatsAppAndTelegramMedia() throws Exception {
        String anna = KeycloakTokens.user("anna");
        String marker = UUID.randomUUID().toString().substring(0, 8);
        byte[] label = unique(PNG, marker);
        byte[] manual = unique(PDF, marker);

        // email
        String customer = "sofia-" + marker + "@example.test";
        Mailboxes.send(customer, "Σοφία", "support@acme.test", "Επιστροφή " + marker, "Πώς επιστρέφω το προϊόν " + marker + ";", null);
        String mailTicket = ticketOf(anna, "email:" + customer);
        reply(anna, mailTicket, "Η ετικέτα και οι οδηγίες " + marker + " επισυνάπτονται.", label, "ετικέτα.png", manual, "οδηγίες.pdf");
        MimeMessage sent = ChannelBehavioursIT.reply(Mailboxes.inbox(customer, 2, Duration.ofSeconds(60)), marker);
        assertThat(sent).as("the reply in the customer's mailbox").isNotNull();
        List<Part> files = attachmentsOf(sent);
        assertThat(files).hasSize(2);
        assertThat(files.stream().map(p -> fileName(p)).toList()).containsExactlyInAnyOrder("ετικέτα.png", "οδηγίες.pdf");
        assertThat(files.stream().map(p -> sha256(bytes(p))).toList()).containsExactlyInAnyOrder(sha256(label), sha256(manual));

        // WhatsApp: each file uploaded to /{phone-number-id}/media, then one media message per file
        String waId = "3069" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
        metaWebhook("acme-whatsapp", whatsapp("102290129340398", WhatsAppJourneyIT.PHONE_NUMBER_ID, Map.of("from", waId,
                "id", "wamid.T" + marker, "timestamp", String.valueOf(Instant.now().getEpochSecond()), "type", "text",
                "text", Map.of("body", "Στείλτε μου την ετικέτα " + marker)), waId, "Maria K."));
        String waTicket = ticketOf(anna, "whatsapp:" + waId);
        reply(anna, waTicket, "Ορίστε " + marker, label, "label.png", manual, "manual.pdf");
        List<LoggedRequest> uploads = await(() -> providers.findAll(postRequestedFor(urlEqualTo("/meta/v21.0/"
                + WhatsAppJourneyIT.PHONE_NUMBER_ID + "/media"))), r -> r.size() >= 2, Duration.ofSeconds(60));
        assertThat(uploads).hasSize(2);
        assertThat(uploads.stream().map(r -> sha256(r.getPart("file").getBody().asBytes())).toList())
                .containsExactlyInAnyOrder(sha256(label), sha256(manual));
        assertThat(uploads.get(0).getPart("messaging_product").getBody().asString()).isEqualTo("whatsapp");
        List<LoggedRequest> media = await(() -> providers.findAll(postRequestedFor(urlEqualTo(WhatsAppJourneyIT.MESSAGES)))
                .stream().filter(r -> r.getBodyAsString().contains("\"to\":\"" + waId + "\"")).toList(),
                r -> r.stream().filter(m -> !m.getBodyAsString().contains("\"type\":\"text\"")).count() >= 2, Duration.ofSeconds(60));
        List<String> kinds = media.stream().map(r -> JsonPath.from(r.getBodyAsString()).getString("type")).toList();
        assertThat(kinds).as("one media message per file").contains("image", "document");
        JsonPath document = media.stream().map(r -> JsonPath.from(r.getBodyAsString())).filter(j -> "document".equals(j.getString("type")))
                .findFirst().orElseThrow();
        assertThat(document.getString("document.id")).as("sent by the uploaded media id").isNotBlank();
        assertThat(document.getString("document.filename")).isEqualTo("manual.pdf");

        // Telegram: sendPhoto and sendDocument, the files uploaded with the request
        long chat = ThreadLocalRandom.current().nextLong(100_000_000L, 900_000_000L);
        telegram(Map.of("update_id", ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE), "message", Map.of("message_id", 3,
                "date", Instant.now().getEpochSecond(), "chat", Map.of("id", chat, "type", "private"),
                "from", Map.of("id", chat, "is_bot", false, "first_name", "Γιώργος"), "text", "Χρειάζομαι το εγχειρίδιο " + marker)));
        String tgTicket = ticketOf(anna, "telegram:" + chat);
        reply(anna, tgTicket, "Το εγχειρίδιο " + marker, label, "label.png", manual, "manual.pdf");
        LoggedRequest sentPhoto = await(() -> providers.findAll(postRequestedFor(urlEqualTo(BOT + "/sendPhoto"))).stream()
                .filter(r -> String.valueOf(chat).equals(r.getPart("chat_id").getBody().asString())).findFirst().orElse(null),
                r -> r != null, Duration.ofSeconds(60));
        assertThat(sentPhoto).as("the label as a photo").isNotNull();
        assertThat(sentPhoto.getPart("photo").getBody().asBytes()).isEqualTo(label);
        LoggedRequest sentDocument = await(() -> providers.findAll(postRequestedFor(urlEqualTo(BOT + "/sendDocument"))).stream()
                .filter(r -> String.valueOf(chat).equals(r.getPart("chat_id").getBody().asString())).findFirst().orElse(null),
                r -> r != null, Duration.ofSeconds(60));
        assertThat(sentDocument).as("the manual as a document").isNotNull();
        assertThat(sentDocument.getPart("document").getBody().asBytes()).isEqualTo(manual);
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** The content with a marker appended, so that every run stores new bytes (PNG and PDF readers ignore trailing bytes). */
    static byte[] unique(byte[] content, String marker) {
        byte[] tail = ("\n" + marker + UUID.randomUUID()).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[content.length + tail.length];
        System.arraycopy(content, 0, out, 0, content.length);
        System.arraycopy(tail, 0, out, content.length, tail.length);
        return out;
    }

    static String ticketOf(String token, String identity) {
        return await(() -> {
            List<String> customers = given().baseUri(TICKETS).auth().oauth2(token).queryParam("identity", identity)
                    .get("/api/v1/customers").then().statusCode(200).extract().path("id");
            if (customers.isEmpty()) {
                return null;
            }
            List<String> tickets = given().baseUri(TICKETS).auth().oauth2(token).queryParam("requester", customers.get(0))
                    .get("/api/v1/tickets").then().statusCode(200).extract().path("items.id");
            return tickets.isEmpty() ? null : tickets.get(0);
        }, t -> t != null, Duration.ofSeconds(60));
    }

    /** The attachments of the first message on the customer's ticket, once {@code count} of them are stored. */
    static JsonPath storedAttachments(String token, String identity, int count) {
        String ticket = ticketOf(token, identity);
        assertThat(ticket).as("a ticket for %s", identity).isNotNull();
        JsonPath files = await(() -> JsonPath.from(given().baseUri(TICKETS).auth().oauth2(token).get("/api/v1/tickets/" + ticket + "/messages")
                .then().statusCode(200).extract().asString()).setRootPath("[0].attachments"),
                f -> f.getList("status", String.class).stream().filter("stored"::equals).count() >= count, Duration.ofSeconds(90));
        assertThat(files.getList("status", String.class)).as("%s: %s", identity, files.prettify()).containsOnly("stored");
        return files;
    }

    static Response upload(String token, byte[] content, String name) {
        // as a browser sends a Greek file name: UTF-8 in the part's header (strict mode would write '?')
        RestAssuredConfig utf8 = RestAssuredConfig.config()
                .httpClient(HttpClientConfig.httpClientConfig().httpMultipartMode(HttpMultipartMode.BROWSER_COMPATIBLE))
                .multiPartConfig(MultiPartConfig.multiPartConfig().defaultCharset(StandardCharsets.UTF_8));
        return given().config(utf8).baseUri(TICKETS).auth().oauth2(token).multiPart("file", name, content, "application/octet-stream")
                .when().post("/api/v1/attachments");
    }

    static void reply(String token, String ticket, String text, byte[] first, String firstName, byte[] second, String secondName) {
        List<String> ids = new ArrayList<>();
        for (Map.Entry<String, byte[]> f : Map.of(firstName, first, secondName, second).entrySet()) {
            Response uploaded = upload(token, f.getValue(), f.getKey());
            uploaded.then().statusCode(201);
            ids.add(uploaded.path("id"));
        }
        given().baseUri(TICKETS).auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("text", text, "attachmentIds", ids))
                .when().post("/api/v1/tickets/" + ticket + "/messages").then().statusCode(201);
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    static List<Part> attachmentsOf(Part part) {
        List<Part> found = new ArrayList<>();
        try {
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    found.addAll(attachmentsOf(multipart.getBodyPart(i)));
                }
            } else if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null) {
                found.add(part);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    static String fileName(Part part) {
        try {
            return jakarta.mail.internet.MimeUtility.decodeText(part.getFileName());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] bytes(Part part) {
        try (InputStream in = part.getInputStream(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
