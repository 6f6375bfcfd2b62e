package io.pharos.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.contracts.CloudEvent;
import io.pharos.contracts.EventJson;
import io.pharos.testing.KafkaEvents;
import io.pharos.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What cannot be read or applied is parked in analytics' dead_letter table, changes nothing, and the
 * stream goes on; once its cause is gone an operator replays it (the event then counts once) or
 * discards it with a reason. Within a batch of records, the poison is parked alone.
 */
@QuarkusTest
class PoisonEventTest {

    private static final ObjectMapper JSON = EventJson.newMapper();
    private static final String ADMIN = "/api/v1/admin/dead-letters";

    @Inject
    Pool pool;

    @BeforeAll
    static void consumerReady() {
        KafkaEvents.awaitAssigned(ConfigProvider.getConfig().getValue("mp.messaging.incoming.ticket-events.group.id", String.class),
                Duration.ofSeconds(30));
    }

    @Test
    void poisonIsParkedAndTheEventsAfterItAreApplied() throws Exception {
        String garbled = UUID.randomUUID().toString();
        String key = UUID.randomUUID().toString();
        String calendar = JSON.writeValueAsString(new CloudEvent<>(CloudEvent.SPEC_VERSION, UUID.randomUUID(), "//pharos/ticket-service",
                "pharos.calendar.updated", key, Instant.now(), CloudEvent.CONTENT_TYPE, "acme",
                Map.of("calendar", Map.of("id", key, "timeZone", "Mars/Olympus_Mons", "isDefault", true, "updatedAt", Instant.now().toString()),
                        "deleted", false)));
        Long garbledId = null;
        Long calendarId = null;
        // repeated until the consumer group has settled (a record published before its position is taken is not seen)
        for (int attempt = 0; attempt < 10 && (garbledId == null || calendarId == null); attempt++) {
            KafkaEvents.publishRaw("pharos.ticket.events", garbled, "{ this is not JSON");
            KafkaEvents.publishRaw("pharos.ticket.events", key, calendar);
            garbledId = parked(garbled, Duration.ofSeconds(3));
            calendarId = parked(key, Duration.ofSeconds(3));
        }
        assertThat(garbledId).as("what is not JSON is parked").isNotNull();
        assertThat(calendarId).as("a calendar that cannot be read is parked").isNotNull();
        JsonPath letter = operator().get(ADMIN + "/" + calendarId).then().statusCode(200).extract().jsonPath();
        assertThat(letter.getString("channel")).isEqualTo("ticket-events");
        assertThat(letter.getString("tenant")).isEqualTo("acme");
        assertThat(letter.getString("eventType")).isEqualTo("pharos.calendar.updated");
        assertThat(letter.getString("payload")).isEqualTo(calendar);
        assertThat(letter.getString("reason")).isNotBlank();

        UUID ticket = UUID.randomUUID();
        KafkaEvents.publish("pharos.ticket.events", ticket.toString(), "//pharos/ticket-service", "pharos.ticket.created", "acme",
                created(ticket));
        assertThat(awaitFacts(ticket, 1)).as("the stream goes on after the poison").isEqualTo(1);
        assertThat(count("SELECT count(*) FROM calendar_replica WHERE id = $1", UUID.fromString(key))).as("the unreadable calendar changed nothing")
                .isZero();

        // an unreadable calendar stays unreadable: discarded, with the reason on record
        operator().contentType(ContentType.JSON).body(Map.of("reason", "time zone of another planet"))
                .post(ADMIN + "/" + calendarId + "/discard").then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("discarded"))
                .body("resolutionReason", org.hamcrest.Matchers.equalTo("time zone of another planet"));
        // the retries above may have parked more copies: none is left waiting
        for (long copy : allParked(garbled, key)) {
            operator().contentType(ContentType.JSON).body(Map.of("reason", "test poison")).post(ADMIN + "/" + copy + "/discard").then()
                    .statusCode(200);
        }
        assertThat(allParked(garbled, key)).isEmpty();
    }

    @Test
    void anEventRefusedUntilItsCauseIsFixedIsReplayedAndCountsOnce() throws Exception {
        UUID ticket = UUID.randomUUID();
        String function = "test_refuse_" + ticket.toString().replace("-", "").substring(0, 12);
        String event = JSON.writeValueAsString(new CloudEvent<>(CloudEvent.SPEC_VERSION, UUID.randomUUID(), "//pharos/ticket-service",
                "pharos.ticket.created", ticket.toString(), Instant.now(), CloudEvent.CONTENT_TYPE, "acme", created(ticket)));
        sql("CREATE FUNCTION " + function + "() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'fact refused by test trigger'; END; $$ LANGUAGE plpgsql");
        sql("CREATE TRIGGER " + function + " BEFORE INSERT ON ticket_fact FOR EACH ROW WHEN (NEW.ticket_id = '" + ticket + "')"
                + " EXECUTE FUNCTION " + function + "()");
        Long id = null;
        try {
            for (int attempt = 0; attempt < 10 && id == null; attempt++) {
                KafkaEvents.publishRaw("pharos.ticket.events", ticket.toString(), event); // the same record: one event, applied once
                id = parked(ticket.toString(), Duration.ofSeconds(3));
            }
            assertThat(id).as("the refused event is parked").isNotNull();
            assertThat(operator().get(ADMIN + "/" + id).then().statusCode(200).extract().path("reason").toString())
                    .contains("fact refused by test trigger");
            given().auth().oauth2(KeycloakTokens.user("alex")).get(ADMIN).then().statusCode(403);

            // replayed by range while the cause is still there: it fails again and stays parked, one attempt more
            JsonPath failed = operator().contentType(ContentType.JSON)
                    .body(Map.of("channel", "ticket-events", "tenant", "acme", "fromId", id, "toId", id)).post(ADMIN + "/replay").then()
                    .statusCode(200).extract().jsonPath();
            assertThat(failed.getInt("replayed")).isZero();
            assertThat(failed.getInt("failed")).isEqualTo(1);
            assertThat(failed.getString("outcomes[0].status")).isEqualTo("parked");
            assertThat(failed.getInt("outcomes[0].attempts")).isEqualTo(2);
        } finally {
            sql("DROP TRIGGER IF EXISTS " + function + " ON ticket_fact");
            sql("DROP FUNCTION IF EXISTS " + function + "()");
        }
        assertThat(count("SELECT count(*) FROM ticket_fact WHERE ticket_id = $1", ticket)).isZero();

        JsonPath replayed = operator().contentType(ContentType.JSON).body(Map.of("channel", "ticket-events", "fromId", id, "toId", id))
                .post(ADMIN + "/replay").then().statusCode(200).extract().jsonPath();
        assertThat(replayed.getInt("replayed")).isEqualTo(1);
        assertThat(replayed.getBoolean("more")).isFalse();
        assertThat(count("SELECT count(*) FROM ticket_fact WHERE ticket_id = $1", ticket)).as("the replayed event counts once").isEqualTo(1);
        JsonPath letter = operator().get(ADMIN + "/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(letter.getString("status")).isEqualTo("replayed");
        assertThat(letter.getInt("attempts")).isEqualTo(2);
        // Kafka redelivering the same event later changes nothing either
        KafkaEvents.publishRaw("pharos.ticket.events", ticket.toString(), event);
        UUID after = UUID.randomUUID();
        KafkaEvents.publish("pharos.ticket.events", after.toString(), "//pharos/ticket-service", "pharos.ticket.created", "acme", created(after));
        awaitFacts(after, 1);
        assertThat(count("SELECT count(*) FROM ticket_fact WHERE ticket_id = $1", ticket)).isEqualTo(1);
    }

    /**
     * Events are applied a poll's batch at a time, in one transaction: one event the database
     * refuses among good ones is parked alone and the others are applied (the batch falls back to one
     * transaction per event), and an event delivered twice in a batch counts once.
     */
    @Test
    void aPoisonEventInABatchIsParkedAloneAndDuplicatesCountOnce() throws Exception {
        String tenant = "batch-" + UUID.randomUUID().toString().substring(0, 8);
        UUID poison = UUID.randomUUID();
        List<UUID> good = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        String function = "test_refuse_" + poison.toString().replace("-", "").substring(0, 12);
        sql("CREATE FUNCTION " + function + "() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'fact refused by test trigger'; END; $$ LANGUAGE plpgsql");
        sql("CREATE TRIGGER " + function + " BEFORE INSERT ON ticket_fact FOR EACH ROW WHEN (NEW.ticket_id = '" + poison + "')"
                + " EXECUTE FUNCTION " + function + "()");
        String duplicated = created(tenant, good.get(0));
        List<String> batch = new ArrayList<>();
        batch.add(duplicated);
        batch.add(created(tenant, good.get(1)));
        batch.add(created(tenant, poison));
        batch.add(duplicated); // the same event again, within the batch
        for (UUID ticket : good.subList(2, good.size())) {
            batch.add(created(tenant, ticket));
        }
        try {
            publishTogether(batch);
            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> count("SELECT count(*) FROM ticket_fact WHERE tenant = $1", tenant) == good.size()
                            && count("SELECT count(*) FROM dead_letter WHERE tenant = $1 AND status = 'parked'", tenant) >= 1);
        } finally {
            sql("DROP TRIGGER IF EXISTS " + function + " ON ticket_fact");
            sql("DROP FUNCTION IF EXISTS " + function + "()");
        }
        var parked = pool.preparedQuery("SELECT message_key, reason FROM dead_letter WHERE tenant = $1 AND status = 'parked'").execute(Tuple.of(tenant))
                .await().atMost(Duration.ofSeconds(5));
        assertThat(parked.size()).as("only the refused event is parked").isEqualTo(1);
        var letter = parked.iterator().next();
        assertThat(letter.getString("message_key")).isEqualTo(poison.toString());
        assertThat(letter.getString("reason")).contains("fact refused by test trigger");
        assertThat(count("SELECT count(*) FROM ticket_fact WHERE ticket_id = $1", poison)).isZero();
        String duplicatedId = JSON.readTree(duplicated).get("id").asText();
        assertThat(count("SELECT count(*) FROM processed_event WHERE event_id = $1", duplicatedId)).isEqualTo(1);
        assertThat(count("SELECT coalesce(sum(n), 0) FROM rollup WHERE tenant = $1 AND metric = 'volume' AND channel = '*'", tenant))
                .as("each good ticket counted once in the rollups, the duplicate too").isEqualTo(good.size());
        sql("UPDATE dead_letter SET status = 'discarded', resolution_reason = 'test poison' WHERE tenant = '" + tenant + "'");
    }

    /** Sent without waiting and flushed together: the consumer's next poll takes them as one batch. */
    private static void publishTogether(List<String> events) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, System.getProperty("kafka.bootstrap.servers", "localhost:9092"));
        props.put(ProducerConfig.LINGER_MS_CONFIG, "50");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (String e : events) {
                // keyed by ticket id, as ticket-service keys them (the dead letter's key says which record it was)
                producer.send(new ProducerRecord<>("pharos.ticket.events", JSON.readTree(e).get("subject").asText(), e));
            }
            producer.flush();
        }
    }

    private static String created(String tenant, UUID ticket) throws Exception {
        return JSON.writeValueAsString(new CloudEvent<>(CloudEvent.SPEC_VERSION, UUID.randomUUID(), "//pharos/ticket-service", "pharos.ticket.created",
                ticket.toString(), Instant.now(), CloudEvent.CONTENT_TYPE, tenant, created(ticket)));
    }

    private static Map<String, Object> created(UUID ticket) {
        Instant now = Instant.now();
        return Map.of("ticket", Map.of("id", ticket.toString(), "number", 1, "status", "new", "priority", "normal", "channel", "email",
                "requesterId", UUID.randomUUID().toString(), "createdAt", now.toString(), "updatedAt", now.toString(), "reopenCount", 0));
    }

    private static io.restassured.specification.RequestSpecification operator() {
        return given().auth().oauth2(KeycloakTokens.platformOperator());
    }

    /** The id of the parked dead letter of the record with this key, if it is parked within the time. */
    private static Long parked(String key, Duration within) {
        try {
            return Awaitility.await().atMost(within).pollInterval(Duration.ofMillis(200)).until(() -> {
                List<Map<String, Object>> items = operator().queryParam("channel", "ticket-events").queryParam("status", "parked")
                        .queryParam("limit", 100).get(ADMIN).then().statusCode(200).extract().jsonPath().getList("items");
                return items.stream().filter(i -> key.equals(i.get("key"))).map(i -> ((Number) i.get("id")).longValue()).findFirst()
                        .orElse(null);
            }, java.util.Objects::nonNull);
        } catch (org.awaitility.core.ConditionTimeoutException notYet) {
            return null;
        }
    }

    private static List<Long> allParked(String... keys) {
        List<Map<String, Object>> items = operator().queryParam("channel", "ticket-events").queryParam("status", "parked")
                .queryParam("limit", 100).get(ADMIN).then().statusCode(200).extract().jsonPath().getList("items");
        List<String> wanted = List.of(keys);
        return items.stream().filter(i -> wanted.contains(i.get("key"))).map(i -> ((Number) i.get("id")).longValue()).toList();
    }

    private long awaitFacts(UUID ticket, long expected) {
        return Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> count("SELECT count(*) FROM ticket_fact WHERE ticket_id = $1", ticket), n -> n >= expected);
    }

    private long count(String query, Object arg) {
        return pool.preparedQuery(query).execute(Tuple.of(arg)).await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0);
    }

    private void sql(String statement) {
        pool.query(statement).execute().await().atMost(Duration.ofSeconds(10));
    }
}
