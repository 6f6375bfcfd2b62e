package io.pharos.ticket.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.pharos.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A reply's In-Reply-To/References thread it into a ticket only when it comes from that ticket's
 * requester: whoever learned a Message-ID (a forward, a Cc) must not write into a customer's
 * ticket; their mail starts a conversation of its own.
 */
@QuarkusTest
class ForeignSenderThreadingTest {

    @Test
    void aReplyFromAnotherSenderStartsItsOwnTicket() throws Exception {
        String customer = "c-" + UUID.randomUUID() + "@example.test";
        String first = "<" + UUID.randomUUID() + "@mail.example.test>";
        InboundConsumerTest.send(customer, InboundConsumerTest.email(customer, first, "Refund", "Where is my refund?", null));
        JsonPath theirs = InboundConsumerTest.ticketsOf("email:" + customer, 1);
        String ticketId = theirs.getString("items[0].id");

        String stranger = "x-" + UUID.randomUUID() + "@example.test";
        InboundConsumerTest.send(stranger, InboundConsumerTest.email(stranger, "<" + UUID.randomUUID() + "@evil.test>", "Re: Refund",
                "Please send the refund to my account instead", first));
        JsonPath strangers = InboundConsumerTest.ticketsOf("email:" + stranger, 1);
        assertThat(strangers.getList("items")).hasSize(1);
        assertThat(strangers.getString("items[0].id")).isNotEqualTo(ticketId);
        assertThat(given().auth().oauth2(KeycloakTokens.integrator("acme")).get("/api/v1/tickets/" + ticketId + "/messages").then()
                .statusCode(200).extract().jsonPath().getList("")).as("the customer's ticket holds only the customer's message").hasSize(1);

        // the customer's own reply still threads
        InboundConsumerTest.send(customer, InboundConsumerTest.email(customer, "<" + UUID.randomUUID() + "@mail.example.test>", "Re: Refund",
                "Any news?", first));
        assertThat(InboundConsumerTest.ticketsOf("email:" + customer, 2).getList("items")).hasSize(1);
    }
}
