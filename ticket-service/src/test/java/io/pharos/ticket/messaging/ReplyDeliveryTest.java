package io.pharos.ticket.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.pharos.contracts.Channel;
import io.pharos.contracts.channel.Attachment;
import io.pharos.contracts.channel.CallReceived;
import io.pharos.contracts.channel.ChannelEvents;
import io.pharos.contracts.channel.MessageReceived;
import io.pharos.contracts.channel.Sender;
import io.pharos.testing.EventContracts;
import io.pharos.testing.KafkaEvents;
import io.pharos.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * An agent's reply leaves as the customer expects it: from the channel account they wrote to (or the
 * one the agent chose), within Meta's customer-service window or as a WhatsApp template, by SMS to
 * a caller, and to an email's Reply-To with everyone copied. Checked on the MessageRequested ticket-service
 * publishes on the real pharos.channel.outbound topic.
 *
 * <p>The window rules: WhatsApp free-form messages only within 24 hours of the customer's last message, templates
 * at any time (https://developers.facebook.com/docs/whatsapp/conversation-types#customer-service-window, as Meta's
 * Cloud API documents it); Messenger and Instagram the HUMAN_AGENT tag up to 7 days after the customer's last
 * message (https://developers.facebook.com/docs/messenger-platform/send-messages/message-tags).
 */
@QuarkusTest
class ReplyDeliveryTest {

    final String anna = KeycloakTokens.user("anna");

    static String wa() {
        return "3069" + (10000000 + (int) (Math.random() * 89999999));
    }

    /** A WhatsApp message the customer sent to one of the tenant's WhatsApp numbers (channel account), {@code ago} before now. */
    static MessageReceived whatsApp(String channelId, String wa, String text, Duration ago) {
        Instant at = Instant.now().minus(ago);
        return MessageReceived.of(channelId, Channel.WHATSAPP, "wamid." + UUID.randomUUID(), "whatsapp:" + wa,
                new Sender("Μαρία", null, null, wa, null, null, null, null, null), text, at, at, List.of()).withLanguage("el");
    }

    ValidatableResponse reply(String ticketId, Map<String, Object> body) {
        return given().auth().oauth2(anna).contentType(ContentType.JSON).body(body).post("/api/v1/tickets/" + ticketId + "/messages").then();
    }

    static JsonNode requested(KafkaEvents outbound, String messageId) {
        KafkaEvents.Event event = outbound.await(e -> messageId.equals(e.cloudEvent().path("data").path("requestId").asText()), 1,
                Duration.ofSeconds(20)).get(0);
        EventContracts.assertValid(event);
        return event.cloudEvent().path("data");
    }

    List<Map<String, Object>> messages(String ticketId) {
        return given().auth().oauth2(anna).get("/api/v1/tickets/" + ticketId + "/messages").then().statusCode(200).extract().jsonPath()
                .getList("");
    }

    static ValidatableResponse graphql(String token, String query, Map<String, Object> variables) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("query", query, "variables", variables))
                .when().post("/graphql").then().statusCode(200);
    }

    @Test
    void aReplyLeavesFromTheNumberTheCustomerWroteToUnlessTheAgentChoosesAnother() {
        String wa = wa();
        try (KafkaEvents outbound = new KafkaEvents("pharos.channel.outbound")) {
            // the tenant has two WhatsApp numbers; the customer wrote to the second
            InboundConsumerTest.send(wa, whatsApp("acme-whatsapp-sales", wa, "Πότε φτάνει η παραγγελία 4711;", Duration.ZERO));
            String ticket = InboundConsumerTest.ticketsOf("whatsapp:" + wa, 1).getString("items[0].id");
            assertThat(messages(ticket).get(0)).containsEntry("channelId", "acme-whatsapp-sales");

            String id = reply(ticket, Map.of("text", "Αύριο το πρωί")).statusCode(201).body("channelId", equalTo("acme-whatsapp-sales"))
                    .extract().path("id");
            JsonNode request = requested(outbound, id);
            assertThat(request.path("channel").asText()).isEqualTo("whatsapp");
            assertThat(request.path("channelId").asText()).isEqualTo("acme-whatsapp-sales");
            assertThat(request.path("recipient").path("whatsapp").asText()).isEqualTo(wa);

            // the agent sends from the main number instead
            String chosen = reply(ticket, Map.of("text", "Σας γράφουμε από τον κεντρικό αριθμό", "channelId", "acme-whatsapp"))
                    .statusCode(201).body("channelId", equalTo("acme-whatsapp")).extract().path("id");
            assertThat(requested(outbound, chosen).path("channelId").asText()).isEqualTo("acme-whatsapp");

            // an id of no channel shape is refused, and nothing is stored
            reply(ticket, Map.of("text", "x", "channelId", "Not A Channel!")).statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("urn:pharos:problem:validation"));
            assertThat(messages(ticket)).hasSize(3);
        }
    }

    @Test
    void aWhatsAppReplyAfterTwentyFourHoursIsRefusedAndATemplateGoes() {
        String wa = wa();
        try (KafkaEvents outbound = new KafkaEvents("pharos.channel.outbound")) {
            InboundConsumerTest.send(wa, whatsApp("acme-whatsapp", wa, "Έχω θέμα με την παραγγελία 4711", Duration.ofHours(25)));
            String ticket = InboundConsumerTest.ticketsOf("whatsapp:" + wa, 1).getString("items[0].id");

            reply(ticket, Map.of("text", "Συγγνώμη για την καθυστέρηση")).statusCode(422).contentType("application/problem+json")
                    .body("type", equalTo("urn:pharos:problem:outside_customer_service_window"));
            // GraphQL errors carry the problem's kind in extensions.kind (extensions.code is the error's class, "problem")
            ValidatableResponse refused = graphql(anna, "mutation($t: ID!) { reply(ticketId: $t, text: \"Συγγνώμη\") { id } }",
                    Map.of("t", ticket));
            refused.body("data.reply", equalTo(null))
                    .body("errors[0].extensions.kind", equalTo("outside_customer_service_window"));
            assertThat(messages(ticket)).as("nothing stored").hasSize(1);
            // an internal note is never checked
            reply(ticket, Map.of("text", "Πελάτης περιμένει", "visibility", "internal")).statusCode(201);

            // a template may be sent at any time; its text is composed by the provider
            String id = reply(ticket, Map.of("template", Map.of("name", "order_update", "language", "el",
                    "bodyParameters", List.of("Μαρία", "4711")))).statusCode(201)
                    .body("text", equalTo("WhatsApp template order_update (el): Μαρία, 4711"))
                    .body("template.name", equalTo("order_update")).body("template.bodyParameters", equalTo(List.of("Μαρία", "4711")))
                    .extract().path("id");
            JsonNode request = requested(outbound, id);
            assertThat(request.path("template").path("name").asText()).isEqualTo("order_update");
            assertThat(request.path("template").path("language").asText()).isEqualTo("el");
            assertThat(request.path("template").path("bodyParameters").toString()).isEqualTo("[\"Μαρία\",\"4711\"]");
            assertThat(request.path("messageTag").isNull() || request.path("messageTag").isMissingNode()).isTrue();

            // the GraphQL reply takes a template too
            graphql(anna, "mutation($t: ID!) { reply(ticketId: $t, template: {name: \"order_update\", language: \"el\", bodyParameters: "
                    + "[\"Μαρία\", \"4712\"]}) { messages { text template { name } } } }", Map.of("t", ticket))
                    .body("errors", equalTo(null))
                    .body("data.reply.messages[-1].text", equalTo("WhatsApp template order_update (el): Μαρία, 4712"));
        }
    }

    @Test
    void aWhatsAppReplyWithinTwentyFourHoursIsSentAsText() {
        String wa = wa();
        try (KafkaEvents outbound = new KafkaEvents("pharos.channel.outbound")) {
            InboundConsumerTest.send(wa, whatsApp("acme-whatsapp", wa, "Καλησπέρα", Duration.ofHours(23)));
            String ticket = InboundConsumerTest.ticketsOf("whatsapp:" + wa, 1).getString("items[0].id");
            String id = reply(ticket, Map.of("text", "Καλησπέρα σας")).statusCode(201).extract().path("id");
            JsonNode request = requested(outbound, id);
            assertThat(request.path("text").asText()).isEqualTo("Καλησπέρα σας");
            assertThat(request.path("template").isNull() || request.path("template").isMissingNode()).isTrue();
        }
    }

    @Test
    void aTemplateOnAnotherChannelIsRefused() {
        String ticket = given().auth().oauth2(anna).contentType(ContentType.JSON).body(Map.of("subject", "Order", "requester",
                Map.of("email", "t-" + UUID.randomUUID() + "@example.test"), "message", Map.of("text", "Where is it?")))
                .post("/api/v1/tickets").then().statusCode(201).extract().path("id");
        reply(ticket, Map.of("template", Map.of("name", "order_update", "language", "el"))).statusCode(400)
                .contentType("application/problem+json").body("type", equalTo("urn:pharos:problem:template-not-whatsapp"));
        reply(ticket, Map.of("text", "hi", "cc", List.of("not an address"))).statusCode(400).body("type", equalTo("urn:pharos:problem:validation"));
        List<String> many = java.util.stream.IntStream.range(0, 21).mapToObj(i -> "c" + i + "@example.test").toList();
        reply(ticket, Map.of("text", "hi", "bcc", many)).statusCode(413);
        assertThat(messages(ticket)).hasSize(1);
    }

    @Test
    void messengerTakesTheHumanAgentTagUpToSevenDays() {
        try (KafkaEvents outbound = new KafkaEvents("pharos.channel.outbound")) {
            String threeDays = messengerTicket(Duration.ofDays(3));
            String id = reply(threeDays, Map.of("text", "Sorry for the wait")).statusCode(201).extract().path("id");
            assertThat(requested(outbound, id).path("messageTag").asText()).isEqualTo("HUMAN_AGENT");

            String recent = messengerTicket(Duration.ofHours(2));
            String fresh = reply(recent, Map.of("text", "Right away")).statusCode(201).extract().path("id");
            JsonNode request = requested(outbound, fresh);
            assertThat(request.path("messageTag").isNull() || request.path("messageTag").isMissingNode()).isTrue();

            String eightDays = messengerTicket(Duration.ofDays(8));
            reply(eightDays, Map.of("text", "Are you still there?")).statusCode(422)
                    .body("type", equalTo("urn:pharos:problem:outside_customer_service_window"));
            assertThat(messages(eightDays)).hasSize(1);
        }
    }

    /** A Messenger conversation whose customer last wrote {@code ago} before now. */
    String messengerTicket(Duration ago) {
        String psid = String.valueOf(1_000_000_000_000L + (long) (Math.random() * 8_000_000_000_000L));
        Instant at = Instant.now().minus(ago);
        InboundConsumerTest.send(psid, MessageReceived.of("acme-messenger", Channel.MESSENGER, "m_" + UUID.randomUUID(), "messenger:" + psid,
                new Sender("Nikos", null, null, null, null, psid, null, null, null), "Hello, is my order shipped?", at, at, List.of()));
        return InboundConsumerTest.ticketsOf("messenger:" + psid, 1).getString("items[0].id");
    }

    @Test
    void aPhoneTicketIsAnsweredBySmsToTheCaller() {
        String caller = "+3021" + (10000000 + (int) (Math.random() * 89999999));
        String callId = "CA" + UUID.randomUUID().toString().replace("-", "");
        try (KafkaEvents outbound = new KafkaEvents("pharos.channel.outbound")) {
            ChannelSamples.publish(ChannelEvents.CALL_RECEIVED, "phone:" + caller, new CallReceived("acme-phone", Channel.PHONE, callId,
                    "phone:" + caller, Sender.phone("Nikos", caller), "Missed call " + caller, "Missed call", Instant.now(), Instant.now(),
                    new CallReceived.Call(CallReceived.Event.MISSED, callId, 0), List.<Attachment> of()));
            String ticket = InboundConsumerTest.ticketsOf("phone:" + caller, 1).getString("items[0].id");
            String id = reply(ticket, Map.of("text", "We tried to call you back; when suits you?")).statusCode(201)
                    .body("channel", equalTo("sms")).extract().path("id");
            JsonNode request = requested(outbound, id);
            assertThat(request.path("channel").asText()).isEqualTo("sms");
            assertThat(request.path("recipient").path("phone").asText()).isEqualTo(caller);
        }
    }

    @Test
    void anEmailsCcAndReplyToTakePartAndTheReplyGoesToAll() {
        String customer = "eleni-" + UUID.randomUUID() + "@example.test";
        String colleague = "kostas-" + UUID.randomUUID() + "@example.test";
        String replyTo = "eleni.work-" + UUID.randomUUID() + "@example.test";
        String first = "<" + UUID.randomUUID() + "@mail.example.test>";
        try (KafkaEvents outbound = new KafkaEvents("pharos.channel.outbound")) {
            // RFC 5322 3.6.2/3.6.3: Reply-To names where answers go, Cc who else receives it; our own mailbox is the To
            InboundConsumerTest.send(customer, withCopies(InboundConsumerTest.email(customer, first, "Τιμολόγιο", "Στείλτε το τιμολόγιο", null),
                    List.of(new MessageReceived.Mailbox("Κώστας", colleague), new MessageReceived.Mailbox("Support", "support@acme.example.test"),
                            new MessageReceived.Mailbox("Eleni", customer)),
                    List.of(new MessageReceived.Mailbox("Ελένη (γραφείο)", replyTo))));
            String ticket = InboundConsumerTest.ticketsOf("email:" + customer, 1).getString("items[0].id");
            JsonPath participants = given().auth().oauth2(anna).get("/api/v1/tickets/" + ticket + "/participants").then().statusCode(200)
                    .extract().jsonPath();
            assertThat(participants.getList("address")).containsExactlyInAnyOrder(colleague, replyTo);
            assertThat(participants.getString("find { it.address == '" + colleague + "' }.source")).isEqualToIgnoringCase("CC");
            assertThat(participants.getString("find { it.address == '" + replyTo + "' }.source")).isEqualToIgnoringCase("REPLY_TO");
            assertThat(participants.getString("find { it.address == '" + colleague + "' }.name")).isEqualTo("Κώστας");
            assertThat(messages(ticket).get(0)).containsEntry("channelId", "acme-email");
            assertThat(messages(ticket).get(0).get("cc")).isEqualTo(List.of(colleague, "support@acme.example.test", customer));

            String id = reply(ticket, Map.of("text", "Σας το στείλαμε", "cc", List.of("Boss@Example.test", colleague),
                    "bcc", List.of("audit@example.test", replyTo))).statusCode(201).extract().path("id");
            JsonNode request = requested(outbound, id);
            assertThat(request.path("channel").asText()).isEqualTo("email");
            assertThat(request.path("channelId").asText()).isEqualTo("acme-email");
            assertThat(request.path("recipient").path("email").asText()).as("To: the Reply-To").isEqualTo(replyTo);
            assertThat(texts(request.path("cc"))).containsExactly(colleague, "boss@example.test");
            assertThat(texts(request.path("bcc"))).containsExactly("audit@example.test");
            Map<String, Object> stored = messages(ticket).stream().filter(m -> id.equals(m.get("id"))).findFirst().orElseThrow();
            assertThat(stored.get("cc")).isEqualTo(List.of(colleague, "boss@example.test"));
            assertThat(stored.get("bcc")).isEqualTo(List.of("audit@example.test"));

            // the colleague answers the thread: a participant, so it joins the ticket
            InboundConsumerTest.send(colleague, InboundConsumerTest.email(colleague, "<" + UUID.randomUUID() + "@mail.example.test>",
                    "Re: Τιμολόγιο", "Το λάβαμε, ευχαριστούμε", first));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> messages(ticket).size() == 3);
            assertThat(messages(ticket).get(2)).containsEntry("text", "Το λάβαμε, ευχαριστούμε").containsEntry("author", "customer");

            // a stranger quoting the same Message-ID does not
            String stranger = "x-" + UUID.randomUUID() + "@example.test";
            InboundConsumerTest.send(stranger, InboundConsumerTest.email(stranger, "<" + UUID.randomUUID() + "@evil.test>", "Re: Τιμολόγιο",
                    "Change the bank account", first));
            assertThat(InboundConsumerTest.ticketsOf("email:" + stranger, 1).getString("items[0].id")).isNotEqualTo(ticket);
            assertThat(messages(ticket)).hasSize(3);
        }
    }

    static MessageReceived withCopies(MessageReceived m, List<MessageReceived.Mailbox> cc, List<MessageReceived.Mailbox> replyTo) {
        MessageReceived.EmailHeaders h = m.email();
        return new MessageReceived(m.channelId(), m.channel(), m.providerMessageId(), m.conversationKey(), m.from(), m.to(), m.subject(),
                m.text(), m.quotedText(), m.html(), new MessageReceived.EmailHeaders(h.messageId(), h.inReplyTo(), h.references(), cc, replyTo),
                m.receivedAt(), m.sentAt(), m.attachments(), m.language(), m.replyTo(), m.location(), m.interactive(), m.chat(), m.contact(),
                m.forwarded());
    }

    static List<String> texts(JsonNode array) {
        List<String> all = new java.util.ArrayList<>();
        array.forEach(n -> all.add(n.asText()));
        return all;
    }
}
