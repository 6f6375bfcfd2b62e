package io.pharos.system;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.pharos.system.Journeys.await;
import static io.pharos.system.Journeys.gateway;
import static io.pharos.system.Journeys.gatewayRaw;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.pharos.testing.KeycloakTokens;
import io.pharos.testing.Mailboxes;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Channels behave as their providers do, through the whole suite: what a provider sends goes in
 * through its real webhook or the real mailbox (IMAP), and what counts is the ticket as REST and
 * the federated GraphQL API show it. Meta, Twilio and Telegram are WireMock stand-ins on the local
 * runtime's provider sandbox port; every payload is shaped after the provider's documentation,
 * named at each payload.
 */
class ChannelBehavioursIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TICKETS = "http://localhost:8081";
    static final String CHANNELS = "http://localhost:8082";
    static final String TWILIO_MESSAGES = "/twilio/2010-04-01/Accounts/ACacme000000000000000000000000000/Messages.json";

    WireMockServer providers;
    String extraChannel;

    @BeforeEach
    void providerStandIns() {
        providers = new WireMockServer(options().port(8089));
        providers.start();
    }

    @AfterEach
    void stop() {
        if (extraChannel != null) {
            given().baseUri(CHANNELS).auth().oauth2(KeycloakTokens.user("alex")).when().get("/api/v1/channels/" + extraChannel)
                    .then().statusCode(200);
            Map<String, Object> off = new LinkedHashMap<>();
            off.put("id", extraChannel);
            off.put("type", "WHATSAPP");
            off.put("name", "Acme WhatsApp (second number)");
            off.put("enabled", false);
            given().baseUri(CHANNELS).auth().oauth2(KeycloakTokens.user("alex")).contentType(ContentType.JSON).body(off)
                    .when().put("/api/v1/channels/" + extraChannel);
        }
        providers.stop();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // mail

    @Test
    void aForwardedGreekMailShowsTheForwardersNoteAndTheForwardedMessage() throws Exception {
        String marker = "F" + UUID.randomUUID().toString().substring(0, 8);
        String customer = "maria-" + marker.toLowerCase() + "@example.test";
        // Gmail's forward in a Greek interface: its separator line and a header block, the note above it
        String body = """
                Καλησπέρα σας, δείτε παρακάτω το μήνυμα του κούριερ. Δεν έχω λάβει ακόμα τίποτα.

                ---------- Προωθημένο μήνυμα ---------
                Από: Κούριερ Express <noreply@courier.example>
                Date: Δευ, 30 Νοε 2026 στις 10:15 π.μ.
                Subject: Η αποστολή σας %s καθυστερεί
                To: <%s>


                Αγαπητέ πελάτη, η αποστολή σας %s καθυστερεί λόγω καιρικών συνθηκών.
                """.formatted(marker, customer, marker);
        MimeMessage mail = mail(customer, "Μαρία Κ.", "Fwd: Η αποστολή σας " + marker + " καθυστερεί");
        mail.setText(body, "UTF-8");
        Transport.send(mail);

        String anna = KeycloakTokens.user("anna");
        JsonPath found = awaitTicket(anna, marker, 1);
        String ticket = found.getString("data.tickets.edges[0].node.id");
        JsonPath messages = gateway(anna, """
                query($id: ID!) { ticket(id: $id) { messages { text forwarded { fromName fromAddress subject text date } } } }""",
                Map.of("id", ticket));
        assertThat(messages.getString("data.ticket.messages[0].text")).as("the forwarder's own note")
                .contains("δείτε παρακάτω το μήνυμα του κούριερ").doesNotContain("καιρικών συνθηκών");
        assertThat(messages.getString("data.ticket.messages[0].forwarded.text")).as("the forwarded message")
                .contains("η αποστολή σας " + marker + " καθυστερεί λόγω καιρικών συνθηκών");
        assertThat(messages.getString("data.ticket.messages[0].forwarded.fromAddress")).isEqualTo("noreply@courier.example");
        assertThat(messages.getString("data.ticket.messages[0].forwarded.fromName")).isEqualTo("Κούριερ Express");
        assertThat(messages.getString("data.ticket.messages[0].forwarded.subject")).isEqualTo("Η αποστολή σας " + marker + " καθυστερεί");
        // REST says the same
        JsonPath rest = new JsonPath(given().baseUri(TICKETS).auth().oauth2(anna).when().get("/api/v1/tickets/" + ticket + "/messages")
                .then().statusCode(200).extract().asString());
        assertThat(rest.getString("[0].forwarded.fromAddress")).isEqualTo("noreply@courier.example");
        assertThat(rest.getString("[0].text")).contains("δείτε παρακάτω");
    }

    @Test
    void copiedColleaguesStayOnTheConversationAndABounceFailsTheReply() throws Exception {
        String marker = "C" + UUID.randomUUID().toString().substring(0, 8);
        String customer = "nikos-" + marker.toLowerCase() + "@example.test";
        String colleague = "eleni-" + marker.toLowerCase() + "@example.test";
        String manager = "boss-" + marker.toLowerCase() + "@example.test";
        MimeMessage mail = mail(customer, "Νίκος Α.", "Τιμολόγιο " + marker);
        mail.setRecipient(Message.RecipientType.CC, new InternetAddress(colleague, "Ελένη Β.", "UTF-8"));
        mail.setText("Καλημέρα, χρειαζόμαστε το τιμολόγιο " + marker + " σε PDF. Κοινοποιώ τη συνάδελφο από το λογιστήριο.", "UTF-8");
        Transport.send(mail);

        String anna = KeycloakTokens.user("anna");
        String ticket = awaitTicket(anna, marker, 1).getString("data.tickets.edges[0].node.id");
        JsonPath participants = gateway(anna, "query($id: ID!) { ticket(id: $id) { participants { address name source } } }",
                Map.of("id", ticket));
        assertThat(participants.getList("data.ticket.participants.address", String.class)).containsExactly(colleague);
        assertThat(participants.getString("data.ticket.participants[0].source")).isEqualTo("CC");

        // Anna answers everybody, with her manager in blind copy
        Response replied = given().baseUri(TICKETS).auth().oauth2(anna).contentType(ContentType.JSON)
                .body(Map.of("text", "Καλημέρα σας, το τιμολόγιο " + marker + " επισυνάπτεται.", "bcc", List.of(manager)))
                .when().post("/api/v1/tickets/" + ticket + "/messages");
        replied.then().statusCode(201);
        String replyId = replied.path("id");
        MimeMessage toCustomer = reply(Mailboxes.inbox(customer, 2, Duration.ofSeconds(60)), marker);
        assertThat(toCustomer).as("the reply in the customer's mailbox").isNotNull();
        assertThat(toCustomer.getHeader("Cc", ",")).as("reply-all keeps the colleague").contains(colleague);
        assertThat(toCustomer.getHeader("Bcc")).as("blind copies leave no trace").isNull();
        assertThat(reply(Mailboxes.inbox(colleague, 1, Duration.ofSeconds(30)), marker)).as("the colleague has it").isNotNull();
        assertThat(reply(Mailboxes.inbox(manager, 1, Duration.ofSeconds(30)), marker)).as("the manager has it").isNotNull();

        // the customer's server later bounces it (RFC 3464), naming the reply by its Message-ID
        String dsn = """
                From: Mail Delivery System <MAILER-DAEMON@mx.example.test>
                To: support@acme.test
                Subject: Undelivered Mail Returned to Sender
                Auto-Submitted: auto-replied
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="BOUNDARY"

                --BOUNDARY
                Content-Type: text/plain; charset=us-ascii

                I'm sorry to have to inform you that your message could not be delivered.

                --BOUNDARY
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.test
                Arrival-Date: %s

                Final-Recipient: rfc822; %s
                Original-Recipient: rfc822; %s
                Action: failed
                Status: 5.1.1
                Remote-MTA: dns; mailbox.example.test
                Diagnostic-Code: smtp; 550 5.1.1 <%s>: Recipient address rejected: User unknown

                --BOUNDARY
                Content-Type: text/rfc822-headers

                From: Acme <support@acme.test>
                To: %s
                Subject: %s
                Message-ID: %s

                --BOUNDARY--
                """.formatted(java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(java.time.ZonedDateTime.now()), customer,
                customer, customer, customer, toCustomer.getSubject(), toCustomer.getMessageID()).replace("\n", "\r\n");
        Transport.send(new MimeMessage(session(), new ByteArrayInputStream(dsn.getBytes(StandardCharsets.US_ASCII))),
                new InternetAddress[] { new InternetAddress("support@acme.test") });
        JsonPath failed = await(() -> new JsonPath(given().baseUri(TICKETS).auth().oauth2(anna).when()
                .get("/api/v1/tickets/" + ticket + "/messages").then().statusCode(200).extract().asString()),
                m -> "failed".equals(m.getString("find { it.id == '" + replyId + "' }.delivery.status")), Duration.ofSeconds(60));
        String path = "find { it.id == '" + replyId + "' }";
        assertThat(failed.getString(path + ".delivery.status")).as(failed.prettify()).isEqualTo("failed"); // REST enums are lower case
        assertThat(failed.getString(path + ".delivery.code")).isEqualTo("5.1.1");
        assertThat(failed.getString(path + ".delivery.recipient")).isEqualTo(customer);
        assertThat(failed.getList(path + ".delivery.history.status", String.class)).containsSubsequence("sent", "failed");
        assertThat(failed.getList("$")).as("a bounce is never the customer's message").hasSize(2);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // WhatsApp: the account written to, the 24-hour window, templates, statuses

    @Test
    void aWhatsAppConversationPastTheWindowIsAnsweredWithATemplateFromTheNumberTheCustomerWroteTo() throws Exception {
        String suffix = String.valueOf(ThreadLocalRandom.current().nextInt(100_000, 999_999));
        String phoneNumberId = "1099" + suffix;
        String waba = "2099" + suffix;
        extraChannel = "acme-whatsapp-" + suffix; // after acme-whatsapp: the default sender stays the same for the other tests
        String alex = KeycloakTokens.user("alex");
        given().baseUri(CHANNELS).auth().oauth2(alex).contentType(ContentType.JSON).body(Map.of("id", extraChannel, "type", "WHATSAPP",
                "name", "Acme WhatsApp (second number)", "address", "+30210765" + suffix.substring(0, 4),
                "settings", Map.of("phoneNumberId", phoneNumberId, "businessAccountId", waba),
                "secrets", Map.of("webhookSecret", extraChannel + "-secret", "accessToken", extraChannel + "-token"), "enabled", true))
                .when().post("/api/v1/channels").then().statusCode(201);
        String sent = "/meta/v21.0/" + phoneNumberId + "/messages";
        providers.stubFor(post(urlEqualTo(sent)).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"{{jsonPath request.body '$.to'}}\","
                        + "\"wa_id\":\"{{jsonPath request.body '$.to'}}\"}],\"messages\":[{\"id\":\"wamid.{{randomValue length=24 type='ALPHANUMERIC'}}\"}]}")
                .withTransformers("response-template")));

        // the customer wrote to the second number 25 hours ago (the webhook carries the provider's timestamp)
        String waId = "3069" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
        String order = "ΠΑ" + suffix;
        Instant wrote = Instant.now().minus(25, ChronoUnit.HOURS);
        metaWebhook(extraChannel, whatsapp(waba, phoneNumberId, Map.of("from", waId, "id", "wamid." + UUID.randomUUID().toString()
                .replace("-", ""), "timestamp", String.valueOf(wrote.getEpochSecond()), "type", "text",
                "text", Map.of("body", "Καλησπέρα, πού βρίσκεται η παραγγελία " + order + ";")), waId, "Γιώργος Π."));
        String anna = KeycloakTokens.user("anna");
        JsonPath found = awaitTicket(anna, order, 1);
        String ticket = found.getString("data.tickets.edges[0].node.id");
        JsonPath first = gateway(anna, "query($id: ID!) { ticket(id: $id) { messages { channelId sentAt receivedAt } } }",
                Map.of("id", ticket));
        assertThat(first.getString("data.ticket.messages[0].channelId")).isEqualTo(extraChannel);
        assertThat(Instant.parse(first.getString("data.ticket.messages[0].sentAt"))).as("the provider's time, not the time of receipt")
                .isEqualTo(wrote.truncatedTo(ChronoUnit.SECONDS));

        // a free-form reply is refused before anything is sent: Meta would refuse it (error 131047)
        given().baseUri(TICKETS).auth().oauth2(anna).contentType(ContentType.JSON).body(Map.of("text", "Καλησπέρα Γιώργο!"))
                .when().post("/api/v1/tickets/" + ticket + "/messages").then().statusCode(422)
                .contentType("application/problem+json").body("type", org.hamcrest.Matchers.endsWith("outside_customer_service_window"));
        JsonPath refused = gatewayRaw(anna, "mutation($id: ID!, $t: String) { reply(ticketId: $id, text: $t) { id } }",
                Map.of("id", ticket, "t", "Καλησπέρα Γιώργο!"));
        assertThat(refused.getString("errors[0].extensions.kind")).isEqualTo("outside_customer_service_window");
        assertThat(gateway(anna, "query($id: ID!) { ticket(id: $id) { messages { id } } }", Map.of("id", ticket))
                .getList("data.ticket.messages")).as("nothing stored").hasSize(1);

        // the admin creates a Greek utility template, Meta approves it (template status webhook), Anna sends it
        providers.stubFor(post(urlEqualTo("/meta/v21.0/" + waba + "/message_templates")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"5940" + suffix + "\",\"status\":\"PENDING\",\"category\":\"UTILITY\"}")));
        String template = given().baseUri(CHANNELS).auth().oauth2(alex).contentType(ContentType.JSON).body(Map.of("name", "order_update",
                "language", "el", "category", "UTILITY", "bodyText", "Γεια σας {{1}}, η παραγγελία {{2}} είναι καθ' οδόν.",
                "bodyExamples", List.of("Μαρία", "ΠΑ123456")))
                .when().post("/api/v1/channels/" + extraChannel + "/templates").then().statusCode(201).extract().path("id");
        given().baseUri(CHANNELS).auth().oauth2(alex).when().post("/api/v1/channels/" + extraChannel + "/templates/" + template + "/submit")
                .then().statusCode(200).body("status", org.hamcrest.Matchers.equalToIgnoringCase("PENDING"));
        // https://developers.facebook.com/docs/graph-api/webhooks/reference/whatsapp-business-account/#message_template_status_update
        metaWebhook(extraChannel, Map.of("object", "whatsapp_business_account", "entry", List.of(Map.of("id", waba, "time",
                Instant.now().getEpochSecond(), "changes", List.of(Map.of("field", "message_template_status_update", "value", Map.of(
                        "event", "APPROVED", "message_template_id", Long.parseLong("5940" + suffix), "message_template_name", "order_update",
                        "message_template_language", "el", "reason", "NONE")))))));
        await(() -> given().baseUri(CHANNELS).auth().oauth2(alex).when().get("/api/v1/channels/" + extraChannel + "/templates/" + template)
                .then().extract().path("status"), "APPROVED"::equalsIgnoreCase, Duration.ofSeconds(20));

        Response templated = given().baseUri(TICKETS).auth().oauth2(anna).contentType(ContentType.JSON).body(Map.of("template", Map.of(
                "name", "order_update", "language", "el", "bodyParameters", List.of("Γιώργο", order))))
                .when().post("/api/v1/tickets/" + ticket + "/messages");
        templated.then().statusCode(201);
        String templateMessage = templated.path("id");
        // (the receipt of the customer's message went out before, as text)
        List<LoggedRequest> out = await(() -> providers.findAll(postRequestedFor(urlEqualTo(sent))
                .withRequestBody(matchingJsonPath("$.to", equalTo(waId))).withRequestBody(matchingJsonPath("$.type", equalTo("template")))),
                l -> !l.isEmpty(), Duration.ofSeconds(60));
        assertThat(out).as("sent from the number the customer wrote to").hasSize(1);
        JsonNode request = JSON.readTree(out.get(0).getBodyAsString());
        assertThat(out.get(0).getHeader("Authorization")).isEqualTo("Bearer " + extraChannel + "-token");
        assertThat(request.path("type").asText()).isEqualTo("template");
        assertThat(request.path("template").path("name").asText()).isEqualTo("order_update");
        assertThat(request.path("template").path("language").path("code").asText()).isEqualTo("el");
        assertThat(request.path("template").path("components").get(0).path("parameters").findValuesAsText("text"))
                .containsExactly("Γιώργο", order);
        String wamid = JSON.readTree(providers.getServeEvents().getRequests().stream()
                .filter(e -> e.getRequest().getUrl().equals(sent) && e.getRequest().getBodyAsString().contains("\"template\""))
                .findFirst().orElseThrow().getResponse().getBodyAsString())
                .path("messages").get(0).path("id").asText();

        // the phone reports delivered, then read (Cloud API statuses webhook)
        for (String status : List.of("delivered", "read")) {
            metaWebhook(extraChannel, Map.of("object", "whatsapp_business_account", "entry", List.of(Map.of("id", waba, "changes", List.of(
                    Map.of("field", "messages", "value", Map.of("messaging_product", "whatsapp",
                            "metadata", Map.of("display_phone_number", "30210765" + suffix.substring(0, 4), "phone_number_id", phoneNumberId),
                            "statuses", List.of(Map.of("id", wamid, "status", status, "timestamp", String.valueOf(Instant.now().getEpochSecond()),
                                    "recipient_id", waId)))))))));
        }
        String path = "find { it.id == '" + templateMessage + "' }";
        JsonPath read = await(() -> new JsonPath(given().baseUri(TICKETS).auth().oauth2(anna).when().get("/api/v1/tickets/" + ticket + "/messages")
                .then().statusCode(200).extract().asString()), m -> "read".equals(m.getString(path + ".delivery.status")), Duration.ofSeconds(30));
        assertThat(read.getString(path + ".delivery.status")).as(read.prettify()).isEqualTo("read");
        assertThat(read.getList(path + ".delivery.history.status", String.class)).containsSubsequence("sent", "delivered", "read");
        assertThat(read.getString(path + ".text")).as("what the customer's phone shows")
                .isEqualTo("Γεια σας Γιώργο, η παραγγελία " + order + " είναι καθ' οδόν.");
        assertThat(read.getString(path + ".channelId")).isEqualTo(extraChannel);
        assertThat(read.getList("$")).as("statuses are never customer messages").hasSize(2);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // phone and SMS

    @Test
    void aMissedCallIsAnsweredBySmsAndTwilioStatusesAreDeliveryReports() throws Exception {
        String caller = "+3069" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
        String callId = "CA" + UUID.randomUUID().toString().replace("-", "");
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        providers.stubFor(post(urlEqualTo(TWILIO_MESSAGES)).withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(
                java.net.URLEncoder.encode(caller, StandardCharsets.UTF_8))).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"sid\":\"" + sid + "\",\"status\":\"queued\"}")));
        byte[] call = JSON.writeValueAsBytes(Map.of("event", "missed", "callId", callId, "from", caller, "to", "+302101234567",
                "at", Instant.now().toString(), "callerName", "Κώστας Δ."));
        given().baseUri(CHANNELS).contentType(ContentType.JSON).header("X-Pharos-Signature", hub("acme-phone-secret", call)).body(call)
                .when().post("/webhooks/voice/acme-phone").then().statusCode(200);
        String anna = KeycloakTokens.user("anna");
        JsonPath found = awaitTicket(anna, caller, 1);
        String ticket = found.getString("data.tickets.edges[0].node.id");
        assertThat(found.getString("data.tickets.edges[0].node.channel")).isEqualTo("PHONE");

        // Anna answers by text message; Twilio takes it, then reports it undelivered (error 30006: landline)
        String replyId = given().baseUri(TICKETS).auth().oauth2(anna).contentType(ContentType.JSON)
                .body(Map.of("text", "Σας καλέσαμε πίσω χωρίς επιτυχία· θα ξαναδοκιμάσουμε στις 17:00.")).when()
                .post("/api/v1/tickets/" + ticket + "/messages").then().statusCode(201).extract().path("id");
        List<LoggedRequest> sms = await(() -> providers.findAll(postRequestedFor(urlEqualTo(TWILIO_MESSAGES))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(java.net.URLEncoder.encode(caller,
                        StandardCharsets.UTF_8)))), l -> !l.isEmpty(), Duration.ofSeconds(60));
        assertThat(sms).as("the SMS to the caller").hasSize(1);
        // https://www.twilio.com/docs/messaging/guides/track-outbound-message-status (status callback parameters)
        Map<String, String> status = new TreeMap<>(Map.of("MessageSid", sid, "SmsSid", sid, "AccountSid", "ACacme000000000000000000000000000",
                "From", "+302101234568", "To", caller, "MessageStatus", "undelivered", "SmsStatus", "undelivered", "ErrorCode", "30006",
                "ApiVersion", "2010-04-01"));
        twilio(status).then().statusCode(org.hamcrest.Matchers.lessThan(300));
        String path = "find { it.id == '" + replyId + "' }";
        JsonPath failed = await(() -> new JsonPath(given().baseUri(TICKETS).auth().oauth2(anna).when().get("/api/v1/tickets/" + ticket + "/messages")
                .then().statusCode(200).extract().asString()), m -> "failed".equals(m.getString(path + ".delivery.status")), Duration.ofSeconds(30));
        assertThat(failed.getString(path + ".delivery.status")).as(failed.prettify()).isEqualTo("failed"); // REST enums are lower case
        assertThat(failed.getString(path + ".delivery.code")).isEqualTo("30006");
        assertThat(failed.getString(path + ".delivery.reason")).isNotBlank();
        assertThat(failed.getList("$")).as("a status callback is never a message").hasSize(2);

        // so she schedules a callback and records how it went
        String callback = given().baseUri(TICKETS).auth().oauth2(anna).contentType(ContentType.JSON)
                .body(Map.of("dueAt", Instant.now().plus(2, ChronoUnit.HOURS).toString(), "note", "Καλέστε στις 17:00")).when()
                .post("/api/v1/tickets/" + ticket + "/callbacks").then().statusCode(201).extract().path("id");
        given().baseUri(TICKETS).auth().oauth2(anna).contentType(ContentType.JSON).body(Map.of("outcome", "REACHED", "note", "Λύθηκε τηλεφωνικά"))
                .when().post("/api/v1/tickets/" + ticket + "/callbacks/" + callback + "/outcome").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("done")).body("outcome", org.hamcrest.Matchers.equalTo("reached"));

        // a malformed form, signed or not, is a clear 400, never a 500
        given().baseUri(CHANNELS).contentType("application/x-www-form-urlencoded").header("X-Twilio-Signature", "x")
                .body("From=%2B30690&Body=%E0%A4%A&NumMedia=1").when().post("/webhooks/twilio/acme-sms").then()
                .statusCode(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(400), org.hamcrest.Matchers.is(401)));
        twilio(new TreeMap<>(Map.of("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""), "From", caller,
                "To", "+302101234568", "Body", "Γεια", "NumMedia", "abc"))).then().statusCode(400).contentType("application/problem+json");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Telegram and Messenger: edits, reactions, watermarks

    @Test
    void aTelegramEditUpdatesTheMessageKeepsItsHistoryAndAReactionIsRecorded() throws Exception {
        long chat = ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L);
        String marker = "T" + UUID.randomUUID().toString().substring(0, 8);
        long date = Instant.now().minusSeconds(90).getEpochSecond();
        Map<String, Object> from = Map.of("id", chat, "is_bot", false, "first_name", "Δήμητρα", "language_code", "el");
        Map<String, Object> chatObject = Map.of("id", chat, "first_name", "Δήμητρα", "type", "private");
        // https://core.telegram.org/bots/api#update, #message
        telegram(Map.of("update_id", ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE), "message", Map.of("message_id", 17,
                "from", from, "chat", chatObject, "date", date, "text", "Το δέμα " + marker + " ήρθε σπασμένο")));
        String anna = KeycloakTokens.user("anna");
        String ticket = awaitTicket(anna, marker, 1).getString("data.tickets.edges[0].node.id");
        // the customer corrects it a minute later (edited_message carries edit_date)
        long edited = Instant.now().getEpochSecond();
        telegram(Map.of("update_id", ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE), "edited_message", Map.of("message_id", 17,
                "from", from, "chat", chatObject, "date", date, "edit_date", edited, "text", "Το δέμα " + marker + " ήρθε σπασμένο και βρεγμένο")));
        String query = "query($id: ID!) { ticket(id: $id) { messages { text editedAt revisions { text replacedAt } reactions { emoji author } } } }";
        JsonPath after = await(() -> gateway(anna, query, Map.of("id", ticket)),
                a -> a.getString("data.ticket.messages[0].text").endsWith("βρεγμένο"), Duration.ofSeconds(30));
        assertThat(after.getList("data.ticket.messages")).as("an edit is not a new message").hasSize(1);
        assertThat(after.getString("data.ticket.messages[0].text")).isEqualTo("Το δέμα " + marker + " ήρθε σπασμένο και βρεγμένο");
        assertThat(after.getString("data.ticket.messages[0].revisions[0].text")).isEqualTo("Το δέμα " + marker + " ήρθε σπασμένο");
        assertThat(Instant.parse(after.getString("data.ticket.messages[0].editedAt"))).isEqualTo(Instant.ofEpochSecond(edited));

        // https://core.telegram.org/bots/api#messagereactionupdated
        telegram(Map.of("update_id", ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE), "message_reaction", Map.of("chat", chatObject,
                "message_id", 17, "user", from, "date", Instant.now().getEpochSecond(), "old_reaction", List.of(),
                "new_reaction", List.of(Map.of("type", "emoji", "emoji", "👍")))));
        JsonPath reacted = await(() -> gateway(anna, query, Map.of("id", ticket)),
                a -> !a.getList("data.ticket.messages[0].reactions").isEmpty(), Duration.ofSeconds(30));
        assertThat(reacted.getString("data.ticket.messages[0].reactions[0].emoji")).isEqualTo("👍");
        assertThat(reacted.getString("data.ticket.messages[0].reactions[0].author")).isEqualTo("CUSTOMER");
    }

    @Test
    void messengerWatermarksMoveEveryEarlierReplyOn() throws Exception {
        String psid = String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000_000_000_000L, 9_000_000_000_000_000L));
        String marker = "W" + UUID.randomUUID().toString().substring(0, 8);
        providers.stubFor(post(urlPathEqualTo("/meta/v21.0/me/messages")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"recipient_id\":\"" + psid + "\",\"message_id\":\"m_{{randomValue length=20 type='ALPHANUMERIC'}}\"}")
                .withTransformers("response-template")));
        // https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/messages
        long now = Instant.now().toEpochMilli();
        metaWebhook("acme-messenger", Map.of("object", "page", "entry", List.of(Map.of("id", "104455667788", "time", now, "messaging", List.of(
                Map.of("sender", Map.of("id", psid), "recipient", Map.of("id", "104455667788"), "timestamp", now,
                        "message", Map.of("mid", "m_" + marker, "text", "Is order " + marker + " ready for pickup?")))))));
        String anna = KeycloakTokens.user("anna");
        String ticket = awaitTicket(anna, marker, 1).getString("data.tickets.edges[0].node.id");
        for (String text : List.of("Yes, it is ready.", "The shop is open until 20:00.")) {
            given().baseUri(TICKETS).auth().oauth2(anna).contentType(ContentType.JSON).body(Map.of("text", text)).when()
                    .post("/api/v1/tickets/" + ticket + "/messages").then().statusCode(201);
        }
        String sentQuery = "query($id: ID!) { ticket(id: $id) { messages { author delivery { status updatedAt history { status at } } } } }";
        await(() -> gateway(anna, sentQuery, Map.of("id", ticket)), a -> a.getList("data.ticket.messages.delivery.status", String.class)
                .stream().filter("SENT"::equals).count() == 2, Duration.ofSeconds(60));
        // https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/message-deliveries and message-reads
        long watermark = Instant.now().toEpochMilli();
        metaWebhook("acme-messenger", Map.of("object", "page", "entry", List.of(Map.of("id", "104455667788", "time", watermark, "messaging",
                List.of(Map.of("sender", Map.of("id", psid), "recipient", Map.of("id", "104455667788"), "timestamp", watermark,
                        "read", Map.of("watermark", watermark)))))));
        JsonPath read = await(() -> gateway(anna, sentQuery, Map.of("id", ticket)), a -> a.getList("data.ticket.messages.delivery.status",
                String.class).stream().filter("READ"::equals).count() == 2, Duration.ofSeconds(30));
        assertThat(read.getList("data.ticket.messages.delivery.status", String.class)).as(read.prettify())
                .as("both replies, the customer's message has none").containsExactly("READ", "READ");
        assertThat(Instant.parse(read.getString("data.ticket.messages[1].delivery.updatedAt")).toEpochMilli())
                .as("the watermark's time, not 1970").isEqualTo(watermark);
    }

    // ---------------------------------------------------------------------------------------------------------------

    static JsonPath awaitTicket(String token, String marker, int messages) {
        String query = "query($q: String) { tickets(first: 5, filter: {search: $q}) { edges { node { id number channel messages { id } } } } }";
        JsonPath found = await(() -> gateway(token, query, Map.of("q", marker)), a -> a.getList("data.tickets.edges").size() == 1
                && a.getList("data.tickets.edges[0].node.messages").size() >= messages, Duration.ofSeconds(60));
        assertThat(found.getList("data.tickets.edges")).as("one ticket for %s", marker).hasSize(1);
        return found;
    }

    static Session session() {
        Properties props = new Properties();
        props.put("mail.smtp.host", "localhost");
        props.put("mail.smtp.port", "3025");
        return Session.getInstance(props);
    }

    static MimeMessage mail(String from, String name, String subject) throws Exception {
        MimeMessage m = new MimeMessage(session());
        m.setFrom(new InternetAddress(from, name, "UTF-8"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress("support@acme.test", "Acme"));
        m.setSubject(subject, "UTF-8");
        m.setSentDate(new java.util.Date());
        return m;
    }

    /** The agent's reply among the mails (receipts are auto-replies). */
    static MimeMessage reply(List<MimeMessage> mails, String marker) throws Exception {
        for (MimeMessage m : mails) {
            if (m.getHeader("Auto-Submitted") == null && m.getSubject() != null && m.getSubject().contains(marker)) {
                return m;
            }
        }
        return null;
    }

    static Map<String, Object> whatsapp(String waba, String phoneNumberId, Map<String, Object> message, String waId, String name) {
        // https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/payload-examples#text-messages
        return Map.of("object", "whatsapp_business_account", "entry", List.of(Map.of("id", waba, "changes", List.of(Map.of("field", "messages",
                "value", Map.of("messaging_product", "whatsapp", "metadata", Map.of("display_phone_number", "302107650000",
                        "phone_number_id", phoneNumberId), "contacts", List.of(Map.of("profile", Map.of("name", name), "wa_id", waId)),
                        "messages", List.of(message)))))));
    }

    static void metaWebhook(String channel, Map<String, Object> payload) throws Exception {
        byte[] body = JSON.writeValueAsBytes(payload);
        given().baseUri(CHANNELS).contentType(ContentType.JSON).header("X-Hub-Signature-256", hub(channel + "-secret", body)).body(body)
                .when().post("/webhooks/meta/" + channel).then().statusCode(200);
    }

    static void telegram(Map<String, Object> update) throws Exception {
        given().baseUri(CHANNELS).contentType(ContentType.JSON).header("X-Telegram-Bot-Api-Secret-Token", "acme-telegram-secret")
                .body(JSON.writeValueAsBytes(update)).when().post("/webhooks/telegram/acme-telegram").then().statusCode(200);
    }

    static Response twilio(Map<String, String> form) throws Exception {
        String url = CHANNELS + "/webhooks/twilio/acme-sms";
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(form).forEach((k, v) -> data.append(k).append(v));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec("acme-sms-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String signature = Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        return given().baseUri(CHANNELS).contentType(ContentType.URLENC.withCharset(StandardCharsets.UTF_8)).formParams(form)
                .header("X-Twilio-Signature", signature).when().post("/webhooks/twilio/acme-sms");
    }

    static String hub(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }
}
