package io.pharos.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.pharos.testing.KafkaEvents;
import io.pharos.testing.KeycloakTokens;
import io.restassured.path.json.JsonPath;

/**
 * analytics-service killed (SIGKILL) in the middle of a stream of ticket events and started
 * again: it resumes from its committed offsets, the events it had applied but not yet committed
 * come again and change nothing, and every KPI of the day equals what the events say.
 */
class AnalyticsRestartIT {

    static final String ANALYTICS = "http://localhost:8084";
    static final String TOPIC = "pharos.ticket.events";
    static final int TICKETS = 1500;

    static Map<String, Object> ticket(UUID id, long number, String status, Instant created, Instant updated, int reopens) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("id", id.toString());
        t.put("number", number);
        t.put("status", status);
        t.put("priority", "normal");
        t.put("channel", "email");
        t.put("requesterId", UUID.randomUUID().toString());
        t.put("assigneeId", null);
        t.put("team", "restart-" + number % 3);
        t.put("createdAt", created.toString());
        t.put("updatedAt", updated.toString());
        t.put("reopenCount", reopens);
        return t;
    }

    static Map<String, Object> message(String author, Instant at) {
        return Map.of("id", UUID.randomUUID().toString(), "authorKind", author, "visibility", "public", "createdAt", at.toString());
    }

    static JsonPath kpis(Instant from, Instant to) {
        return given().baseUri(ANALYTICS).auth().oauth2(KeycloakTokens.user("sofia")).queryParam("from", from.toString())
                .queryParam("to", to.toString()).get("/api/v1/kpis").then().statusCode(200).extract().jsonPath();
    }

    static long volume(Instant from, Instant to) {
        Object v = kpis(from, to).get("groups[0].kpis.volume.value");
        return v == null ? 0 : ((Number) v).longValue();
    }

    static void publishDay(Instant day) {
        for (int i = 0; i < TICKETS; i++) {
            UUID id = UUID.randomUUID();
            String key = id.toString();
            Instant created = day.plusSeconds(i * 50L);
            Instant reply = created.plusSeconds(60L * (i % 7 + 1));
            Instant solved = created.plusSeconds(3600);
            boolean reopen = i % 5 == 0;
            KafkaEvents.publish(TOPIC, key, "//pharos/ticket-service", "pharos.ticket.created", "acme",
                    Map.of("ticket", ticket(id, i, "new", created, created, 0)));
            KafkaEvents.publish(TOPIC, key, "//pharos/ticket-service", "pharos.ticket.message.added", "acme",
                    Map.of("ticket", ticket(id, i, "new", created, created, 0), "message", message("customer", created)));
            KafkaEvents.publish(TOPIC, key, "//pharos/ticket-service", "pharos.ticket.message.added", "acme",
                    Map.of("ticket", ticket(id, i, "open", created, reply, 0), "message", message("agent", reply)));
            KafkaEvents.publish(TOPIC, key, "//pharos/ticket-service", "pharos.ticket.status.changed", "acme",
                    Map.of("ticket", ticket(id, i, "solved", created, solved, 0), "previousStatus", "open", "status", "solved",
                            "changedAt", solved.toString()));
            if (reopen) {
                Instant back = solved.plusSeconds(600);
                KafkaEvents.publish(TOPIC, key, "//pharos/ticket-service", "pharos.ticket.status.changed", "acme",
                        Map.of("ticket", ticket(id, i, "open", created, back, 1), "previousStatus", "solved", "status", "open",
                                "changedAt", back.toString()));
            }
        }
    }

    @Test
    void killedMidStreamAndRestartedItCountsEveryEventExactlyOnce() throws Exception {
        // a day of its own, years back, so that nothing else lands in it (whole UTC hours)
        Instant day = Instant.parse("2021-01-04T00:00:00Z").plus(new java.util.Random().nextInt(1000), ChronoUnit.DAYS);
        Instant end = day.plus(1, ChronoUnit.DAYS);
        List<Long> frt = new ArrayList<>();
        long fcr = 0;
        long reopened = 0;
        for (int i = 0; i < TICKETS; i++) {
            frt.add(60L * (i % 7 + 1));
            if (i % 5 == 0) {
                reopened++;
            } else {
                fcr++;
            }
        }
        // published from another thread while the service applies them, and while it is down
        Thread publisher = new Thread(() -> publishDay(day));
        publisher.start();

        // kill it while it is still applying them
        long seen = 0;
        Instant deadline = Instant.now().plusSeconds(120);
        while (seen < TICKETS / 10 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            seen = volume(day, end);
        }
        assertThat(seen).as("analytics-service applies the stream").isPositive();
        long atKill = volume(day, end);
        SuiteRuntime.crashAndRestart("analytics-service");
        System.out.println("analytics-service killed with " + atKill + " of " + TICKETS + " tickets of the day applied");

        publisher.join(180_000);
        long applied = 0;
        deadline = Instant.now().plusSeconds(180);
        while (applied < TICKETS && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            applied = volume(day, end);
        }
        Thread.sleep(2000); // the redelivered tail settles: it must change nothing
        JsonPath k = kpis(day, end);
        String all = "groups[0].kpis.";
        assertThat(k.getDouble(all + "volume.value")).isEqualTo(TICKETS);
        assertThat(k.getLong(all + "firstResponseTime.calendar.count")).isEqualTo(TICKETS);
        assertThat(k.getDouble(all + "firstResponseTime.calendar.value"))
                .isCloseTo(frt.stream().mapToLong(Long::longValue).average().orElseThrow(), within(1e-6));
        assertThat(k.getLong(all + "fcr.count")).as("solved once each").isEqualTo(TICKETS);
        assertThat(k.getDouble(all + "fcr.value")).isCloseTo(fcr * 100.0 / TICKETS, within(1e-9));
        assertThat(k.getDouble(all + "reopenRate.value")).isCloseTo(reopened * 100.0 / TICKETS, within(1e-9));
        // backlog counts every open ticket: the day added the reopened ones to what was open before it
        double backlogBefore = kpis(day.minus(1, ChronoUnit.HOURS), day).getDouble(all + "backlog.value");
        assertThat(k.getDouble(all + "backlog.value") - backlogBefore).as("the reopened ones are open at the end of the day")
                .isEqualTo((double) reopened);
    }
}
