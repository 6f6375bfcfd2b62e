package io.pharos.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.awaitility.Awaitility;
import jakarta.inject.Inject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.testing.KafkaEvents;
import io.pharos.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Survey answers as the customer last gave them, under the right channel: an answer whose event
 * names no channel (survey-service had not seen the ticket yet: an import, or an answer racing its
 * ticket) counts under its ticket's channel whichever of the two analytics reads first, and a
 * changed answer replaces the first one.
 */
@QuarkusTest
class SurveyAnswersTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Pool pool;

    @BeforeAll
    static void consumerReady() {
        KafkaEvents.awaitAssigned(ConfigProvider.getConfig().getValue("mp.messaging.incoming.ticket-events.group.id", String.class),
                Duration.ofSeconds(30));
    }

    static void ticketCreated(UUID id, String channel, Instant at) {
        Map<String, Object> ticket = new LinkedHashMap<>();
        ticket.put("id", id.toString());
        ticket.put("number", 1);
        ticket.put("status", "new");
        ticket.put("priority", "normal");
        ticket.put("channel", channel);
        ticket.put("createdAt", at.toString());
        ticket.put("updatedAt", at.toString());
        KafkaEvents.publish("pharos.ticket.events", id.toString(), "//pharos/ticket-service", "pharos.ticket.created", "acme",
                Map.of("ticket", ticket));
    }

    static void answered(UUID ticket, int score, Instant at) {
        answered(UUID.randomUUID(), ticket, score, at);
    }

    static void answered(UUID response, UUID ticket, int score, Instant at) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("responseId", response.toString());
        data.put("type", "csat");
        data.put("score", score);
        data.put("scaleMin", 1);
        data.put("scaleMax", 5);
        data.put("respondedAt", at.toString());
        data.put("ticketId", ticket.toString());
        data.put("channel", null);
        data.put("agentId", null);
        data.put("team", null);
        KafkaEvents.publish("pharos.survey.events", ticket.toString(), "//pharos/survey-service", "pharos.survey.responded", "acme", data);
    }

    /** The day's CSAT over all channels: {@code {count, value}}. */
    static JsonNode csat(Instant day) throws Exception {
        JsonNode all = JSON.readTree(given().auth().oauth2(KeycloakTokens.user("sofia")).queryParam("from", day.toString())
                .queryParam("to", day.plus(1, ChronoUnit.DAYS).toString()).get("/api/v1/kpis").then().statusCode(200).extract().asString());
        return all.path("groups").path(0).path("kpis").path("csat");
    }

    /** The CSAT answers counted per channel on that day. */
    static Map<String, Long> csatByChannel(Instant day) throws Exception {
        JsonNode report = JSON.readTree(given().auth().oauth2(KeycloakTokens.user("sofia")).queryParam("from", day.toString())
                .queryParam("to", day.plus(1, ChronoUnit.DAYS).toString()).queryParam("groupBy", "channel").get("/api/v1/kpis")
                .then().statusCode(200).extract().asString());
        Map<String, Long> counts = new LinkedHashMap<>();
        report.path("groups").forEach(g -> {
            long n = g.path("kpis").path("csat").path("count").asLong();
            if (n > 0) {
                counts.put(g.path("group").asText(), n);
            }
        });
        return counts;
    }

    static Map<String, Long> await(Instant day, Predicate<Map<String, Long>> done) throws Exception {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> csatByChannel(day), done::test);
    }

    @Test
    void anAnswerThatCameBeforeItsTicketMovesToTheTicketsChannelWhenItArrives() throws Exception {
        // a day of years ago of this run only
        Instant day = Instant.parse("2012-01-01T00:00:00Z").plus(new java.util.Random().nextInt(3000), ChronoUnit.DAYS);
        UUID early = UUID.randomUUID();
        answered(early, 5, day.plus(3, ChronoUnit.HOURS));
        assertThat(await(day, c -> c.containsKey("unknown"))).as("before its ticket").isEqualTo(Map.of("unknown", 1L));

        ticketCreated(early, "sms", day.plus(1, ChronoUnit.HOURS));
        assertThat(await(day, c -> c.containsKey("sms"))).as("once its ticket is known").isEqualTo(Map.of("sms", 1L));

        // the other order: the ticket first, its answer after
        UUID known = UUID.randomUUID();
        ticketCreated(known, "telegram", day.plus(2, ChronoUnit.HOURS));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> pool.preparedQuery("SELECT count(*) FROM ticket_fact WHERE ticket_id = $1")
                .execute(Tuple.of(known)).await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0) == 1);
        answered(known, 2, day.plus(4, ChronoUnit.HOURS));
        assertThat(await(day, c -> c.containsKey("telegram"))).isEqualTo(Map.of("sms", 1L, "telegram", 1L));

        // and the tenant-wide figure counted each answer once all along
        JsonNode csat = csat(day);
        assertThat(csat.path("count").asLong()).isEqualTo(2);
        assertThat(csat.path("value").asDouble()).as("5 and 2 of 1-5: 10 and 2.5 of 10").isEqualTo(6.25);
    }

    @Test
    void aChangedAnswerReplacesTheFirstAndALateCopyOfTheFirstChangesNothing() throws Exception {
        Instant day = Instant.parse("2012-01-01T00:00:00Z").plus(new java.util.Random().nextInt(3000), ChronoUnit.DAYS);
        UUID ticket = UUID.randomUUID();
        ticketCreated(ticket, "email", day.plus(1, ChronoUnit.HOURS));
        UUID response = UUID.randomUUID();
        Instant firstClick = day.plus(2, ChronoUnit.HOURS);
        answered(response, ticket, 2, firstClick);
        assertThat(awaitCsat(day, c -> c.path("count").asLong() == 1).path("value").asDouble()).as("2 of 1-5").isEqualTo(2.5);

        // the customer clicks 5 a few minutes later (within survey-service's change window): one answer, now 5
        answered(response, ticket, 5, firstClick.plus(4, ChronoUnit.MINUTES));
        JsonNode changed = awaitCsat(day, c -> c.path("value").asDouble() == 10.0);
        assertThat(changed.path("count").asLong()).isEqualTo(1);
        assertThat(changed.path("value").asDouble()).isEqualTo(10.0);
        assertThat(csatByChannel(day)).isEqualTo(Map.of("email", 1L));

        // the first click's event delivered again (a retry, a replay): it is older, nothing moves
        answered(response, ticket, 2, firstClick);
        answered(UUID.randomUUID(), ticket, 1, day.plus(23, ChronoUnit.HOURS)); // another answer after it, in the same partition
        JsonNode after = awaitCsat(day, c -> c.path("count").asLong() == 2);
        assertThat(after.path("value").asDouble()).as("5 and 1 of 1-5: 10 and 0").isEqualTo(5.0);
    }

    static JsonNode awaitCsat(Instant day, Predicate<JsonNode> done) throws Exception {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> csat(day), done::test);
    }
}
