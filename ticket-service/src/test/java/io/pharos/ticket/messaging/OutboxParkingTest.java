package io.pharos.ticket.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.pharos.commons.outbox.OutboxWriter;
import io.pharos.testing.KafkaEvents;
import io.pharos.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Issue 18, "the outbox never blocks": a row the broker refuses is parked at once, later events
 * of its aggregate wait behind it, everything else keeps flowing; a platform administrator lists
 * and inspects it, replays it after fixing the cause (then its successors follow, in order) or
 * discards it with a reason. The failure is real: a topic whose record limit is below the event.
 */
@QuarkusTest
class OutboxParkingTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    /** Refuses records over 4 KB until the test raises its limit: a fixable cause. */
    private static final String FIXABLE = "pharos.test.parking-fixable-" + RUN;
    /** Stays too small: its poison row is discarded. */
    private static final String HOPELESS = "pharos.test.parking-hopeless-" + RUN;
    private static final String ADMIN_API = "/api/v1/admin/outbox/parked";

    private static Admin kafkaAdmin;

    @Inject
    Pool pool;

    @BeforeAll
    static void createTopics() throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, System.getProperty("kafka.bootstrap.servers", "localhost:9092"));
        kafkaAdmin = Admin.create(props);
        kafkaAdmin.createTopics(List.of(
                new NewTopic(FIXABLE, 1, (short) 1).configs(Map.of("max.message.bytes", "4096")),
                new NewTopic(HOPELESS, 1, (short) 1).configs(Map.of("max.message.bytes", "4096")))).all().get();
    }

    @AfterAll
    static void deleteTopics() throws Exception {
        kafkaAdmin.deleteTopics(List.of(FIXABLE, HOPELESS)).all().get();
        kafkaAdmin.close();
    }

    @Test
    void aPoisonRowIsParkedItsAggregateWaitsOthersFlowAndAReplayAfterTheFixPublishesItInOrder() throws Exception {
        String operator = KeycloakTokens.platformOperator();
        String poisonKey = "poison-" + RUN;
        try (KafkaEvents kafka = new KafkaEvents(FIXABLE, "pharos.ticket.events")) {
            Inserted poisonRow = insert("acme", FIXABLE, poisonKey, 20_000);
            long poison = poisonRow.id();
            ValidatableResponse parked = awaitParked(operator, poison);
            parked.body("tenant", equalTo("acme")).body("key", equalTo(poisonKey)).body("topic", equalTo(FIXABLE))
                    .body("attempts", equalTo(1)).body("error", org.hamcrest.Matchers.containsString("RecordTooLarge"));

            // the next event of the same aggregate waits; another tenant's (same topic) and a real ticket's go out
            Inserted successor = insert("acme", FIXABLE, poisonKey, 200);
            insert("globex", FIXABLE, "other-" + RUN, 200);
            String ticket = given().auth().oauth2(KeycloakTokens.integrator("globex")).contentType(ContentType.JSON)
                    .body(Map.of("subject", "Still flowing", "channel", "email",
                            "requester", Map.of("email", "flow-" + RUN + "@example.test"), "message", Map.of("text", "hello")))
                    .when().post("/api/v1/tickets").then().statusCode(201).extract().path("id");
            assertThat(kafka.await(e -> e.key().equals("other-" + RUN), 1, Duration.ofSeconds(20))).hasSize(1);
            assertThat(kafka.await(KafkaEvents.about(ticket), 2, Duration.ofSeconds(20))).hasSize(2);
            assertThat(kafka.during(Duration.ofSeconds(2), e -> e.key().equals(poisonKey))).isEmpty();
            assertThat(count("SELECT count(*) FROM outbox_event WHERE id = $1", successor.id())).isEqualTo(1);

            // inspectable by the platform operator: the whole event and what waits behind it
            given().auth().oauth2(operator).when().get(ADMIN_API + "/" + poison).then().statusCode(200)
                    .body("waiting", equalTo(1)).body("size", org.hamcrest.Matchers.greaterThan(20_000))
                    .body("payload", org.hamcrest.Matchers.containsString("\"subject\":\"" + poisonKey + "\""));
            given().auth().oauth2(operator).queryParam("tenant", "acme").queryParam("status", "parked").when().get(ADMIN_API)
                    .then().statusCode(200).body("id", hasItem((int) poison));
            // ...and by no tenant's administrator
            given().auth().oauth2(KeycloakTokens.user("alex")).when().get(ADMIN_API).then().statusCode(403)
                    .contentType("application/problem+json");
            given().auth().oauth2(KeycloakTokens.user("alex")).contentType(ContentType.JSON).body(Map.of("reason", "mine"))
                    .when().post(ADMIN_API + "/" + poison + "/discard").then().statusCode(403);
            // a warning, not an outage
            given().when().get("/q/health/well").then().statusCode(503)
                    .body("checks.find { it.name == 'outbox parked rows' }.status", equalTo("DOWN"));
            given().when().get("/q/health/ready").then().statusCode(200);
            assertThat(given().when().get("/q/metrics").then().statusCode(200).extract().asString()).contains("pharos_outbox_parked");

            // the fix: the topic takes larger records; then the replay goes out first and its successor follows
            kafkaAdmin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, FIXABLE), List.of(
                    new AlterConfigOp(new ConfigEntry("max.message.bytes", "1048588"), AlterConfigOp.OpType.SET)))).all().get();
            await().atMost(Duration.ofSeconds(20)).until(() -> kafkaAdmin.describeConfigs(List.of(
                    new ConfigResource(ConfigResource.Type.TOPIC, FIXABLE))).all().get().values().iterator().next()
                    .get("max.message.bytes").value().equals("1048588"));
            given().auth().oauth2(operator).contentType(ContentType.JSON).body(Map.of("reason", "topic limit raised"))
                    .when().post(ADMIN_API + "/" + poison + "/replay").then().statusCode(200)
                    .body("status", equalTo("replayed")).body("resolvedBy", equalTo("service-account-pharos-operator"))
                    .body("reason", equalTo("topic limit raised"));
            List<KafkaEvents.Event> events = kafka.await(e -> e.key().equals(poisonKey), 2, Duration.ofSeconds(30));
            assertThat(events).extracting(KafkaEvents.Event::id).containsExactly(poisonRow.eventId(), successor.eventId());
            // resolved once: a second replay is a conflict
            given().auth().oauth2(operator).contentType(ContentType.JSON).body("{}").when().post(ADMIN_API + "/" + poison + "/replay")
                    .then().statusCode(409)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void aRowThatCanNeverBePublishedIsDiscardedWithAReasonAndItsSuccessorsFlow() throws Exception {
        String operator = KeycloakTokens.platformOperator();
        String key = "hopeless-" + RUN;
        try (KafkaEvents kafka = new KafkaEvents(HOPELESS)) {
            long poison = insert("acme", HOPELESS, key, 20_000).id();
            awaitParked(operator, poison);
            Inserted successor = insert("acme", HOPELESS, key, 200);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(operator).when().get(ADMIN_API + "/" + poison)
                    .then().body("waiting", equalTo(1)));

            given().auth().oauth2(operator).contentType(ContentType.JSON).body(Map.of("reason", " "))
                    .when().post(ADMIN_API + "/" + poison + "/discard").then().statusCode(400).contentType("application/problem+json");
            given().auth().oauth2(operator).contentType(ContentType.JSON).body(Map.of("reason", "test poison: larger than its topic allows"))
                    .when().post(ADMIN_API + "/" + poison + "/discard").then().statusCode(200)
                    .body("status", equalTo("discarded")).body("reason", equalTo("test poison: larger than its topic allows"))
                    .body("resolvedBy", equalTo("service-account-pharos-operator")).body("resolvedAt", org.hamcrest.Matchers.notNullValue());

            List<KafkaEvents.Event> events = kafka.await(e -> e.key().equals(key), 1, Duration.ofSeconds(20));
            assertThat(events).extracting(KafkaEvents.Event::id).containsExactly(successor.eventId());
            given().auth().oauth2(operator).queryParam("status", "discarded").when().get(ADMIN_API).then().statusCode(200)
                    .body("id", hasItem((int) poison));
        }
    }

    private static ValidatableResponse awaitParked(String operator, long id) {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(operator).when().get(ADMIN_API + "/" + id)
                .then().statusCode(200).body("status", equalTo("parked")));
        return given().auth().oauth2(operator).when().get(ADMIN_API + "/" + id).then().statusCode(200);
    }

    private record Inserted(long id, String eventId) {
    }

    /** An outbox row as OutboxWriter would write it, with {@code padding} characters of data. */
    private Inserted insert(String tenant, String topic, String key, int padding) {
        UUID eventId = UUID.randomUUID();
        String payload = "{\"specversion\":\"1.0\",\"id\":\"" + eventId + "\",\"source\":\"//pharos/test\",\"type\":\"pharos.test.parking\","
                + "\"subject\":\"" + key + "\",\"time\":\"" + OffsetDateTime.now() + "\",\"datacontenttype\":\"application/json\","
                + "\"tenant\":\"" + tenant + "\",\"data\":{\"pad\":\"" + random(padding) + "\"}}";
        return pool.preparedQuery("INSERT INTO outbox_event (event_id, tenant, topic, message_key, lane, type, payload, created_at)"
                + " VALUES ($1, $2, $3, $4, $5, 'pharos.test.parking', $6, now()) RETURNING id")
                .execute(Tuple.tuple(List.of(eventId, tenant, topic, key, OutboxWriter.lane(key), payload)))
                .map(rows -> new Inserted(rows.iterator().next().getLong(0), eventId.toString()))
                .await().atMost(Duration.ofSeconds(10));
    }

    private long count(String sql, long id) {
        return pool.preparedQuery(sql).execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }

    /** Incompressible, so the record's size on the wire is its size here. */
    private static String random(int length) {
        StringBuilder s = new StringBuilder(length);
        java.util.Random random = new java.util.Random();
        for (int i = 0; i < length; i++) {
            s.append((char) ('a' + random.nextInt(26)));
        }
        return s.toString();
    }
}
