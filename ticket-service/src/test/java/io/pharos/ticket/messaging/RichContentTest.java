package io.pharos.ticket.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.pharos.contracts.Channel;
import io.pharos.contracts.channel.ChannelEvents;
import io.pharos.contracts.channel.MessageReceived;
import io.pharos.contracts.channel.Sender;
import io.pharos.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * What a message carries besides its words reaches agents whole: the button a customer pressed (a
 * WhatsApp Cloud API {@code interactive} message of {@code type: button_reply} with the button's
 * {@code id} and {@code title}; developers.facebook.com/docs/whatsapp/cloud-api/webhooks/payload-examples
 * "Reply button"), the provider's time of sending beside Pharos's time of receiving (WhatsApp
 * {@code timestamp}), a forwarded mail below the customer's note (the "---------- Forwarded message
 * ---------" block: From, Date, Subject) — and a ticket the forward opens shows both, and speaks the
 * forwarded mail's language. Its language is Lingua's among the served ones (here el, en, de).
 */
@QuarkusTest
class RichContentTest {

    @Test
    void aPressedButtonAndTheProvidersTimeAreKept() {
        String wa = "3069" + (10_000_000 + (int) (Math.random() * 89_999_999));
        Instant sentAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(7);
        ChannelSamples.publish(ChannelEvents.MESSAGE_RECEIVED, "whatsapp:" + wa, MessageReceived.of("acme-whatsapp", Channel.WHATSAPP,
                "wamid.B" + UUID.randomUUID(), "whatsapp:" + wa, new Sender("Maria", null, null, wa, null, null, null, null, null), "",
                Instant.now(), sentAt, List.of())
                .withInteractive(new MessageReceived.Interactive("track-order", "Track my order", "button_reply", null)));

        JsonPath rest = MediaOnlyMessagesTest.messagesOf("whatsapp:" + wa, 1);
        assertThat(rest.getString("[0].text")).isEqualTo("Track my order");
        assertThat(rest.getString("[0].interactive.type")).isEqualTo("button_reply");
        assertThat(rest.getString("[0].interactive.id")).isEqualTo("track-order");
        assertThat(rest.getString("[0].interactive.title")).isEqualTo("Track my order");
        assertThat(rest.getString("[0].interactive.payload")).isNull();
        assertThat(Instant.parse(rest.getString("[0].sentAt"))).isEqualTo(sentAt);
        assertThat(Instant.parse(rest.getString("[0].receivedAt"))).isAfter(sentAt);
        assertThat(rest.getString("[0].delivery")).isNull();
        assertThat(rest.getString("[0].forwarded")).isNull();

        JsonPath gql = MediaOnlyMessagesTest.graphql("""
                query($id: ID!) { ticket(id: $id) { messages { sentAt receivedAt interactive { type id title payload } forwarded { text } } } }""",
                Map.of("id", rest.getString("[0].ticketId")));
        assertThat(gql.getString("data.ticket.messages[0].interactive.type")).isEqualTo("button_reply");
        assertThat(gql.getString("data.ticket.messages[0].interactive.id")).isEqualTo("track-order");
        assertThat(Instant.parse(gql.getString("data.ticket.messages[0].sentAt"))).isEqualTo(sentAt);
        assertThat(gql.getString("data.ticket.messages[0].receivedAt")).isNotNull();
        assertThat(gql.getString("data.ticket.messages[0].forwarded")).isNull();
    }

    @Test
    void aTicketOpenedByAForwardShowsTheNoteAndTheForwardedMail() {
        String from = "fw-" + UUID.randomUUID() + "@example.test";
        Instant date = Instant.parse("2026-11-30T08:15:00Z");
        String forwardedText = "Sehr geehrte Kundin, Ihre Bestellung 4411 wurde storniert, weil die Zahlung nicht bestätigt werden konnte.";
        MessageReceived forward = InboundConsumerTest.email(from, "<" + UUID.randomUUID() + "@m>", "Fwd: Ihre Bestellung 4411",
                "Why was this cancelled?", null)
                .withForwarded(new MessageReceived.Forwarded(new MessageReceived.Mailbox("Shop Kundenservice", "service@shop.example.test"),
                        date, "Ihre Bestellung 4411", forwardedText));
        InboundConsumerTest.send(from, forward);

        JsonPath tickets = InboundConsumerTest.ticketsOf("email:" + from, 1);
        String ticketId = tickets.getString("items[0].id");
        JsonPath rest = MediaOnlyMessagesTest.messagesOf("email:" + from, 1);
        assertThat(rest.getString("[0].text")).isEqualTo("Why was this cancelled?");
        assertThat(rest.getString("[0].forwarded.fromName")).isEqualTo("Shop Kundenservice");
        assertThat(rest.getString("[0].forwarded.fromAddress")).isEqualTo("service@shop.example.test");
        assertThat(Instant.parse(rest.getString("[0].forwarded.date"))).isEqualTo(date);
        assertThat(rest.getString("[0].forwarded.subject")).isEqualTo("Ihre Bestellung 4411");
        assertThat(rest.getString("[0].forwarded.text")).isEqualTo(forwardedText);

        JsonPath gql = MediaOnlyMessagesTest.graphql("""
                query($id: ID!) { ticket(id: $id) { subject messages { text forwarded { fromName fromAddress date subject text } } } }""",
                Map.of("id", ticketId));
        assertThat(gql.getString("data.ticket.subject")).isEqualTo("Fwd: Ihre Bestellung 4411");
        assertThat(gql.getString("data.ticket.messages[0].text")).isEqualTo("Why was this cancelled?");
        assertThat(gql.getString("data.ticket.messages[0].forwarded.text")).isEqualTo(forwardedText);
        assertThat(gql.getString("data.ticket.messages[0].forwarded.fromAddress")).isEqualTo("service@shop.example.test");

        // a forward with no note of its own is still a message: the forwarded mail is what came
        String quiet = "fq-" + UUID.randomUUID() + "@example.test";
        InboundConsumerTest.send(quiet, InboundConsumerTest.email(quiet, "<" + UUID.randomUUID() + "@m>", "Fwd: Rechnung", "", null)
                .withForwarded(new MessageReceived.Forwarded(new MessageReceived.Mailbox(null, "billing@shop.example.test"), null, "Rechnung",
                        "Anbei Ihre Rechnung für den Monat November.")));
        JsonPath only = MediaOnlyMessagesTest.messagesOf("email:" + quiet, 1);
        assertThat(only.getString("[0].text")).isEmpty();
        assertThat(only.getString("[0].forwarded.text")).isEqualTo("Anbei Ihre Rechnung für den Monat November.");
    }

    @Test
    void aTicketSpeaksTheLanguageOfItsFirstMessageAmongTheServedOnes() {
        String greek = "lg-" + UUID.randomUUID() + "@example.test";
        String english = "le-" + UUID.randomUUID() + "@example.test";
        String german = "ld-" + UUID.randomUUID() + "@example.test";
        InboundConsumerTest.send(greek, InboundConsumerTest.email(greek, "<" + UUID.randomUUID() + "@m>", "Παραγγελία",
                "Καλησπέρα, η παραγγελία μου δεν έχει φτάσει ακόμα. Μπορείτε να με ενημερώσετε;", null));
        InboundConsumerTest.send(english, InboundConsumerTest.email(english, "<" + UUID.randomUUID() + "@m>", "Order",
                "Good evening, my order has still not arrived. Could you please let me know where it is?", null));
        InboundConsumerTest.send(german, InboundConsumerTest.email(german, "<" + UUID.randomUUID() + "@m>", "Bestellung",
                "Guten Abend, meine Bestellung ist immer noch nicht angekommen. Können Sie mir bitte sagen, wo sie ist?", null));
        assertThat(language(greek)).isEqualTo("el");
        assertThat(language(english)).isEqualTo("en");
        assertThat(language(german)).isEqualTo("de");
    }

    private static String language(String email) {
        String id = InboundConsumerTest.ticketsOf("email:" + email, 1).getString("items[0].id");
        return given().auth().oauth2(KeycloakTokens.integrator("acme")).get("/api/v1/tickets/" + id).then().statusCode(200).extract()
                .path("language");
    }
}
