package io.pharos.system;

import static io.pharos.system.Journeys.await;
import static io.pharos.system.Journeys.gateway;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.testing.ChatClient;
import io.pharos.testing.KeycloakTokens;
import io.pharos.testing.Mailboxes;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Issue 19, point 9, through the whole suite: a chat visitor who types a customer's email address
 * is a stranger until they open the link mailed to that address. The customer's history stays
 * theirs, the agent's answer goes back over the chat only, and the customer's mailbox gets nothing
 * but the verification mail; opening the link joins the visitor to the customer.
 */
class IdentityClaimIT {

    static final String TICKET_SERVICE = "http://localhost:8081";
    static final String CHANNEL_GATEWAY = "http://localhost:8082";
    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern LINK = Pattern.compile("https?://\\S+/verify-identity/\\S+");

    @Test
    void aVisitorTypingACustomersEmailNeitherJoinsTheirHistoryNorGetsMailUntilVerified() throws Exception {
        String marker = "Q" + UUID.randomUUID().toString().substring(0, 8);
        String email = "customer-" + marker.toLowerCase() + "@example.test";
        String integrator = KeycloakTokens.integrator("acme");
        String real = given().baseUri(TICKET_SERVICE).auth().oauth2(integrator).contentType(ContentType.JSON)
                .body(Map.of("name", "Real Customer", "email", email)).post("/api/v1/customers").then().statusCode(201)
                .extract().path("id");
        String customerQuery = "query($id: ID!) { customer(id: $id) { id identities { type value verified } tickets { id } } }";
        String anna = KeycloakTokens.user("anna");

        // the visitor says they are the customer
        JsonNode session = JSON.readTree(given().baseUri(CHANNEL_GATEWAY).contentType(ContentType.JSON)
                .body(Map.of("name", "Mallory", "email", email)).post("/api/v1/chat/acme-chat/sessions").then().statusCode(200)
                .extract().asString());
        String ticket;
        try (ChatClient widget = ChatClient.connect(java.net.URI.create(CHANNEL_GATEWAY + "/"), session.path("socket").asText())) {
            widget.next("ready");
            widget.send(Map.of("type", "message", "id", "m1", "text", "Please list my orders " + marker));
            widget.next("ack");
            String find = "query($q: String) { tickets(first: 5, filter: {search: $q}) { edges { node { id requester { id identities"
                    + " { type value verified } } } } } }";
            JsonPath found = await(() -> gateway(anna, find, Map.of("q", marker)), a -> a.getList("data.tickets.edges").size() == 1,
                    Duration.ofSeconds(30));
            ticket = found.getString("data.tickets.edges[0].node.id");
            assertThat(found.getString("data.tickets.edges[0].node.requester.id")).as("a requester of its own").isNotEqualTo(real);
            assertThat(found.getList("data.tickets.edges[0].node.requester.identities.findAll { it.type == 'EMAIL' }.verified"))
                    .as("agents see the address is unverified").containsExactly(false);
            JsonPath customer = gateway(anna, customerQuery, Map.of("id", real));
            assertThat(customer.getList("data.customer.tickets")).as("the customer's history is unchanged").isEmpty();
            assertThat(customer.getList("data.customer.identities.verified")).containsExactly(true);

            // the agent's answer goes back over the chat …
            gateway(anna, "mutation($id: ID!, $t: String) { reply(ticketId: $id, text: $t) { id } }",
                    Map.of("id", ticket, "t", "Your orders " + marker + ": …"));
            JsonNode answer = widget.next(f -> "message".equals(f.path("type").asText()) && "agent".equals(f.path("from").asText()),
                    Duration.ofSeconds(20));
            assertThat(answer.path("text").asText()).isEqualTo("Your orders " + marker + ": …");
        }
        // … and once the visitor has left, a further answer is still not mailed to the typed address
        Thread.sleep(500);
        gateway(anna, "mutation($id: ID!, $t: String) { reply(ticketId: $id, text: $t) { id } }",
                Map.of("id", ticket, "t", "Anything else about " + marker + "?"));
        List<MimeMessage> mail = Mailboxes.inbox(email, 2, Duration.ofSeconds(10));
        assertThat(mail).as("only the verification mail reaches the customer's mailbox").hasSize(1);
        String content = mail.get(0).getContent().toString();
        assertThat(content).doesNotContain(marker);
        Matcher link = LINK.matcher(content);
        assertThat(link.find()).as("a verification link in %s", content).isTrue();

        // whoever reads the mailbox confirms: the visitor was the customer after all
        given().post(link.group()).then().statusCode(200);
        JsonPath joined = gateway(anna, customerQuery, Map.of("id", real));
        assertThat(joined.getList("data.customer.tickets.id")).containsExactly(ticket);
        assertThat(joined.getList("data.customer.identities.verified")).containsOnly(true);
        given().post(link.group()).then().statusCode(410);
    }
}
