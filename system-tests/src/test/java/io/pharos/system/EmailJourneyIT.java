package io.pharos.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import io.pharos.testing.KeycloakTokens;
import io.pharos.testing.Mailboxes;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * A customer's email to a solved ticket, through the whole suite and the real mail server: the
 * mail arrives in support@acme.test (IMAP, polled by channel-gateway), becomes a ticket that
 * Anna finds through the federation gateway, the customer gets a receipt in Greek with the
 * promised reply time, her reply reaches the customer's mailbox threaded
 * under the customer's own message, the customer's answer lands on the same ticket, and Anna
 * solves it. Another tenant's agent sees none of it.
 */
class EmailJourneyIT {

    static JsonPath gateway(String token, String query, Map<String, Object> variables) {
        return given().baseUri(SuiteRuntime.GATEWAY).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("query", query, "variables", variables)).when().post("/graphql").then().statusCode(200)
                .body("errors", nullValue()).extract().jsonPath();
    }

    static void send(String from, String subject, String text, String inReplyTo) {
        Mailboxes.send(from, "Ελένη Π.", "support@acme.test", subject, text, inReplyTo);
    }

    static JsonPath awaitTicket(String anna, String marker, int messages, Duration timeout) throws Exception {
        String query = "query($q: String) { tickets(first: 5, filter: {search: $q}) { edges { node { id number subject status "
                + "channel messages { author visibility text } } } } }";
        Instant deadline = Instant.now().plus(timeout);
        JsonPath found;
        do {
            found = gateway(anna, query, Map.of("q", marker));
            List<Object> edges = found.getList("data.tickets.edges");
            if (edges.size() == 1 && found.getList("data.tickets.edges[0].node.messages").size() >= messages) {
                return found;
            }
            Thread.sleep(500);
        } while (Instant.now().isBefore(deadline));
        return found;
    }

    @Test
    void anEmailBecomesATicketAndTheConversationStaysOneThreadBothWays() throws Exception {
        String marker = "M" + UUID.randomUUID().toString().substring(0, 8);
        String customer = "eleni-" + marker.toLowerCase() + "@example.test";
        String anna = KeycloakTokens.user("anna");
        Instant start = Instant.now();

        send(customer, "Η παραγγελία " + marker + " δεν έφτασε", "Καλησπέρα, η παραγγελία μου δεν έχει φτάσει ακόμα.", null);
        JsonPath inbox = awaitTicket(anna, marker, 1, Duration.ofSeconds(60));
        assertThat(inbox.getList("data.tickets.edges")).as("the mail became one ticket").hasSize(1);
        String ticket = inbox.getString("data.tickets.edges[0].node.id");
        long number = inbox.getLong("data.tickets.edges[0].node.number");
        assertThat(inbox.getString("data.tickets.edges[0].node.channel")).isEqualTo("EMAIL");
        assertThat(inbox.getString("data.tickets.edges[0].node.subject")).isEqualTo("Η παραγγελία " + marker + " δεν έφτασε");
        Duration toInbox = Duration.between(start, Instant.now());

        // first the receipt: in Greek, with the time promised by the SLA, marked as an auto-reply
        List<MimeMessage> received = Mailboxes.inbox(customer, 1, Duration.ofSeconds(60));
        assertThat(received).as("the acknowledgement").hasSize(1);
        MimeMessage receipt = received.get(0);
        assertThat(receipt.getHeader("Auto-Submitted")[0]).isEqualTo("auto-replied");
        assertThat(((String) receipt.getContent()).strip()).startsWith("Λάβαμε το μήνυμά σας (αίτημα #" + number + "). Θα σας απαντήσουμε έως ");
        assertThat(receipt.getSubject()).contains("[#" + number + "]");

        gateway(anna, "mutation($id: ID!, $text: String) { reply(ticketId: $id, text: $text) { id } }",
                Map.of("id", ticket, "text", "Καλησπέρα Ελένη, το δέμα σας αναχώρησε σήμερα."));
        received = Mailboxes.inbox(customer, 2, Duration.ofSeconds(60));
        MimeMessage reply = null;
        for (MimeMessage m : received) {
            if (m.getHeader("Auto-Submitted") == null) {
                reply = m;
            }
        }
        assertThat(reply).as("Anna's reply in the customer's mailbox").isNotNull();
        assertThat(reply.getSubject()).contains("[#" + number + "]");
        assertThat(((InternetAddress) reply.getFrom()[0]).getAddress()).isEqualTo("support@acme.test");
        assertThat(reply.getHeader("In-Reply-To")).as("threaded under the customer's mail").isNotNull();
        assertThat(((String) reply.getContent()).strip()).startsWith("Καλησπέρα Ελένη, το δέμα σας αναχώρησε σήμερα.");

        // the customer answers from their mail client: the same ticket
        send(customer, "Re: " + reply.getSubject(), "Ευχαριστώ, το περιμένω.\n\nΣτις Δευ, Acme <support@acme.test> έγραψε:\n> Καλησπέρα",
                reply.getMessageID());
        JsonPath answered = awaitTicket(anna, marker, 3, Duration.ofSeconds(60));
        assertThat(answered.getList("data.tickets.edges")).as("still one ticket").hasSize(1);
        assertThat(answered.getList("data.tickets.edges[0].node.messages.text", String.class)).hasSize(3).last()
                .isEqualTo("Ευχαριστώ, το περιμένω.");

        JsonPath solved = gateway(anna, "mutation($id: ID!) { changeStatus(ticketId: $id, status: SOLVED) { status } }", Map.of("id", ticket));
        assertThat(solved.getString("data.changeStatus.status")).isEqualTo("SOLVED");

        // isolation: globex's agent finds nothing of it through the gateway
        assertThat(gateway(KeycloakTokens.user("gina"), "query($id: ID!) { ticket(id: $id) { id } }", Map.of("id", ticket))
                .getString("data.ticket")).isNull();
        System.out.printf("email journey: mail to inbox %d ms, whole journey %d ms%n", toInbox.toMillis(),
                Duration.between(start, Instant.now()).toMillis());
    }
}
