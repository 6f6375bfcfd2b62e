package io.pharos.channel;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.pharos.channel.domain.ChannelConfig;
import io.pharos.channel.repository.ChannelRepository;
import io.pharos.channel.service.security.Signatures;
import io.pharos.testing.KeycloakTokens;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;

/** Admins configure channels; secrets are write-only and encrypted at rest, and the webhook follows the new secret. */
@QuarkusTest
class ChannelAdminTest {

    @Inject
    ChannelRepository repository;

    @Test
    void secretsGoInEncryptedAndNeverComeOut() throws Throwable {
        String id = "wa-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = "app-secret-" + UUID.randomUUID();
        Map<String, Object> channel = Map.of("id", id, "type", "WHATSAPP", "name", "WhatsApp sales", "address", "+302101234599",
                "settings", Map.of("phoneNumberId", "1999"), "secrets", Map.of("webhookSecret", secret, "accessToken", "token-1"));
        given().auth().oauth2(KeycloakTokens.user("anna")).contentType(ContentType.JSON).body(channel).post("/api/v1/channels")
                .then().statusCode(403);
        given().auth().oauth2(KeycloakTokens.user("alex")).contentType(ContentType.JSON).body(channel).post("/api/v1/channels")
                .then().statusCode(201).body("webhookPath", equalTo("/webhooks/meta/" + id))
                .body("secretsSet", equalTo(List.of("accessToken", "webhookSecret"))).body(not(containsString(secret)));
        given().auth().oauth2(KeycloakTokens.user("alex")).contentType(ContentType.JSON).body(channel).post("/api/v1/channels")
                .then().statusCode(409);
        ChannelConfig stored = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> repository.findById(id)));
        assertThat(stored.secrets).startsWith("v1:").doesNotContain(secret).doesNotContain("token-1");

        // a new webhook secret; the access token is kept
        String rotated = "rotated-" + UUID.randomUUID();
        given().auth().oauth2(KeycloakTokens.user("alex")).contentType(ContentType.JSON)
                .body(Map.of("id", id, "type", "WHATSAPP", "name", "WhatsApp sales", "address", "+302101234599",
                        "settings", Map.of("phoneNumberId", "1999"), "secrets", Map.of("webhookSecret", rotated)))
                .put("/api/v1/channels/" + id).then().statusCode(200).body("secretsSet", equalTo(List.of("accessToken", "webhookSecret")));
        byte[] body = "{\"object\":\"whatsapp_business_account\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8);
        given().contentType(ContentType.JSON).body(body).header("X-Hub-Signature-256", Signatures.hubSha256Header(secret, body))
                .post("/webhooks/meta/" + id).then().statusCode(401);
        given().contentType(ContentType.JSON).body(body).header("X-Hub-Signature-256", Signatures.hubSha256Header(rotated, body))
                .post("/webhooks/meta/" + id).then().statusCode(200);

        // another tenant cannot see it; GraphQL lists it for admins
        given().auth().oauth2(KeycloakTokens.integrator("globex")).get("/api/v1/channels/" + id).then().statusCode(403);
        given().auth().oauth2(KeycloakTokens.user("alex")).contentType(ContentType.JSON)
                .body(Map.of("query", "{ channels { id type secretsSet settings { key value } } }"))
                .post("/graphql").then().statusCode(200).body("data.channels.id", hasItem(id))
                .body("data.channels.find { it.id == '" + id + "' }.settings", equalTo(List.of(Map.of("key", "phoneNumberId", "value", "1999"))));
        // and an admin configures one over GraphQL: settings and secrets as named values
        String viaGraphQL = "gq-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(KeycloakTokens.user("alex")).contentType(ContentType.JSON).body(Map.of("query", """
                mutation($in: ChannelInput!) { createChannel(input: $in) { id settings { key value } secretsSet ackTemplates { key value } } }""",
                "variables", Map.of("in", Map.of("id", viaGraphQL, "type", "SMS", "name", "SMS via GraphQL",
                        "settings", List.of(Map.of("key", "accountSid", "value", "AC1")),
                        "secrets", List.of(Map.of("key", "authToken", "value", "t0ken")),
                        "ackTemplates", List.of(Map.of("key", "el", "value", "Λάβαμε το μήνυμά σας (#{number})."))))))
                .post("/graphql").then().statusCode(200).body("errors", org.hamcrest.Matchers.nullValue())
                .body("data.createChannel.settings", equalTo(List.of(Map.of("key", "accountSid", "value", "AC1"))))
                .body("data.createChannel.secretsSet", equalTo(List.of("authToken")))
                .body("data.createChannel.ackTemplates[0].value", equalTo("Λάβαμε το μήνυμά σας (#{number})."));
        given().auth().oauth2(KeycloakTokens.user("alex")).contentType(ContentType.JSON)
                .body(Map.of("id", "Bad Id!", "type", "SMS", "name", "x")).post("/api/v1/channels").then().statusCode(400)
                .body("type", equalTo("urn:pharos:problem:validation"));
    }
}
