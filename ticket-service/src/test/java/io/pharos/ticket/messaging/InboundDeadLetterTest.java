package io.pharos.ticket.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.contracts.Channel;
import io.pharos.contracts.CloudEvent;
import io.pharos.contracts.EventJson;
import io.pharos.contracts.channel.ChannelEvents;
import io.pharos.contracts.channel.MessageReceived;
import io.pharos.contracts.channel.Sender;
import io.pharos.testing.KafkaEvents;
import io.pharos.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * A customer message ticket-service cannot store is parked in its dead_letter table with the reason
 * and the original record, the stream goes on, and a platform administrator replays it once the
 * cause is gone (the message then exists once) or discards it with a reason. The cause here is one
 * the test controls: a trigger refusing messages with a marker, as a broken constraint would.
 */
@QuarkusTest
class InboundDeadLetterTest {

    private static final ObjectMapper JSON = EventJson.newMapper();
    private static final String ADMIN = "/api/v1/admin/dead-letters";

    @Inject
    Pool pool;

    @BeforeAll
    static void consumerReady() {
        KafkaEvents.awaitAssigned(ConfigProvider.getConfig().getValue("mp.messaging.incoming.inbound.group.id", String.class),
                Duration.ofSeconds(30));
    }

    @Test
    void aMessageThatCannotBeStoredIsParkedListedReplayedAfterTheFixAndExistsOnce() throws Exception {
        String marker = "refused-" + UUID.randomUUID().toString().substring(0, 8);
        String function = "test_refuse_" + marker.replace('-', '_');
        String wa = "3069" + (10000000 + (int) (Math.random() * 89999999));
        MessageReceived message = MessageReceived.of("acme-whatsapp", Channel.WHATSAPP, "wamid." + UUID.randomUUID(), "whatsapp:" + wa,
                new Sender("Δανάη", null, null, wa, null, null, null, null, null), "Η παραγγελία " + marker + " δεν ήρθε", Instant.now(),
                Instant.now(), List.of());
        String payload = JSON.writeValueAsString(
                CloudEvent.of(UUID.randomUUID(), "//pharos/channel-gateway", ChannelEvents.MESSAGE_RECEIVED, wa, Instant.now(), "acme", message));
        sql("CREATE FUNCTION " + function + "() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'message refused by test trigger " + marker
                + "'; END; $$ LANGUAGE plpgsql");
        sql("CREATE TRIGGER " + function + " BEFORE INSERT ON message FOR EACH ROW WHEN (NEW.body_text LIKE '%" + marker + "%')"
                + " EXECUTE FUNCTION " + function + "()");
        try {
            KafkaEvents.publishRaw("pharos.channel.inbound", wa, payload, Map.of("traceparent", "00-" + marker + "-01", "x-pharos-test", marker));

            long id = awaitParked(wa);
            JsonPath letter = given().auth().oauth2(KeycloakTokens.platformOperator()).get(ADMIN + "/" + id).then().statusCode(200)
                    .extract().jsonPath();
            assertThat(letter.getString("channel")).isEqualTo("inbound");
            assertThat(letter.getString("consumerGroup")).isEqualTo("ticket-service-test");
            assertThat(letter.getString("topic")).isEqualTo("pharos.channel.inbound");
            assertThat(letter.getString("status")).isEqualTo("parked");
            assertThat(letter.getString("tenant")).isEqualTo("acme");
            assertThat(letter.getString("eventType")).isEqualTo("pharos.channel.message.received");
            assertThat(letter.getString("reason")).contains("message refused by test trigger " + marker);
            assertThat(letter.getInt("attempts")).isEqualTo(1);
            assertThat(letter.getString("payload")).as("the original record, byte for byte").isEqualTo(payload);
            assertThat(letter.getString("key")).isEqualTo(wa);
            assertThat(letter.getList("headers.findAll { it.key == 'x-pharos-test' }.value")).containsExactly(marker);

            // only the platform administrator sees dead letters: a tenant admin is refused, nobody anonymous
            given().auth().oauth2(KeycloakTokens.user("alex")).get(ADMIN).then().statusCode(403);
            given().get(ADMIN).then().statusCode(401);
            given().auth().oauth2(KeycloakTokens.user("alex")).post(ADMIN + "/" + id + "/replay").then().statusCode(403);
            // the wellness check warns and the gauge counts while it is parked
            given().get("/q/health/well").then().statusCode(503);
            assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                    .containsPattern("pharos_dead_letters_parked\\{channel=\"inbound\"[^}]*} [1-9]");

            // the stream went on: a later message of another customer is stored
            String other = "3069" + (10000000 + (int) (Math.random() * 89999999));
            ChannelSamples.publish(ChannelEvents.MESSAGE_RECEIVED, other, MessageReceived.of("acme-whatsapp", Channel.WHATSAPP,
                    "wamid." + UUID.randomUUID(), "whatsapp:" + other, new Sender("Νίκος", null, null, other, null, null, null, null, null),
                    "after the poison", Instant.now(), Instant.now(), List.of()));
            assertThat(InboundConsumerTest.ticketsOf("whatsapp:" + other, 1).getList("items")).hasSize(1);

            // a replay while the cause is still there fails again: still parked, one more attempt, the new reason
            given().auth().oauth2(KeycloakTokens.platformOperator()).post(ADMIN + "/" + id + "/replay").then().statusCode(200)
                    .body("status", org.hamcrest.Matchers.equalTo("parked")).body("attempts", org.hamcrest.Matchers.equalTo(2));
            JsonPath again = given().auth().oauth2(KeycloakTokens.platformOperator()).get(ADMIN + "/" + id).then().statusCode(200)
                    .extract().jsonPath();
            assertThat(again.getInt("attempts")).isEqualTo(2);
            assertThat(again.getString("status")).isEqualTo("parked");
            assertThat(again.getString("reason")).contains(marker);
        } finally {
            sql("DROP TRIGGER IF EXISTS " + function + " ON message");
            sql("DROP FUNCTION IF EXISTS " + function + "()");
        }

        // the cause is fixed: the replay stores the message, once, and the dead letter says who replayed it
        long id = awaitParked(wa);
        given().auth().oauth2(KeycloakTokens.platformOperator()).post(ADMIN + "/" + id + "/replay").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("replayed"));
        JsonPath tickets = InboundConsumerTest.ticketsOf("whatsapp:" + wa, 1);
        assertThat(tickets.getList("items")).hasSize(1);
        List<String> texts = given().auth().oauth2(KeycloakTokens.integrator("acme"))
                .get("/api/v1/tickets/" + tickets.getString("items[0].id") + "/messages").then().statusCode(200).extract().path("text");
        assertThat(texts).containsExactly("Η παραγγελία " + marker + " δεν ήρθε");
        JsonPath replayed = given().auth().oauth2(KeycloakTokens.platformOperator()).get(ADMIN + "/" + id).then().statusCode(200)
                .extract().jsonPath();
        assertThat(replayed.getString("status")).isEqualTo("replayed");
        assertThat(replayed.getString("resolvedBy")).isNotBlank();
        assertThat(replayed.getString("resolvedAt")).isNotBlank();
        // a replayed dead letter is done: neither replayed nor discarded again
        given().auth().oauth2(KeycloakTokens.platformOperator()).post(ADMIN + "/" + id + "/replay").then().statusCode(409);
        given().auth().oauth2(KeycloakTokens.platformOperator()).contentType(ContentType.JSON).body(Map.of("reason", "late"))
                .post(ADMIN + "/" + id + "/discard").then().statusCode(409);
    }

    @Test
    void garbageIsParkedAndDiscardedOnlyWithAReason() {
        String key = "poison-" + UUID.randomUUID();
        KafkaEvents.publishRaw("pharos.channel.inbound", key, "{\"this is\": not json");
        long id = awaitParked(key);
        JsonPath letter = given().auth().oauth2(KeycloakTokens.platformOperator()).get(ADMIN + "/" + id).then().statusCode(200)
                .extract().jsonPath();
        assertThat(letter.getString("payload")).isEqualTo("{\"this is\": not json");
        assertThat(letter.getString("reason")).startsWith("not a CloudEvent");
        assertThat(letter.getString("tenant")).isNull();

        given().auth().oauth2(KeycloakTokens.platformOperator()).contentType(ContentType.JSON).body(Map.of("reason", " "))
                .post(ADMIN + "/" + id + "/discard").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(KeycloakTokens.platformOperator()).contentType(ContentType.JSON).body(Map.of("reason", "not JSON, nothing to save"))
                .post(ADMIN + "/" + id + "/discard").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("discarded"))
                .body("resolutionReason", org.hamcrest.Matchers.equalTo("not JSON, nothing to save"))
                .body("resolvedBy", org.hamcrest.Matchers.notNullValue());
        given().auth().oauth2(KeycloakTokens.platformOperator()).post(ADMIN + "/" + id + "/replay").then().statusCode(409);
        List<Integer> discarded = given().auth().oauth2(KeycloakTokens.platformOperator()).queryParam("channel", "inbound")
                .queryParam("status", "discarded").queryParam("limit", 100).get(ADMIN).then().statusCode(200).extract().path("items.id");
        assertThat(discarded).contains((int) id);
        given().auth().oauth2(KeycloakTokens.platformOperator()).get(ADMIN + "/" + Long.MAX_VALUE).then().statusCode(404);
    }

    @Test
    void whileTheDeadLetterTableCannotBeWrittenNothingIsAcknowledgedAndTheChannelWaits() {
        String key = "3069" + (10000000 + (int) (Math.random() * 89999999)); // one key: one partition, in order
        String wamid = "wamid." + UUID.randomUUID();
        sql("ALTER TABLE dead_letter RENAME TO dead_letter_unreachable");
        try {
            KafkaEvents.publishRaw("pharos.channel.inbound", key, "{\"not\": \"a CloudEvent\"");
            ChannelSamples.publish(ChannelEvents.MESSAGE_RECEIVED, key, MessageReceived.of("acme-whatsapp", Channel.WHATSAPP, wamid,
                    "whatsapp:" + key, new Sender("Ηρώ", null, null, key, null, null, null, null, null), "behind the poison", Instant.now(),
                    Instant.now(), List.of()));
            // the poison cannot be parked: it is not acknowledged, and what follows it waits
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> count("SELECT count(*) FROM message WHERE provider_message_id = '" + wamid + "'") == 0);
        } finally {
            sql("ALTER TABLE dead_letter_unreachable RENAME TO dead_letter");
        }
        // the table is back: the poison is parked (not lost), then the message behind it is stored
        assertThat(awaitParked(key)).isPositive();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> count("SELECT count(*) FROM message WHERE provider_message_id = '" + wamid + "'") == 1);
    }

    private long count(String query) {
        return pool.query(query).execute().await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0);
    }

    /** The id of the parked dead letter of the record with this key, as the operator lists it. */
    static long awaitParked(String key) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            JsonPath page = given().auth().oauth2(KeycloakTokens.platformOperator()).queryParam("channel", "inbound")
                    .queryParam("status", "parked").queryParam("limit", 100).get(ADMIN).then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            return items.stream().filter(i -> key.equals(i.get("key"))).map(i -> ((Number) i.get("id")).longValue()).findFirst().orElse(null);
        }, java.util.Objects::nonNull);
    }

    private void sql(String statement) {
        pool.query(statement).execute().await().atMost(Duration.ofSeconds(10));
    }
}
