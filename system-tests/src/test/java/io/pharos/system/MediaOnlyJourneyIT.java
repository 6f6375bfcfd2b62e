package io.pharos.system;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.pharos.system.Journeys.await;
import static io.pharos.system.Journeys.gateway;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.pharos.testing.KeycloakTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Issue 18's acceptance: a customer sends a photo without a caption and then their location on
 * WhatsApp. Both signed webhooks are answered 200 and both become messages (empty text, the
 * photo's media id, the place) on one ticket an agent sees over REST and through the gateway; no
 * dead letter. Meta's API (for the receipt) is the only stand-in.
 */
class MediaOnlyJourneyIT {

    static final ObjectMapper JSON = new ObjectMapper();

    WireMockServer meta;

    @BeforeEach
    void metaStandIn() {
        meta = new WireMockServer(options().port(8089));
        meta.start();
        meta.stubFor(post(urlEqualTo(WhatsAppJourneyIT.MESSAGES)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.receipt" + UUID.randomUUID() + "\"}]}")));
    }

    @AfterEach
    void stop() {
        meta.stop();
    }

    static byte[] webhook(String waId, Map<String, Object> message) throws Exception {
        return JSON.writeValueAsBytes(Map.of("object", "whatsapp_business_account", "entry", List.of(Map.of("id", "102290129340398",
                "changes", List.of(Map.of("field", "messages", "value", Map.of("messaging_product", "whatsapp",
                        "metadata", Map.of("display_phone_number", "302101234567", "phone_number_id", WhatsAppJourneyIT.PHONE_NUMBER_ID),
                        "contacts", List.of(Map.of("profile", Map.of("name", "Maria K."), "wa_id", waId)),
                        "messages", List.of(message))))))));
    }

    @Test
    void aPhotoWithoutCaptionAndALocationBecomeMessagesAnAgentSees() throws Exception {
        String waId = "3069" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
        String now = String.valueOf(Instant.now().getEpochSecond());
        byte[] photo = webhook(waId, Map.of("from", waId, "id", "wamid.I" + UUID.randomUUID().toString().replace("-", ""), "timestamp", now,
                "type", "image", "image", Map.of("mime_type", "image/jpeg", "sha256", "b1946ac92492d2347c6235b4d2611184", "id", "1479537139650973")));
        byte[] place = webhook(waId, Map.of("from", waId, "id", "wamid.L" + UUID.randomUUID().toString().replace("-", ""), "timestamp", now,
                "type", "location", "location", Map.of("latitude", 37.9838, "longitude", 23.7275, "name", "Syntagma", "address", "Athens 105 63")));
        for (byte[] body : List.of(photo, place)) {
            given().baseUri("http://localhost:8082").contentType(ContentType.JSON).header("X-Hub-Signature-256", WhatsAppJourneyIT.hubSignature(body))
                    .body(body).when().post("/webhooks/meta/acme-whatsapp").then().statusCode(200);
        }

        String integrator = KeycloakTokens.integrator("acme");
        JsonPath messages = await(() -> {
            List<String> customers = given().baseUri("http://localhost:8081").auth().oauth2(integrator).queryParam("identity", "whatsapp:" + waId)
                    .get("/api/v1/customers").then().statusCode(200).extract().path("id");
            if (customers.isEmpty()) {
                return null;
            }
            List<String> tickets = given().baseUri("http://localhost:8081").auth().oauth2(integrator).queryParam("requester", customers.get(0))
                    .get("/api/v1/tickets").then().statusCode(200).extract().path("items.id");
            return tickets.isEmpty() ? null : given().baseUri("http://localhost:8081").auth().oauth2(integrator)
                    .get("/api/v1/tickets/" + tickets.get(0) + "/messages").then().statusCode(200).extract().jsonPath();
        }, m -> m != null && m.getList("").size() >= 2, Duration.ofSeconds(30));
        assertThat(messages).as("both messages on a ticket").isNotNull();
        assertThat(messages.getList("text")).containsExactly("", "");
        assertThat(messages.getString("[0].attachments[0].kind")).isEqualTo("image");
        assertThat(messages.getString("[0].attachments[0].reference")).isEqualTo("1479537139650973");
        assertThat(messages.getString("[1].location.name")).isEqualTo("Syntagma");

        JsonPath seen = gateway(KeycloakTokens.user("anna"), """
                query($id: ID!) { ticket(id: $id) { channel messages { text attachments { kind contentType reference }
                  location { latitude longitude name address } } } }""", Map.of("id", messages.getString("[0].ticketId")));
        assertThat(seen.getString("data.ticket.channel")).isEqualTo("WHATSAPP");
        assertThat(seen.getString("data.ticket.messages[0].attachments[0].contentType")).isEqualTo("image/jpeg");
        assertThat(seen.getDouble("data.ticket.messages[1].location.latitude")).isEqualTo(37.9838);
        assertThat(seen.getString("data.ticket.messages[1].location.address")).isEqualTo("Athens 105 63");
    }
}
