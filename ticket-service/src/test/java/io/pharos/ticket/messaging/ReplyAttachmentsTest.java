package io.pharos.ticket.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.pharos.attachments.ContentAddress;
import io.pharos.testing.KafkaEvents;
import io.pharos.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * An agent sends files with a reply: uploaded first, named by id, linked to the message and handed to
 * channel-gateway in MessageRequested.attachments (metadata and the content's address, never the
 * bytes). A file the reply's channel cannot carry refuses the reply and changes nothing; a note may
 * keep any file; a file is sent once. The same files show on the message in REST and GraphQL.
 */
@QuarkusTest
class ReplyAttachmentsTest {

    final String anna = KeycloakTokens.user("anna");

    String upload(byte[] content, String name, String declaredType) {
        return given().auth().oauth2(anna).multiPart("file", name, content, declaredType).post("/api/v1/attachments").then().statusCode(201)
                .extract().path("id");
    }

    ValidatableResponse reply(String ticket, Map<String, Object> body) {
        return given().auth().oauth2(anna).contentType(ContentType.JSON).body(body).post("/api/v1/tickets/" + ticket + "/messages").then();
    }

    List<Map<String, Object>> messages(String ticket) {
        return given().auth().oauth2(anna).queryParam("includeInternal", true).get("/api/v1/tickets/" + ticket + "/messages").then()
                .statusCode(200).extract().jsonPath().getList("");
    }

    /** A WhatsApp customer who wrote just now: replies go out on WhatsApp. */
    String whatsAppTicket() {
        String wa = ReplyDeliveryTest.wa();
        InboundConsumerTest.send(wa, ReplyDeliveryTest.whatsApp("acme-whatsapp", wa, "Στείλτε μου την ετικέτα επιστροφής", Duration.ZERO));
        return InboundConsumerTest.ticketsOf("whatsapp:" + wa, 1).getString("items[0].id");
    }

    @Test
    void aReplyWithTwoFilesAsksChannelGatewayToSendBoth() {
        byte[] label = InboundAttachmentsTest.PNG;
        byte[] manual = ("Οδηγίες επιστροφής " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        String labelId = upload(label, "label.png", "image/png");
        String manualId = upload(manual, "manual.txt", "text/plain");
        String ticket = whatsAppTicket();
        try (KafkaEvents outbound = new KafkaEvents("pharos.channel.outbound")) {
            JsonPath sent = reply(ticket, Map.of("text", "Η ετικέτα και οι οδηγίες", "attachmentIds", List.of(labelId, manualId)))
                    .statusCode(201).extract().jsonPath();
            assertThat(sent.getList("attachments.id")).containsExactly(labelId, manualId);
            assertThat(sent.getList("attachments.status")).containsExactly("stored", "stored");

            JsonNode files = ReplyDeliveryTest.requested(outbound, sent.getString("id")).path("attachments");
            assertThat(files).hasSize(2);
            assertThat(files.get(0).path("id").asText()).isEqualTo(labelId);
            assertThat(files.get(0).path("fileName").asText()).isEqualTo("label.png");
            assertThat(files.get(0).path("contentType").asText()).isEqualTo("image/png");
            assertThat(files.get(0).path("size").asLong()).isEqualTo(label.length);
            assertThat(files.get(0).path("sha256").asText()).isEqualTo(ContentAddress.sha256(label));
            assertThat(files.get(1).path("id").asText()).isEqualTo(manualId);
            assertThat(files.get(1).path("contentType").asText()).isEqualTo("text/plain");
            assertThat(files.get(1).path("sha256").asText()).isEqualTo(ContentAddress.sha256(manual));
        }

        // a file goes out once: naming it again is refused and stores nothing
        reply(ticket, Map.of("text", "Ξανά η ετικέτα", "attachmentIds", List.of(labelId))).statusCode(409)
                .contentType("application/problem+json").body("type", equalTo("urn:pharos:problem:attachment-already-sent"));
        assertThat(messages(ticket)).hasSize(2);

        // the conversation shows the files, in REST and in GraphQL
        Map<String, Object> stored = messages(ticket).get(1);
        assertThat((List<?>) stored.get("attachments")).hasSize(2);
        JsonPath gql = ReplyDeliveryTest.graphql(anna, """
                query($id: ID!) { ticket(id: $id) { messages { attachments { id fileName contentType size sha256 status downloadUrl
                  failureReason inline scan { verdict } } } } }""", Map.of("id", ticket)).extract().jsonPath();
        assertThat(gql.getList("errors")).isNull();
        assertThat(gql.getList("data.ticket.messages[0].attachments")).isEmpty();
        assertThat(gql.getList("data.ticket.messages[1].attachments.id")).containsExactly(labelId, manualId);
        assertThat(gql.getString("data.ticket.messages[1].attachments[0].contentType")).isEqualTo("image/png");
        assertThat(gql.getString("data.ticket.messages[1].attachments[0].status")).isEqualTo("STORED");
        assertThat(gql.getLong("data.ticket.messages[1].attachments[0].size")).isEqualTo(label.length);
        assertThat(gql.getString("data.ticket.messages[1].attachments[0].sha256")).isEqualTo(ContentAddress.sha256(label));
        assertThat(gql.getString("data.ticket.messages[1].attachments[0].scan.verdict")).isEqualTo("NOT_SCANNED");
        assertThat(gql.getString("data.ticket.messages[1].attachments[1].downloadUrl")).contains("/api/v1/attachments/" + manualId + "/content?token=");
        byte[] downloaded = given().get(InboundAttachmentsTest.local(gql.getString("data.ticket.messages[1].attachments[1].downloadUrl")))
                .asByteArray();
        assertThat(downloaded).isEqualTo(manual);
    }

    @Test
    void aFileTheChannelCannotCarryRefusesTheReplyButANoteMayKeepIt() {
        String page = upload(("<html><body>Οδηγίες " + UUID.randomUUID() + "</body></html>").getBytes(StandardCharsets.UTF_8), "guide.html",
                "text/html");
        String ticket = whatsAppTicket();
        {
            // refused whole: no message, so no delivery request either (both are written in one transaction)
            reply(ticket, Map.of("text", "Δείτε τον οδηγό", "attachmentIds", List.of(page))).statusCode(422)
                    .contentType("application/problem+json").body("type", equalTo("urn:pharos:problem:attachment-not-supported"))
                    .body("detail", containsString("guide.html")).body("detail", containsString("text/html"));
            assertThat(messages(ticket)).hasSize(1);
            // GraphQL refuses it the same way
            ReplyDeliveryTest.graphql(anna, "mutation($t: ID!, $f: [String]) { reply(ticketId: $t, text: \"Οδηγός\", attachmentIds: $f) { id } }",
                    Map.of("t", ticket, "f", List.of(page))).body("errors[0].extensions.kind", equalTo("attachment-not-supported"));
            assertThat(messages(ticket)).hasSize(1);
        }

        // an internal note is not sent anywhere: it keeps any stored file
        reply(ticket, Map.of("text", "Ο οδηγός για τους συναδέλφους", "visibility", "internal", "attachmentIds", List.of(page)))
                .statusCode(201).body("attachments[0].id", equalTo(page)).body("attachments[0].contentType", equalTo("text/html"));
        given().auth().oauth2(anna).get("/api/v1/attachments/" + UUID.randomUUID()).then().statusCode(404);
        reply(ticket, Map.of("text", "Άγνωστο", "visibility", "internal", "attachmentIds", List.of(UUID.randomUUID().toString())))
                .statusCode(422).body("type", equalTo("urn:pharos:problem:attachment-unknown"));
        assertThat(messages(ticket)).hasSize(2);
    }
}
