package io.pharos.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.awaitility.Awaitility;

import io.pharos.testing.GraphQLWs;
import io.pharos.testing.KafkaEvents;
import io.pharos.testing.KeycloakTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * The live counters over graphql-ws: each event that changes a counter reaches a subscriber
 * within one second of being published, and only the subscriber's own tenant's.
 */
@QuarkusTest
class LiveCountersTest {

    static final String SUBSCRIPTION = "subscription { liveCountersChanged { open waitingForFirstReply breachingNow agentsOnline asOf } }";
    static final String TOPIC = "pharos.ticket.events";
    static final Duration WITHIN = Duration.ofSeconds(1);

    @Inject
    Vertx vertx;

    @Inject
    io.pharos.analytics.service.PlatformGauges gauges;

    @TestHTTPResource("/graphql")
    URI endpoint;

    @BeforeAll
    static void consumerReady() {
        KafkaEvents.awaitAssigned(ConfigProvider.getConfig().getValue("mp.messaging.incoming.ticket-events.group.id", String.class),
                Duration.ofSeconds(30));
    }

    record Counts(long open, long waiting, long breaching, long online) {
        static Counts of(JsonObject frame) {
            assertThat(frame).as("a frame").isNotNull();
            assertThat(frame.getString("type")).as(frame.encode()).isEqualTo("next");
            JsonObject c = frame.getJsonObject("payload").getJsonObject("data").getJsonObject("liveCountersChanged");
            return new Counts(c.getLong("open"), c.getLong("waitingForFirstReply"), c.getLong("breachingNow"), c.getLong("agentsOnline"));
        }
    }

    static Map<String, Object> ticket(UUID id, String tenant, String status, Instant created, Instant updated) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("id", id.toString());
        t.put("number", 1);
        t.put("status", status);
        t.put("priority", "normal");
        t.put("channel", "email");
        t.put("requesterId", UUID.randomUUID().toString());
        t.put("assigneeId", null);
        t.put("team", "billing");
        t.put("createdAt", created.toString());
        t.put("updatedAt", updated.toString());
        t.put("reopenCount", 0);
        return t;
    }

    /** Publishes, then answers the first counts that satisfy {@code expected}, failing when they take longer than a second. */
    static Counts publishAndAwait(GraphQLWs ws, String tenant, String key, String type, Object data, Predicate<Counts> expected,
            List<Long> latencies) throws Exception {
        return publishAndAwait(ws, tenant, key, type, data, expected, latencies, WITHIN);
    }

    static Counts publishAndAwait(GraphQLWs ws, String tenant, String key, String type, Object data, Predicate<Counts> expected,
            List<Long> latencies, Duration within) throws Exception {
        long sent = System.nanoTime(); // from before the publish: the broker's round trip counts against the second
        KafkaEvents.publish(TOPIC, key, "//pharos/ticket-service", type, tenant, data);
        while (true) {
            long left = within.toNanos() - (System.nanoTime() - sent);
            JsonObject frame = left <= 0 ? null : ws.frames.poll(left, java.util.concurrent.TimeUnit.NANOSECONDS);
            assertThat(frame).as("the counters change within %s of %s", within, type).isNotNull();
            if ("ping".equals(frame.getString("type"))) {
                continue; // graphql-ws keep-alive
            }
            Counts c = Counts.of(frame);
            if (expected.test(c)) {
                latencies.add((System.nanoTime() - sent) / 1_000_000);
                return c;
            }
        }
    }

    @Test
    void eachCounterChangesWithinASecondOfTheEventThatChangesItAndOnlyForItsTenant() throws Exception {
        List<Long> latencies = new java.util.ArrayList<>();
        try (GraphQLWs ws = GraphQLWs.subscribe(vertx, endpoint, KeycloakTokens.user("sofia"), SUBSCRIPTION, Map.of())) {
            Counts before = Counts.of(ws.next(10));
            // warm-up, not timed: the consumer group settles (both consumers join, positions are taken at the end of the topics) and
            // the first projection loads classes and opens connections; repeated until one lands
            Counts start = null;
            for (int attempt = 0; attempt < 15 && start == null; attempt++) {
                String warmup = "agent-" + UUID.randomUUID();
                try {
                    start = publishAndAwait(ws, "acme", warmup, "pharos.agent.availability.changed", Map.of("agent", Map.of("id", warmup,
                            "availability", "online", "active", true, "changedAt", Instant.now().toString())), n -> n.online() > before.online(),
                            new java.util.ArrayList<>(), Duration.ofSeconds(2));
                } catch (AssertionError notYet) {
                    // published before the consumer's position was taken: try again
                }
            }
            assertThat(start).as("the projections follow the topic").isNotNull();
            Counts base = start;
            UUID id = UUID.randomUUID();
            String key = id.toString();
            Instant created = Instant.now().minusSeconds(600);

            Counts c = publishAndAwait(ws, "acme", key, "pharos.ticket.created", Map.of("ticket", ticket(id, "acme", "new", created, created)),
                    n -> n.open() == base.open() + 1, latencies);
            assertThat(c.waiting()).as("nobody answered yet").isEqualTo(base.waiting() + 1);

            Instant replied = created.plusSeconds(60);
            c = publishAndAwait(ws, "acme", key, "pharos.ticket.message.added", Map.of("ticket", ticket(id, "acme", "open", created, replied),
                    "message", Map.of("id", UUID.randomUUID().toString(), "authorKind", "agent", "visibility", "public", "createdAt",
                            replied.toString())), n -> n.waiting() == base.waiting(), latencies);
            assertThat(c.open()).isEqualTo(base.open() + 1);

            Instant due = created.plusSeconds(300);
            Map<String, Object> clock = new LinkedHashMap<>();
            clock.put("target", "resolution");
            clock.put("state", "breached");
            clock.put("dueAt", due.toString());
            clock.put("fulfilledAt", null);
            clock.put("everBreached", true);
            clock.put("updatedAt", due.toString());
            c = publishAndAwait(ws, "acme", key, "pharos.ticket.sla.breached", Map.of("ticket", ticket(id, "acme", "open", created, replied),
                    "sla", Map.of("target", "resolution"), "slaClocks", List.of(clock)), n -> n.breaching() == base.breaching() + 1, latencies);

            String agent = "agent-" + UUID.randomUUID();
            Map<String, Object> online = Map.of("id", agent, "team", "billing", "availability", "online", "active", true, "changedAt",
                    Instant.now().toString());
            c = publishAndAwait(ws, "acme", agent, "pharos.agent.availability.changed", Map.of("agent", online),
                    n -> n.online() == base.online() + 1, latencies);

            // another tenant's ticket changes nothing the acme supervisor sees
            UUID other = UUID.randomUUID();
            KafkaEvents.publish(TOPIC, other.toString(), "//pharos/ticket-service", "pharos.ticket.created", "globex",
                    Map.of("ticket", ticket(other, "globex", "new", created, created)));
            assertThat(ws.next(2)).as("nothing for globex's ticket").isNull();

            Instant solved = Instant.now();
            Map<String, Object> met = new LinkedHashMap<>(clock);
            met.put("fulfilledAt", solved.toString());
            met.put("updatedAt", solved.toString());
            publishAndAwait(ws, "acme", key, "pharos.ticket.status.changed", Map.of("ticket", ticket(id, "acme", "solved", created, solved),
                    "previousStatus", "open", "status", "solved", "changedAt", solved.toString(), "slaClocks", List.of(met)),
                    n -> n.open() == base.open() && n.breaching() == base.breaching(), latencies);
            Map<String, Object> offline = new LinkedHashMap<>(online);
            offline.put("availability", "offline");
            offline.put("changedAt", Instant.now().toString());
            publishAndAwait(ws, "acme", agent, "pharos.agent.availability.changed", Map.of("agent", offline),
                    n -> n.online() == base.online(), latencies);
        }
        System.out.println("live counter latencies (ms, publish to subscriber): " + latencies);
    }

    /** The value of one Prometheus sample whose labels include all of {@code labels}. */
    static double sample(String metrics, String name, String... labels) {
        return metrics.lines().filter(l -> (l.startsWith(name + "{") || l.startsWith(name + " ")) && java.util.Arrays.stream(labels).allMatch(l::contains))
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst()
                .orElseThrow(() -> new AssertionError("no sample " + name + " " + List.of(labels)));
    }

    static long openOf(String token) {
        return new JsonObject(io.restassured.RestAssured.given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("query", "{ liveCounters { open } }")).post("/graphql").then().statusCode(200).extract().asString())
                .getJsonObject("data").getJsonObject("liveCounters").getLong("open");
    }

    /**
     * /q/metrics answers without a token (Prometheus scrapes it), so it carries platform totals
     * only: no series has a tenant label, no tenant's KPI is there, and the totals follow the events.
     */
    @Test
    void prometheusGetsPlatformTotalsAndNothingOfAnyTenant() throws Exception {
        String sofia = KeycloakTokens.user("sofia");
        gauges.refresh().await().atMost(Duration.ofSeconds(30));
        String metrics = io.restassured.RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        double openBefore = sample(metrics, "pharos_live", "counter=\"open\"");
        long acmeBefore = openOf(sofia);
        assertThat(openBefore).as("every tenant's open tickets").isGreaterThanOrEqualTo(acmeBefore + openOf(KeycloakTokens.user("gina")));
        // a new open ticket of acme's
        UUID id = UUID.randomUUID();
        Instant created = Instant.now().minusSeconds(60);
        KafkaEvents.publish(TOPIC, id.toString(), "//pharos/ticket-service", "pharos.ticket.created", "acme",
                Map.of("ticket", ticket(id, "acme", "new", created, created)));
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> openOf(sofia) > acmeBefore);
        gauges.refresh().await().atMost(Duration.ofSeconds(30));
        metrics = io.restassured.RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(sample(metrics, "pharos_live", "counter=\"open\"")).as("the total follows").isGreaterThan(openBefore);
        assertThat(sample(metrics, "pharos_tenants")).isGreaterThanOrEqualTo(1.0);
        assertThat(metrics).contains("http_server_requests_seconds", "jvm_memory_used_bytes");
        // nothing names or measures a tenant on the unauthenticated path
        assertThat(metrics.lines().filter(l -> !l.startsWith("#"))).noneMatch(l -> l.contains("tenant=\""))
                .noneMatch(l -> l.contains("acme") || l.contains("globex")).noneMatch(l -> l.startsWith("pharos_kpi"));
    }
}
