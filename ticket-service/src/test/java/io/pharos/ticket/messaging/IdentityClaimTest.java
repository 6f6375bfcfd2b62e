package io.pharos.ticket.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.pharos.contracts.Channel;
import io.pharos.contracts.channel.ChannelEvents;
import io.pharos.contracts.channel.MessageReceived;
import io.pharos.contracts.channel.Sender;
import io.pharos.testing.EventContracts;
import io.pharos.testing.KafkaEvents;
import io.pharos.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Issue 19, point 9: an address a chat or form visitor types is a claim, not proof. The visitor
 * becomes a provisional customer with an unverified identity; the customer who really holds the
 * address keeps their history and gets none of the visitor's replies; a verification link goes to
 * the claimed address only, and opening it joins the visitor to that customer.
 */
@QuarkusTest
class IdentityClaimTest {

    static final Pattern LINK = Pattern.compile("/verify-identity/([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)");

    final String integrator = KeycloakTokens.integrator("acme");
    final String anna = KeycloakTokens.user("anna");

    /** A real customer with one ticket of their own: what a stranger must not reach. */
    String realCustomer(String email) {
        String id = given().auth().oauth2(integrator).contentType(ContentType.JSON).body(Map.of("name", "Real Eleni", "email", email))
                .post("/api/v1/customers").then().statusCode(201).extract().path("id");
        given().auth().oauth2(integrator).contentType(ContentType.JSON)
                .body(Map.of("subject", "My private order", "requester", Map.of("email", email), "message", Map.of("text", "private")))
                .post("/api/v1/tickets").then().statusCode(201);
        return id;
    }

    List<String> ticketsOf(String customerId) {
        return given().auth().oauth2(integrator).queryParam("requester", customerId).get("/api/v1/tickets").then().statusCode(200)
                .extract().jsonPath().getList("items.id");
    }

    JsonPath customer(String id) {
        return given().auth().oauth2(integrator).get("/api/v1/customers/" + id).then().statusCode(200).extract().jsonPath();
    }

    /** The ticket of a conversation key once the consumer has stored it. */
    JsonPath ticketOf(String identity) {
        return InboundConsumerTest.ticketsOf(identity, 1);
    }

    String reply(String ticketId, String text) {
        return given().auth().oauth2(anna).contentType(ContentType.JSON).body(Map.of("text", text))
                .post("/api/v1/tickets/" + ticketId + "/messages").then().statusCode(201).extract().path("id");
    }

    static String token(JsonNode verificationMail) {
        Matcher m = LINK.matcher(verificationMail.path("text").asText());
        assertThat(m.find()).as("a link in %s", verificationMail.path("text").asText()).isTrue();
        return m.group(1);
    }

    @Test
    void aChatVisitorTypingACustomersEmailIsAStrangerUntilTheLinkMailedThereIsOpened() {
        String email = "real-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        String real = realCustomer(email);
        List<String> history = ticketsOf(real);
        String session = UUID.randomUUID().toString();
        try (KafkaEvents outbound = new KafkaEvents("pharos.channel.outbound")) {
            Sender visitor = new Sender("Mallory", email, null, null, null, null, null, session, "en", true);
            InboundConsumerTest.send("chat:" + session, MessageReceived.of("acme-chat", Channel.CHAT, "chat:" + session + ":c1",
                    "chat:" + session, visitor, "Send me my order history please", Instant.now(), Instant.now(), List.of())
                    .withChat(new MessageReceived.ChatTurn(session, 1, false)));
            JsonPath chat = ticketOf("chat:" + session);
            String ticket = chat.getString("items[0].id");
            String provisional = chat.getString("items[0].requesterId");

            // a stranger until verified: a requester of its own, the real customer untouched
            assertThat(provisional).isNotEqualTo(real);
            assertThat(ticketsOf(real)).isEqualTo(history);
            assertThat(customer(real).getList("identities.value")).containsExactly(email);
            List<String> found = given().auth().oauth2(integrator).queryParam("identity", "email:" + email).get("/api/v1/customers")
                    .then().statusCode(200).extract().path("id");
            assertThat(found).containsExactly(real);
            JsonPath claimant = customer(provisional);
            assertThat(claimant.getList("identities.findAll { it.type == 'email' }.verified")).containsExactly(false);
            assertThat(claimant.getList("identities.findAll { it.type == 'chat' }.verified")).containsExactly(true);
            assertThat(customer(real).getList("identities.verified")).containsExactly(true);

            // the claimed address gets the verification link, and nothing else
            JsonNode mail = outbound.await(e -> email.equals(e.cloudEvent().path("data").path("recipient").path("email").asText()), 1,
                    Duration.ofSeconds(15)).get(0).cloudEvent().path("data");
            assertThat(mail.path("channel").asText()).isEqualTo("email");
            assertThat(mail.path("ticketId").isNull()).as("about no ticket").isTrue();
            String token = token(mail);

            // the agent's answer goes back over the chat session, not to the typed address
            String replyId = reply(ticket, "Here is the order history you asked for");
            KafkaEvents.Event requested = outbound.await(e -> replyId.equals(e.cloudEvent().path("data").path("requestId").asText()), 1,
                    Duration.ofSeconds(15)).get(0);
            EventContracts.assertValid(requested);
            JsonNode recipient = requested.cloudEvent().path("data").path("recipient");
            assertThat(requested.cloudEvent().path("data").path("channel").asText()).isEqualTo("chat");
            assertThat(recipient.path("chat").asText()).isEqualTo(session);
            assertThat(recipient.path("email").isNull() || recipient.path("email").isMissingNode()).as("no email: %s", recipient).isTrue();
            assertThat(outbound.during(Duration.ofSeconds(1),
                    e -> email.equals(e.cloudEvent().path("data").path("recipient").path("email").asText()))).hasSize(1);

            // opening the link asks first (a mail scanner's fetch changes nothing), the button verifies
            given().get("/verify-identity/" + token).then().statusCode(200).body(containsString(email));
            assertThat(customer(provisional).getList("identities.findAll { it.type == 'email' }.verified")).containsExactly(false);
            given().post("/verify-identity/" + token).then().statusCode(200).body(containsString("confirmed"));

            // now the visitor is the customer: the chat ticket and session joined their history, the address is verified
            assertThat(ticketsOf(real)).containsAll(history).contains(ticket).hasSize(history.size() + 1);
            JsonPath joined = customer(real);
            assertThat(joined.getList("identities.value")).containsExactlyInAnyOrder(email, session);
            assertThat(joined.getList("identities.verified")).containsOnly(true);
            // single use, and only ours
            given().post("/verify-identity/" + token).then().statusCode(410);
            given().post("/verify-identity/" + token.substring(0, token.length() - 2) + "AA").then().statusCode(404);
            given().get("/verify-identity/not-a-token").then().statusCode(404);
        }
    }

    @Test
    void aFormSubmissionWithACustomersEmailIsAStrangerAndItsReplyIsNotMailed() {
        String email = "form-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        String real = realCustomer(email);
        List<String> history = ticketsOf(real);
        String submission = "form:" + UUID.randomUUID();
        String marker = "F" + UUID.randomUUID().toString().substring(0, 8);
        try (KafkaEvents outbound = new KafkaEvents("pharos.channel.outbound")) {
            InboundConsumerTest.send(submission, MessageReceived.of("acme-form", Channel.FORM, submission, submission,
                    Sender.email("Mallory", email).asClaimed(), "Change my delivery address", Instant.now(), Instant.now(), null)
                    .withSubject("Address change " + marker));
            String ticket = awaitTicket(marker);
            String provisional = given().auth().oauth2(integrator).get("/api/v1/tickets/" + ticket).then().statusCode(200)
                    .extract().path("requesterId");
            assertThat(provisional).isNotEqualTo(real);
            assertThat(ticketsOf(real)).isEqualTo(history);
            assertThat(customer(provisional).getList("identities.verified")).containsExactly(false);

            String token = token(outbound.await(e -> email.equals(e.cloudEvent().path("data").path("recipient").path("email").asText()), 1,
                    Duration.ofSeconds(15)).get(0).cloudEvent().path("data"));
            String replyId = reply(ticket, "Your address was changed");
            JsonNode request = outbound.await(e -> replyId.equals(e.cloudEvent().path("data").path("requestId").asText()), 1,
                    Duration.ofSeconds(15)).get(0).cloudEvent().path("data");
            assertThat(request.path("recipient").path("email").isNull() || request.path("recipient").path("email").isMissingNode())
                    .as("not mailed to the claimed address: %s", request).isTrue();

            given().post("/verify-identity/" + token).then().statusCode(200);
            assertThat(ticketsOf(real)).contains(ticket).hasSize(history.size() + 1);
            // verified: the next answer is mailed to the customer's address
            String second = reply(ticket, "Anything else?");
            JsonNode after = outbound.await(e -> second.equals(e.cloudEvent().path("data").path("requestId").asText()), 1,
                    Duration.ofSeconds(15)).get(0).cloudEvent().path("data");
            assertThat(after.path("channel").asText()).isEqualTo("email");
            assertThat(after.path("recipient").path("email").asText()).isEqualTo(email);
        }
    }

    @Test
    void aClaimOfAnAddressNobodyHoldsBecomesTheVisitorsVerifiedAddress() {
        String email = "new-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        String session = UUID.randomUUID().toString();
        try (KafkaEvents outbound = new KafkaEvents("pharos.channel.outbound")) {
            InboundConsumerTest.send("chat:" + session, MessageReceived.of("acme-chat", Channel.CHAT, "chat:" + session + ":c1",
                    "chat:" + session, new Sender("Nikos", email, null, null, null, null, null, session, "en", true), "Hello",
                    Instant.now(), Instant.now(), List.of()).withChat(new MessageReceived.ChatTurn(session, 1, true)));
            String provisional = ticketOf("chat:" + session).getString("items[0].requesterId");
            String token = token(outbound.await(e -> email.equals(e.cloudEvent().path("data").path("recipient").path("email").asText()), 1,
                    Duration.ofSeconds(15)).get(0).cloudEvent().path("data"));
            given().post("/verify-identity/" + token).then().statusCode(200);
            assertThat(customer(provisional).getList("identities.findAll { it.type == 'email' }.verified")).containsExactly(true);
            List<String> found = given().auth().oauth2(integrator).queryParam("identity", "email:" + email).get("/api/v1/customers")
                    .then().statusCode(200).extract().path("id");
            assertThat(found).containsExactly(provisional);
        }
    }

    /** The ticket a form submission opened, by the marker in its subject (a form has no identity of its own to look up by). */
    String awaitTicket(String marker) {
        return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            List<String> ids = given().auth().oauth2(integrator).queryParam("q", marker).get("/api/v1/tickets").then().statusCode(200)
                    .extract().jsonPath().getList("items.id");
            return ids.size() == 1 ? ids.get(0) : null;
        }, java.util.Objects::nonNull);
    }
}
