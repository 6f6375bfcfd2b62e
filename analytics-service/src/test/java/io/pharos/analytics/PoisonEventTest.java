package io.pharos.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.awaitility.Awaitility;

import io.pharos.testing.KafkaEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** What cannot be read or applied goes to the dead-letter topic, changes nothing, and the stream goes on. */
@QuarkusTest
class PoisonEventTest {

    @Inject
    Pool pool;

    @BeforeAll
    static void consumerReady() {
        KafkaEvents.awaitAssigned(ConfigProvider.getConfig().getValue("mp.messaging.incoming.ticket-events.group.id", String.class),
                Duration.ofSeconds(30));
    }

    @Test
    void poisonGoesToTheDeadLetterTopicAndTheEventsAfterItAreApplied() throws Exception {
        String garbled = UUID.randomUUID().toString();
        String key = UUID.randomUUID().toString();
        try (KafkaEvents dlqOfGarbled = new KafkaEvents("pharos.ticket.events.dlq"); KafkaEvents dlqOfCalendar = new KafkaEvents("pharos.ticket.events.dlq")) {
            boolean garbledDead = false;
            boolean calendarDead = false;
            UUID ticket = UUID.randomUUID();
            // repeated until the consumer group has settled (a record published before its position is taken is not seen)
            for (int attempt = 0; attempt < 10 && !(garbledDead && calendarDead); attempt++) {
                KafkaEvents.publishRaw("pharos.ticket.events", garbled, "{ this is not JSON");
                KafkaEvents.publish("pharos.ticket.events", key, "//pharos/ticket-service", "pharos.calendar.updated", "acme",
                        Map.of("calendar", Map.of("id", key, "timeZone", "Mars/Olympus_Mons", "isDefault", true, "updatedAt", Instant.now().toString()),
                                "deleted", false));
                garbledDead = garbledDead || dlqOfGarbled.awaitRaw(garbled, Duration.ofSeconds(3));
                calendarDead = calendarDead || dlqOfCalendar.awaitRaw(key, Duration.ofSeconds(3));
            }
            assertThat(garbledDead).as("what is not JSON goes to the dead-letter topic").isTrue();
            assertThat(calendarDead).as("a calendar that cannot be read goes to the dead-letter topic").isTrue();
            Instant now = Instant.now();
            KafkaEvents.publish("pharos.ticket.events", ticket.toString(), "//pharos/ticket-service", "pharos.ticket.created", "acme",
                    Map.of("ticket", Map.of("id", ticket.toString(), "number", 1, "status", "new", "priority", "normal", "channel", "email",
                            "requesterId", UUID.randomUUID().toString(), "createdAt", now.toString(), "updatedAt", now.toString(), "reopenCount", 0)));
            long found = Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .until(() -> pool.preparedQuery("SELECT count(*) FROM ticket_fact WHERE ticket_id = $1").execute(Tuple.of(ticket))
                            .await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0), n -> n > 0);
            assertThat(found).as("the stream goes on after the poison").isEqualTo(1);
            assertThat(pool.preparedQuery("SELECT count(*) FROM calendar_replica WHERE id = $1").execute(Tuple.of(UUID.fromString(key)))
                    .await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0)).as("the unreadable calendar changed nothing").isZero();
        }
    }
}
