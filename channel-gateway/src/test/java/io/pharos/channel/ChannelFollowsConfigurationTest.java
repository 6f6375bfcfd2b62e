package io.pharos.channel;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.pharos.channel.model.ChannelAccount;
import io.pharos.channel.service.channels.Channels;
import io.pharos.channel.service.email.ImapIdler;
import io.pharos.testing.KafkaEvents;
import io.pharos.testing.KeycloakTokens;
import io.pharos.testing.Mailboxes;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;

/** An email channel's IMAP watcher follows its configuration at once: edited, it restarts with the new settings; disabled, it stops. */
@QuarkusTest
class ChannelFollowsConfigurationTest {

    @Inject
    Channels channels;

    @Inject
    ImapIdler idler;

    static Map<String, Object> channel(String id, String mailbox, String folder, boolean enabled) {
        return Map.of("id", id, "type", "EMAIL", "name", "Follow test", "address", mailbox, "enabled", enabled,
                "settings", Map.of("imapHost", "localhost", "imapPort", "3143", "imapUser", mailbox, "imapFolder", folder),
                "secrets", Map.of("imapPassword", mailbox, "webhookSecret", "x"));
    }

    @Test
    void editingRestartsTheWatcherAndDisablingStopsItAtOnce() throws Throwable {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String id = "follow-" + run;
        String mailbox = "follow-" + run + "@acme.test";
        Mailboxes.send("setup-" + run + "@example.test", "Setup", mailbox, "first", "creates the mailbox", null);
        given().auth().oauth2(KeycloakTokens.user("alex")).contentType(ContentType.JSON).body(channel(id, mailbox, "INBOX", true))
                .post("/api/v1/channels").then().statusCode(201);
        ChannelAccount created = VertxContextSupport.subscribeAndAwait(() -> channels.get(id));
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.inbound")) {
            idler.watch(created); // IDLE is off in the test profile until a test starts it
            kafka.await(e -> ("email:setup-" + run + "@example.test").equals(e.key()), 1, Duration.ofSeconds(15));

            // an edit: the watcher runs with the new settings
            given().auth().oauth2(KeycloakTokens.user("alex")).contentType(ContentType.JSON).body(channel(id, mailbox, "Inbox", true))
                    .put("/api/v1/channels/" + id).then().statusCode(200);
            Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> idler.watching(id).map(c -> c.setting("imapFolder", "")).orElse("").equals("Inbox"));

            // disabled: no longer watched, and mail that arrives now is not taken in
            given().auth().oauth2(KeycloakTokens.user("alex")).contentType(ContentType.JSON).body(channel(id, mailbox, "INBOX", false))
                    .put("/api/v1/channels/" + id).then().statusCode(200);
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> idler.watching(id).isEmpty());
            Thread.sleep(500);
            Mailboxes.send("late-" + run + "@example.test", "Late", mailbox, "after disabling", "should wait in the mailbox", null);
            List<KafkaEvents.Event> late = kafka.during(Duration.ofSeconds(6), e -> ("email:late-" + run + "@example.test").equals(e.key()));
            assertThat(late).as("a disabled channel takes nothing in").isEmpty();
        } finally {
            idler.unwatch(id);
        }
    }
}
