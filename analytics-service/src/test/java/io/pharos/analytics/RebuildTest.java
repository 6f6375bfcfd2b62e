package io.pharos.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.awaitility.Awaitility;

import io.pharos.testing.KafkaEvents;
import io.pharos.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The platform operator's rebuild (tenant administrators are refused): every projection is made again from the topics in fresh tables and
 * swapped in while reads go on; each ticket's figures come out the same, the live consumers
 * go on applying afterwards, and the tables keep the index names the migrations know.
 */
@QuarkusTest
class RebuildTest {

    @Inject
    Pool pool;

    @BeforeAll
    static void consumerReady() {
        KafkaEvents.awaitAssigned(ConfigProvider.getConfig().getValue("mp.messaging.incoming.ticket-events.group.id", String.class),
                Duration.ofSeconds(30));
    }

    static Map<String, Object> ticket(UUID id, String status, Instant created, Instant updated) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("id", id.toString());
        t.put("number", 7);
        t.put("status", status);
        t.put("priority", "normal");
        t.put("channel", "chat");
        t.put("requesterId", UUID.randomUUID().toString());
        t.put("assigneeId", "agent-rebuild");
        t.put("team", "rebuild");
        t.put("createdAt", created.toString());
        t.put("updatedAt", updated.toString());
        t.put("reopenCount", 0);
        return t;
    }

    /** A solved ticket with a reply, as ticket-service's events tell it. */
    static void publishTicket(UUID id, Instant created) {
        String key = id.toString();
        Instant reply = created.plusSeconds(420);
        Instant solved = created.plusSeconds(7200);
        KafkaEvents.publish("pharos.ticket.events", key, "//pharos/ticket-service", "pharos.ticket.created", "acme",
                Map.of("ticket", ticket(id, "new", created, created)));
        KafkaEvents.publish("pharos.ticket.events", key, "//pharos/ticket-service", "pharos.ticket.message.added", "acme",
                Map.of("ticket", ticket(id, "open", created, reply), "message", Map.of("id", UUID.randomUUID().toString(), "authorKind", "agent",
                        "visibility", "public", "createdAt", reply.toString())));
        KafkaEvents.publish("pharos.ticket.events", key, "//pharos/ticket-service", "pharos.ticket.status.changed", "acme",
                Map.of("ticket", ticket(id, "solved", created, solved), "previousStatus", "open", "status", "solved", "changedAt", solved.toString()));
    }

    List<String> contributions(List<UUID> tickets) {
        List<String> out = new ArrayList<>();
        pool.preparedQuery("SELECT ticket_id, metric, bucket, until, channel, team, agent, value FROM contribution WHERE ticket_id = ANY($1)"
                + " ORDER BY ticket_id, metric, bucket, value").execute(Tuple.of(tickets.toArray(UUID[]::new))).await().atMost(Duration.ofSeconds(10))
                .forEach(r -> out.add(r.toJson().encode()));
        return out;
    }

    long count(String sql, Object... args) {
        return pool.preparedQuery(sql).execute(Tuple.from(args)).await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }

    void awaitApplied(List<UUID> tickets) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> count("SELECT count(*) FROM ticket_fact WHERE ticket_id = ANY($1) AND status = 'solved'",
                        (Object) tickets.toArray(UUID[]::new)) >= tickets.size());
    }

    @Test
    void aRebuildReplaysTheTopicsIntoFreshTablesAndSwapsThemInWhileReadsGoOn() throws Exception {
        List<UUID> tickets = new ArrayList<>();
        Instant day = Instant.parse("2026-02-02T08:00:00Z");
        for (int i = 0; i < 20; i++) {
            UUID id = UUID.randomUUID();
            tickets.add(id);
            publishTicket(id, day.plusSeconds(i * 900L));
        }
        awaitApplied(tickets);
        List<String> before = contributions(tickets);
        assertThat(before).as("the tickets are projected").hasSizeGreaterThanOrEqualTo(20 * 5);

        String admin = KeycloakTokens.platformOperator();
        // platform-wide: neither a supervisor nor a tenant administrator may start it or read its state
        given().auth().oauth2(KeycloakTokens.user("sofia")).post("/api/v1/admin/rebuild").then().statusCode(403);
        given().auth().oauth2(KeycloakTokens.user("alex")).post("/api/v1/admin/rebuild").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(KeycloakTokens.user("alex")).get("/api/v1/admin/rebuild").then().statusCode(403);
        given().auth().oauth2(admin).post("/api/v1/admin/rebuild").then().statusCode(202);
        given().auth().oauth2(admin).post("/api/v1/admin/rebuild").then().statusCode(409).contentType("application/problem+json");
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        String state = Awaitility.await().atMost(Duration.ofSeconds(600)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250)).until(() -> {
            // reads go on: the live tables serve until the swap
            given().auth().oauth2(KeycloakTokens.user("sofia")).queryParam("from", "2026-02-02T00:00:00Z").queryParam("to", "2026-02-03T00:00:00Z")
                    .get("/api/v1/kpis").then().statusCode(200);
            reads.incrementAndGet();
            return given().auth().oauth2(admin).get("/api/v1/admin/rebuild").then().statusCode(200).extract().<String> path("state");
        }, s -> List.of("done", "failed").contains(s));
        int readsDuring = reads.get();
        assertThat(state).isEqualTo("done");
        assertThat(readsDuring).isPositive();

        assertThat(contributions(tickets)).as("each ticket's figures, made again from the topics").isEqualTo(before);
        assertThat(DayRollups.mismatches(pool)).as("the day rows, made again with the hourly ones").isEmpty();
        assertThat(count("SELECT count(*) FROM rollup_day_bin WHERE team = 'rebuild'")).as("the rebuilt day rows").isPositive();
        assertThat(count("SELECT count(*) FROM information_schema.schemata WHERE schema_name LIKE 'analytics_re%'")).isZero();
        assertThat(count("SELECT count(*) FROM pg_indexes WHERE schemaname = 'public' AND indexname IN ('ticket_fact_tenant', 'ticket_fact_open',"
                + " 'contribution_ticket', 'message_fact_ticket')")).as("the index names migrations know").isEqualTo(4);

        // the live consumers go on, into the new tables
        UUID after = UUID.randomUUID();
        publishTicket(after, day.plusSeconds(86_400));
        awaitApplied(List.of(after));
        assertThat(contributions(List.of(after))).isNotEmpty();
    }
}
