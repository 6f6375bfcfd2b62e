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
import io.pharos.contracts.channel.CallReceived;
import io.pharos.contracts.channel.ChannelEvents;
import io.pharos.contracts.channel.MessageReceived;
import io.pharos.contracts.channel.Sender;
import io.pharos.testing.KafkaEvents;
import io.pharos.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Customer messages arriving on the real pharos.channel.inbound topic land in the right ticket:
 * email replies, WhatsApp follow-ups and chat turns thread, a call becomes a ticket, a solved ticket
 * reopens, retries change nothing, garbage is parked as a dead letter. Every sample is built from
 * channel-gateway's contract records and checked against the published schema first.
 */
@QuarkusTest
class InboundConsumerTest {

    static void send(String key, MessageReceived data) {
        ChannelSamples.publish(ChannelEvents.MESSAGE_RECEIVED, key, data);
    }

    /** An email as channel-gateway's mailbox reader reports it. */
    static MessageReceived email(String from, String messageId, String subject, String text, String inReplyTo) {
        return new MessageReceived("acme-email", Channel.EMAIL, messageId, null, Sender.email("Eleni", from), "support@acme.example.test",
                subject, text, null, null,
                new MessageReceived.EmailHeaders(messageId, inReplyTo, inReplyTo == null ? List.of() : List.of(inReplyTo)),
                Instant.now(), Instant.now(), null, null, null, null, null, null);
    }

    /** The tickets of the customer with this identity, once the consumer has stored {@code count} messages. */
    static JsonPath ticketsOf(String identity, int messages) {
        String token = KeycloakTokens.integrator("acme");
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            List<String> customers = given().auth().oauth2(token).queryParam("identity", identity)
                    .get("/api/v1/customers").then().statusCode(200).extract().path("id");
            if (customers.isEmpty()) {
                return null;
            }
            JsonPath tickets = given().auth().oauth2(token).queryParam("requester", customers.get(0))
                    .get("/api/v1/tickets").then().statusCode(200).extract().jsonPath();
            int stored = 0;
            for (String id : tickets.<String> getList("items.id")) {
                stored += given().auth().oauth2(token).get("/api/v1/tickets/" + id + "/messages").then().extract()
                        .jsonPath().getList("").size();
            }
            return stored >= messages ? tickets : null;
        }, java.util.Objects::nonNull);
    }

    @Test
    void emailRepliesThreadByHeadersAndByTicketNumber() throws Exception {
        String from = "e-" + UUID.randomUUID() + "@example.test";
        String first = "<" + UUID.randomUUID() + "@mail.example.test>";
        JsonPath tickets;
        try (KafkaEvents events = new KafkaEvents("pharos.ticket.events")) {
            send(from, email(from, first, "Παραγγελία 123 δεν έφτασε", "Πού είναι η παραγγελία μου;", null));
            tickets = ticketsOf("email:" + from, 1);
            String id = tickets.getString("items[0].id");
            // what channel-gateway acknowledges with: where the message came from and the promised first reply
            var created = events.await(e -> id.equals(e.key()) && e.type().equals("pharos.ticket.created"), 1, Duration.ofSeconds(10)).get(0)
                    .cloudEvent().path("data");
            assertThat(created.path("source").path("emailMessageId").asText()).isEqualTo(first);
            assertThat(created.path("source").path("from").path("email").asText()).isEqualTo(from);
            assertThat(created.path("promise").path("policy").asText()).isEqualTo("Email, forms and API");
            assertThat(java.time.Instant.parse(created.path("promise").path("firstResponseDueAt").asText()))
                    .isAfter(java.time.Instant.now().plus(Duration.ofHours(23)));
            assertThat(created.path("promise").path("timeZone").asText()).isEqualTo("Europe/Athens");
        }
        assertThat(tickets.getList("items")).hasSize(1);
        assertThat(tickets.getString("items[0].subject")).isEqualTo("Παραγγελία 123 δεν έφτασε");
        assertThat(tickets.getString("items[0].channel")).isEqualTo("email");
        long number = tickets.getLong("items[0].number");

        send(from, email(from, "<" + UUID.randomUUID() + "@mail.example.test>", "Re: Παραγγελία 123", "Any news?", first));
        send(from, email(from, "<" + UUID.randomUUID() + "@mail.example.test>", "Re: [#" + number + "] update", "Hello?", null));
        tickets = ticketsOf("email:" + from, 3);
        assertThat(tickets.getList("items")).as("all three messages in one ticket").hasSize(1);

        // a new subject without headers or token is a new conversation
        send(from, email(from, "<" + UUID.randomUUID() + "@mail.example.test>", "Another question", "Invoice?", null));
        assertThat(ticketsOf("email:" + from, 4).getList("items")).hasSize(2);
    }

    @Test
    void aTicketNumberOfSomeoneElseDoesNotThread() throws Exception {
        String victim = "v-" + UUID.randomUUID() + "@example.test";
        send(victim, email(victim, "<" + UUID.randomUUID() + "@m>", "My private issue", "secret", null));
        long number = ticketsOf("email:" + victim, 1).getLong("items[0].number");
        String stranger = "s-" + UUID.randomUUID() + "@example.test";
        send(stranger, email(stranger, "<" + UUID.randomUUID() + "@m>", "Re: [#" + number + "]", "let me in", null));
        assertThat(ticketsOf("email:" + stranger, 1).getList("items")).hasSize(1);
        assertThat(ticketsOf("email:" + victim, 1).getList("items")).hasSize(1);
    }

    @Test
    void whatsAppFollowUpsJoinTheOpenConversationAndProviderRetriesAreIgnored() throws Exception {
        String wa = "3069" + (10000000 + (int) (Math.random() * 89999999));
        Sender giorgos = new Sender("Γιώργος", null, null, wa, null, null, null, null, null);
        MessageReceived first = MessageReceived.of("acme-whatsapp", Channel.WHATSAPP, "wamid." + UUID.randomUUID(), "whatsapp:" + wa,
                giorgos, "Γεια σας, έχω πρόβλημα με την παραγγελία", Instant.now(), Instant.now(), List.of()).withLanguage("el");
        for (int retry = 0; retry < 5; retry++) {
            send(wa, first); // the provider retries the same message five times
        }
        send(wa, MessageReceived.of("acme-whatsapp", Channel.WHATSAPP, "wamid." + UUID.randomUUID(), "whatsapp:" + wa, giorgos,
                "Ο αριθμός είναι 123", Instant.now(), Instant.now(), List.of()).withLanguage("el"));
        JsonPath tickets = ticketsOf("whatsapp:" + wa, 2);
        assertThat(tickets.getList("items")).hasSize(1);
        assertThat(tickets.getString("items[0].channel")).isEqualTo("whatsapp");
        assertThat(tickets.getString("items[0].language")).isEqualTo("el");
        String id = tickets.getString("items[0].id");
        // an absence can only be watched for: the two messages, and no retried copy, for two seconds on end
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<String> texts = given().auth().oauth2(KeycloakTokens.integrator("acme")).get("/api/v1/tickets/" + id + "/messages")
                    .then().extract().path("text");
            assertThat(texts).containsExactly("Γεια σας, έχω πρόβλημα με την παραγγελία", "Ο αριθμός είναι 123");
        });
    }

    @Test
    void aCustomerReplyReopensTheSolvedTicket() throws Exception {
        String from = "r-" + UUID.randomUUID() + "@example.test";
        String first = "<" + UUID.randomUUID() + "@m>";
        send(from, email(from, first, "Refund", "Please refund", null));
        String id = ticketsOf("email:" + from, 1).getString("items[0].id");
        String anna = KeycloakTokens.user("anna");
        String etag = given().auth().oauth2(anna).get("/api/v1/tickets/" + id).then().extract().header("ETag");
        given().auth().oauth2(anna).contentType(ContentType.JSON).header("If-Match", etag).body(Map.of("status", "solved"))
                .patch("/api/v1/tickets/" + id).then().statusCode(200);
        send(from, email(from, "<" + UUID.randomUUID() + "@m>", "Re: Refund", "Not received yet", first));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(anna).get("/api/v1/tickets/" + id)
                .then().body("status", org.hamcrest.Matchers.equalTo("open")).body("reopenCount", org.hamcrest.Matchers.equalTo(1)));
    }

    @Test
    void chatTurnsOfOneSessionJoinOneTicket() throws Exception {
        String session = UUID.randomUUID().toString();
        Sender visitor = new Sender("Maria", null, null, null, null, null, null, session, "en");
        for (int seq = 1; seq <= 2; seq++) {
            send("chat:" + session, MessageReceived.of("acme-chat", Channel.CHAT, "chat:" + session + ":c" + seq, "chat:" + session, visitor,
                    "turn " + seq, Instant.now(), Instant.now(), List.of())
                    .withLanguage("en").withChat(new MessageReceived.ChatTurn(session, seq, false)));
        }
        JsonPath tickets = ticketsOf("chat:" + session, 2);
        assertThat(tickets.getList("items")).hasSize(1);
        assertThat(tickets.getString("items[0].channel")).isEqualTo("chat");
        assertThat(tickets.getString("items[0].subject")).isEqualTo("turn 1");
    }

    @Test
    void aVoicemailBecomesAPhoneTicket() throws Exception {
        String caller = "+3021" + (10000000 + (int) (Math.random() * 89999999));
        String callId = "call-" + UUID.randomUUID();
        CallReceived voicemail = new CallReceived("acme-phone", Channel.PHONE, callId, "phone:" + caller, Sender.phone("Nikos", caller),
                "Voicemail " + caller, "Please call me back about my order", Instant.now(), Instant.now(),
                new CallReceived.Call(CallReceived.Event.VOICEMAIL, callId, 42),
                List.of(Attachment.linked("voicemail", "audio/mpeg", "https://telephony.example.test/rec/" + callId)));
        ChannelSamples.publish(ChannelEvents.CALL_RECEIVED, "phone:" + caller, voicemail);
        JsonPath tickets = ticketsOf("phone:" + caller, 1);
        assertThat(tickets.getList("items")).hasSize(1);
        assertThat(tickets.getString("items[0].channel")).isEqualTo("phone");
        assertThat(tickets.getString("items[0].subject")).isEqualTo("Voicemail " + caller);
        List<String> texts = given().auth().oauth2(KeycloakTokens.integrator("acme"))
                .get("/api/v1/tickets/" + tickets.getString("items[0].id") + "/messages").then().extract().path("text");
        assertThat(texts).containsExactly("Please call me back about my order");
    }

    @Test
    void poisonMessagesAreParkedAsDeadLetters() {
        String key = "poison-" + UUID.randomUUID();
        KafkaEvents.publishRaw("pharos.channel.inbound", key, "{\"this is\": not json");
        assertThat(InboundDeadLetterTest.awaitParked(key)).as("dead letter for " + key).isPositive();
    }
}
