package io.pharos.channel;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.pharos.channel.model.ChannelAccount;
import io.pharos.channel.model.ChannelType;
import io.pharos.channel.service.channels.Channels;
import io.pharos.channel.service.email.ImapPoller;
import io.pharos.channel.service.security.OutboundGuard;
import io.pharos.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;

/**
 * SSRF: a tenant administrator cannot make the server connect to this machine, the private
 * network, cloud metadata or cluster services — refused when the channel is saved (400) and again
 * when the socket connects (a saved host may resolve elsewhere later). Only the allow-listed
 * GreenMail (localhost:3143) of the test profile passes.
 */
@QuarkusTest
class OutboundDestinationTest {

    @Inject
    Channels channels;

    @Inject
    ImapPoller poller;

    static Map<String, Object> emailChannel(String id, String host, String port) {
        return Map.of("id", id, "type", "EMAIL", "name", "Mailbox", "address", "box@acme.test",
                "settings", Map.of("imapHost", host, "imapPort", port, "imapUser", "box@acme.test"), "secrets", Map.of("imapPassword", "x"));
    }

    @Test
    void internalHostsAreRefusedWhenTheChannelIsSaved() {
        for (String host : List.of("127.0.0.1", "169.254.169.254", "10.0.0.5", "kubernetes.default.svc", "postgres", "[::1]", "100.64.0.1")) {
            String id = "ssrf-" + UUID.randomUUID().toString().substring(0, 8);
            given().auth().oauth2(KeycloakTokens.user("alex")).contentType(ContentType.JSON).body(emailChannel(id, host, "143"))
                    .post("/api/v1/channels").then().statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("urn:pharos:problem:outbound-destination-refused"))
                    .body("detail", containsString("imapHost"));
            given().auth().oauth2(KeycloakTokens.user("alex")).get("/api/v1/channels/" + id).then().statusCode(404);
        }
        // an edit cannot bring one in either; GraphQL goes through the same check
        String id = "ok-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(KeycloakTokens.user("alex")).contentType(ContentType.JSON).body(emailChannel(id, "localhost", "3143"))
                .post("/api/v1/channels").then().statusCode(201);
        given().auth().oauth2(KeycloakTokens.user("alex")).contentType(ContentType.JSON).body(emailChannel(id, "169.254.169.254", "80"))
                .put("/api/v1/channels/" + id).then().statusCode(400).body("detail", containsString("link-local"));
        given().auth().oauth2(KeycloakTokens.user("alex")).contentType(ContentType.JSON).body(emailChannel(id, "localhost", "6379"))
                .put("/api/v1/channels/" + id).then().statusCode(400).body("detail", containsString("localhost"));
        given().auth().oauth2(KeycloakTokens.user("alex")).get("/api/v1/channels/" + id).then().statusCode(200)
                .body("settings.imapHost", equalTo("localhost")).body("settings.imapPort", equalTo("3143"));
        given().auth().oauth2(KeycloakTokens.user("alex")).contentType(ContentType.JSON).body(Map.of("query", """
                mutation($in: ChannelInput!) { createChannel(input: $in) { id } }""", "variables", Map.of("in", Map.of("id",
                "gq-" + UUID.randomUUID().toString().substring(0, 8), "type", "EMAIL", "name", "x", "address", "a@acme.test",
                "settings", List.of(Map.of("key", "imapHost", "value", "10.1.2.3"))))))
                .post("/graphql").then().statusCode(200).body("data.createChannel", org.hamcrest.Matchers.nullValue())
                .body("errors[0].message", containsString("private"));
    }

    @Test
    void aSavedHostIsCheckedAgainWhenTheSocketConnects() throws Throwable {
        // stored without the admin API's check: as if the name had resolved to a public address when it was saved
        String id = "rebind-" + UUID.randomUUID().toString().substring(0, 8);
        VertxContextSupport.subscribeAndAwait(() -> channels.add(id, "acme", ChannelType.EMAIL, "Rebinding", "box@acme.test",
                Map.of("imapHost", "127.0.0.1", "imapPort", "3143", "imapUser", "box@acme.test"), Map.of("imapPassword", "x"), Map.of()));
        ChannelAccount channel = VertxContextSupport.subscribeAndAwait(() -> channels.get(id));
        assertThatThrownBy(() -> poller.poll(channel)).hasStackTraceContaining("127.0.0.1, a loopback address");
    }

    @Test
    void theGuardResolvesNamesAndKnowsTheRanges() {
        OutboundGuard guard = new OutboundGuard(Optional.of(List.of("localhost:3143", "192.0.2.0/24")), Optional.of(List.of("203.0.113.0/24")),
                List.of(".svc", ".cluster.local"));
        for (String host : List.of("localhost", "127.0.0.2", "0.0.0.0", "169.254.169.254", "172.16.3.4", "192.168.1.1", "224.0.0.1",
                "fd00::1", "fe80::1", "::", "203.0.113.9", "redis.default.svc.cluster.local", "metadata")) {
            assertThatThrownBy(() -> guard.check(host, 143)).as(host).isInstanceOf(OutboundGuard.Refused.class);
        }
        assertThatThrownBy(() -> guard.check("localhost", 25)).isInstanceOf(OutboundGuard.Refused.class);
        assertThatThrownBy(() -> guard.check("8.8.8.8", 0)).isInstanceOf(OutboundGuard.Refused.class);
        assertThat(catchRefused(() -> guard.check("localhost", 3143))).as("allow-listed").isNull();
        assertThat(catchRefused(() -> guard.check("192.0.2.10", 993))).as("allow-listed range").isNull();
        assertThat(catchRefused(() -> guard.check("8.8.8.8", 993))).as("a public address").isNull();
    }

    interface Check {
        void run() throws Exception;
    }

    static Exception catchRefused(Check c) {
        try {
            c.run();
            return null;
        } catch (Exception e) {
            return e;
        }
    }
}
