package io.pharos.ticket.graphql;

import static io.pharos.ticket.graphql.TicketGraphQLTest.createTicket;
import static io.pharos.ticket.graphql.TicketGraphQLTest.graphql;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.pharos.testing.GraphQLWs;
import io.pharos.testing.KeycloakTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** The live inbox over graphql-ws: numbered, resumable, tenant-scoped, filtered. */
@QuarkusTest
class TicketChangeSubscriptionTest {

    static final String SUBSCRIPTION = """
            subscription($since: BigInteger, $filter: TicketFilter) {
              ticketChanged(since: $since, filter: $filter) { sequence event ticketId ticket { subject status tags } }
            }""";

    @Inject
    Vertx vertx;

    @TestHTTPResource("/graphql")
    URI endpoint;

    static long latest(String token) {
        Number latest = graphql(token, "{ latestTicketChange }", Map.of()).extract().path("data.latestTicketChange");
        return latest.longValue();
    }

    GraphQLWs subscribe(String token, Long since, Map<String, Object> filter) throws Exception {
        Map<String, Object> variables = new HashMap<>();
        variables.put("since", since);
        variables.put("filter", filter);
        return GraphQLWs.subscribe(vertx, endpoint, token, SUBSCRIPTION, variables);
    }

    /** Collects changes until one of {@code ticket} with {@code event} arrives (or fails after 20 s of silence). */
    static List<JsonObject> until(GraphQLWs ws, String ticket, String event) throws InterruptedException {
        List<JsonObject> changes = new ArrayList<>();
        while (true) {
            JsonObject frame = ws.next(20);
            assertThat(frame).as("a change of %s (%s) within 20 s; got so far %s", ticket, event, changes).isNotNull();
            assertThat(frame.getString("type")).as(frame.encode()).isEqualTo("next");
            JsonObject change = frame.getJsonObject("payload").getJsonObject("data").getJsonObject("ticketChanged");
            changes.add(change);
            if (change.getString("ticketId").equals(ticket) && change.getString("event").equals(event)) {
                return changes;
            }
        }
    }

    static void assertGapFree(List<JsonObject> changes, long after) {
        for (int i = 0; i < changes.size(); i++) {
            assertThat(changes.get(i).getLong("sequence")).as("change %d of %s", i, changes).isEqualTo(after + 1 + i);
        }
    }

    @Test
    void anAgentSeesChangesLiveInOrderAndGapFree() throws Exception {
        String anna = KeycloakTokens.user("anna");
        long since = latest(anna);
        try (GraphQLWs ws = subscribe(anna, since, null)) {
            String id = createTicket(anna, "Live one", "live-" + UUID.randomUUID() + "@example.test");
            graphql(anna, "mutation($id: ID!) { reply(ticketId: $id, text: \"Looking into it\") { status } }", Map.of("id", id));
            // the agent's first reply opens the ticket
            List<JsonObject> changes = until(ws, id, "pharos.ticket.status.changed");
            assertGapFree(changes, since);
            List<String> ours = changes.stream().filter(c -> c.getString("ticketId").equals(id)).map(c -> c.getString("event")).toList();
            assertThat(ours).startsWith("pharos.ticket.created").contains("pharos.ticket.message.added");
            assertThat(changes.get(changes.size() - 1).getJsonObject("ticket").getString("status")).isEqualTo("OPEN");
        }
    }

    @Test
    void aReconnectingClientGetsWhatItMissedWithoutGaps() throws Exception {
        String anna = KeycloakTokens.user("anna");
        String id;
        long lastSeen;
        try (GraphQLWs ws = subscribe(anna, latest(anna), null)) {
            id = createTicket(anna, "Reconnect", "re-" + UUID.randomUUID() + "@example.test");
            List<JsonObject> seen = until(ws, id, "pharos.ticket.created");
            lastSeen = seen.get(seen.size() - 1).getLong("sequence");
        }
        // offline: the ticket is worked on by someone else
        graphql(anna, "mutation($id: ID!) { tag(ticketId: $id, tags: [\"missed\"]) { tags } }", Map.of("id", id));
        graphql(anna, "mutation($id: ID!) { changeStatus(ticketId: $id, status: SOLVED) { status } }", Map.of("id", id));
        try (GraphQLWs ws = subscribe(anna, lastSeen, null)) {
            List<JsonObject> missed = until(ws, id, "pharos.ticket.solved");
            assertGapFree(missed, lastSeen);
            assertThat(missed.stream().filter(c -> c.getString("ticketId").equals(id)).map(c -> c.getString("event")))
                    .contains("pharos.ticket.updated", "pharos.ticket.solved");
        }
    }

    @Test
    void concurrentWritersNeverLeaveAHoleInTheNumbers() throws Exception {
        String integrator = KeycloakTokens.integrator("acme");
        String anna = KeycloakTokens.user("anna");
        long since = latest(anna);
        Set<String> created = ConcurrentHashMap.newKeySet();
        var pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Void>> writers = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                int n = i;
                writers.add(CompletableFuture.runAsync(() -> created.add(given().auth().oauth2(integrator)
                        .contentType(ContentType.JSON)
                        .body(Map.of("subject", "Burst " + n, "channel", "chat", "requester",
                                Map.of("name", "B" + n, "email", "burst-" + UUID.randomUUID() + "@example.test"),
                                "message", Map.of("text", "hi")))
                        .post("/api/v1/tickets").then().statusCode(201).extract().path("id")), pool));
            }
            CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).join();
        } finally {
            pool.shutdown();
        }
        // replay from before the burst: every created ticket is there, numbered without holes
        try (GraphQLWs ws = subscribe(anna, since, null)) {
            List<JsonObject> changes = new ArrayList<>();
            Set<String> seen = new java.util.HashSet<>();
            while (!seen.containsAll(created)) {
                JsonObject frame = ws.next(20);
                assertThat(frame).as("replay of the burst; missing %s", created.stream().filter(c -> !seen.contains(c)).toList())
                        .isNotNull();
                JsonObject change = frame.getJsonObject("payload").getJsonObject("data").getJsonObject("ticketChanged");
                changes.add(change);
                seen.add(change.getString("ticketId"));
            }
            assertGapFree(changes, since);
        }
    }

    @Test
    void anotherTenantNeverSeesTheChanges() throws Exception {
        String anna = KeycloakTokens.user("anna");
        String gina = KeycloakTokens.user("gina");
        try (GraphQLWs ws = subscribe(gina, latest(gina), null); GraphQLWs replay = subscribe(gina, 0L, null)) {
            String acme = createTicket(anna, "Acme only", "iso-" + UUID.randomUUID() + "@example.test");
            String globex = createTicket(gina, "Globex own", "iso-" + UUID.randomUUID() + "@example.test");
            List<JsonObject> live = until(ws, globex, "pharos.ticket.created");
            assertThat(live).extracting(c -> c.getString("ticketId")).doesNotContain(acme);
            List<JsonObject> replayed = until(replay, globex, "pharos.ticket.created");
            assertThat(replayed).extracting(c -> c.getString("ticketId")).doesNotContain(acme);
            assertGapFree(replayed, 0);
        }
    }

    @Test
    void aFilteredSubscriptionOnlyCarriesMatchingTickets() throws Exception {
        String anna = KeycloakTokens.user("anna");
        String tag = "watch-" + UUID.randomUUID().toString().substring(0, 8);
        try (GraphQLWs ws = subscribe(anna, latest(anna), Map.of("tag", tag))) {
            String other = createTicket(anna, "Not watched", "f-" + UUID.randomUUID() + "@example.test");
            String watched = createTicket(anna, "Watched", "f-" + UUID.randomUUID() + "@example.test", tag);
            List<JsonObject> changes = until(ws, watched, "pharos.ticket.created");
            assertThat(changes).extracting(c -> c.getString("ticketId")).containsOnly(watched).doesNotContain(other);
            assertThat(changes.get(0).getJsonObject("ticket").getJsonArray("tags").getList()).containsExactly(tag);
        }
    }

    @Test
    void anIntegratorCannotSubscribe() throws Exception {
        String integrator = KeycloakTokens.integrator("acme");
        try (GraphQLWs ws = subscribe(integrator, null, null)) {
            JsonObject frame = ws.next(10);
            assertThat(frame).isNotNull();
            assertThat(frame.encode()).contains("error").doesNotContain("\"sequence\"");
        }
    }
}
