package io.pharos.ticket.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.pharos.testing.KafkaEvents;
import io.pharos.testing.KeycloakTokens;
import io.pharos.ticket.service.routing.AgentDirectory;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * The agent directory read from the real Keycloak (users added and removed there), and routing:
 * rules pick the team, the online agent who speaks the language with the lowest load gets the
 * ticket, and without one it waits until an agent comes online.
 */
@QuarkusTest
class DirectoryAndRoutingTest {

    @Inject
    AgentDirectory directory;

    static ValidatableResponse graphql(String token, String query, Map<String, Object> variables) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("query", query, "variables", variables))
                .post("/graphql").then().statusCode(200);
    }

    void sync() throws Throwable {
        VertxContextSupport.subscribeAndAwait(directory::sync);
    }

    static List<Map<String, Object>> agents(String team) {
        return graphql(KeycloakTokens.user("sofia"), "query($team: String) { agents(team: $team) { id username languages skills team "
                + "capacity availability openTickets } }", Map.of("team", team)).body("errors", nullValue())
                .extract().jsonPath().getList("data.agents");
    }

    static void availability(String agentId, String availability) {
        graphql(KeycloakTokens.user("sofia"), "mutation($a: AgentAvailability!, $id: ID) { setAvailability(availability: $a, agentId: $id) "
                + "{ availability } }", Map.of("a", availability, "id", agentId))
                .body("errors", nullValue()).body("data.setAvailability.availability", equalTo(availability));
    }

    static String whatsappTicket(String tag, String text) {
        return given().auth().oauth2(KeycloakTokens.integrator("acme")).contentType(ContentType.JSON)
                .body(Map.of("subject", "Παραγγελία", "channel", "whatsapp", "priority", "normal", "tags", List.of(tag),
                        "requester", Map.of("name", "Μαρία", "email", "m-" + UUID.randomUUID() + "@example.test"),
                        "message", Map.of("text", text)))
                .post("/api/v1/tickets").then().statusCode(201).extract().path("id");
    }

    static JsonPath ticket(String id) {
        return given().auth().oauth2(KeycloakTokens.user("sofia")).get("/api/v1/tickets/" + id).then().statusCode(200).extract().jsonPath();
    }

    static List<Map<String, Object>> history(String id) {
        return given().auth().oauth2(KeycloakTokens.user("sofia")).get("/api/v1/tickets/" + id + "/history").then().statusCode(200)
                .extract().jsonPath().getList("");
    }

    @Test
    void theDirectoryReflectsUsersAddedAndRemovedInKeycloak() throws Throwable {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String team = "dir-" + run;
        try (KeycloakUsers keycloak = new KeycloakUsers()) {
            String id = keycloak.agent("dir-agent-" + run, List.of("el", "en"), List.of("billing"), team, 3);
            sync();
            assertThat(agents(team)).singleElement().satisfies(a -> {
                assertThat(a.get("id")).isEqualTo(id);
                assertThat(a.get("languages")).isEqualTo(List.of("el", "en"));
                assertThat(a.get("skills")).isEqualTo(List.of("billing"));
                assertThat(a.get("capacity")).isEqualTo(3);
                assertThat(a.get("availability")).isEqualTo("OFFLINE");
            });
            // another tenant's supervisor-less agent sees no acme agents of that team
            graphql(KeycloakTokens.user("gina"), "query($team: String) { agents(team: $team) { id } }", Map.of("team", team))
                    .body("data.agents", equalTo(List.of()));
            keycloak.remove(id);
            sync();
            assertThat(agents(team)).isEmpty();
        }
    }

    @Test
    void aNewAgentsTokenWorksBeforeTheNextSync() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (KeycloakUsers keycloak = new KeycloakUsers()) {
            String id = keycloak.agent("new-agent-" + run, List.of("el"), List.of("delivery"), "lazy-" + run, 4);
            String token = KeycloakUsers.token("new-agent-" + run);
            graphql(token, "{ me { username agent { id username languages skills team availability } } }", Map.of()).body("errors", nullValue())
                    .body("data.me.agent.id", equalTo(id)).body("data.me.agent.languages", equalTo(List.of("el")))
                    .body("data.me.agent.team", equalTo("lazy-" + run));
            try (KafkaEvents kafka = new KafkaEvents("pharos.ticket.events")) {
                graphql(token, "mutation { setAvailability(availability: ONLINE) { availability } }", Map.of())
                        .body("errors", nullValue()).body("data.setAvailability.availability", equalTo("ONLINE"));
                // others (analytics' "agents online") learn it from an event
                KafkaEvents.Event online = kafka.await(e -> id.equals(e.key()), 1, java.time.Duration.ofSeconds(10)).get(0);
                assertThat(online.type()).isEqualTo("pharos.agent.availability.changed");
                assertThat(online.cloudEvent().path("data").path("agent").path("availability").asText()).isEqualTo("online");
                assertThat(online.cloudEvent().path("tenant").asText()).isEqualTo("acme");
                io.pharos.testing.EventContracts.assertValid(online);
            }
            // an agent cannot set a colleague's availability
            graphql(token, "mutation($id: ID) { setAvailability(availability: OFFLINE, agentId: $id) { availability } }",
                    Map.of("id", "someone-else")).body("errors[0].extensions.code", equalTo("forbidden"));
        }
    }

    @Test
    void aGreekWhatsappTicketGoesToTheGreekSpeakingOnlineAgentWithTheLowerLoadOrWaitsForOne() throws Throwable {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String team = "greek-" + run;
        String tag = "route-" + run;
        try (KeycloakUsers keycloak = new KeycloakUsers()) {
            String busy = keycloak.agent("busy-" + run, List.of("el", "en"), List.of(), team, 5);
            String free = keycloak.agent("free-" + run, List.of("el"), List.of(), team, 5);
            String english = keycloak.agent("english-" + run, List.of("en"), List.of(), team, 5);
            sync();
            given().auth().oauth2(KeycloakTokens.user("alex")).contentType(ContentType.JSON)
                    .body(Map.of("name", "Greek WhatsApp " + run, "position", 0, "channels", List.of("WHATSAPP"),
                            "languages", List.of("el"), "tags", List.of(tag), "team", team))
                    .post("/api/v1/routing/rules").then().statusCode(201);
            for (String agent : List.of(busy, free, english)) {
                availability(agent, "ONLINE");
            }
            // the busy agent already holds a ticket (assigned by hand)
            String held = whatsappTicket("other-" + run, "Hello, a question");
            String etag = given().auth().oauth2(KeycloakTokens.user("sofia")).get("/api/v1/tickets/" + held).then().extract().header("ETag");
            given().auth().oauth2(KeycloakTokens.user("sofia")).contentType(ContentType.JSON).header("If-Match", etag)
                    .body(Map.of("assigneeId", busy)).patch("/api/v1/tickets/" + held).then().statusCode(200);

            String greek = whatsappTicket(tag, "Καλησπέρα, η παραγγελία μου δεν έφτασε ακόμα");
            JsonPath routed = ticket(greek);
            assertThat(routed.getString("assigneeId")).isEqualTo(free);
            assertThat(routed.getString("team")).isEqualTo(team);
            assertThat(routed.getString("language")).isEqualTo("el");
            assertThat(history(greek)).anySatisfy(h -> {
                assertThat(h.get("action")).isEqualTo("ticket.routed");
                assertThat(String.valueOf(((Map<?, ?>) h.get("detail")).get("reason"))).contains("Greek WhatsApp " + run)
                        .contains("free-" + run).contains("speaks el");
            });
            assertThat(agents(team)).filteredOn(a -> a.get("id").equals(free)).singleElement()
                    .satisfies(a -> assertThat(a.get("openTickets")).isEqualTo(1));

            // nobody online: it waits in the team's queue …
            for (String agent : List.of(busy, free, english)) {
                availability(agent, "OFFLINE");
            }
            String waiting = whatsappTicket(tag, "Γεια σας, χρεωθήκατε δύο φορές");
            assertThat(ticket(waiting).getString("assigneeId")).isNull();
            assertThat(ticket(waiting).getString("team")).isEqualTo(team);
            assertThat(history(waiting)).extracting(h -> h.get("action")).contains("ticket.queued");
            // … the English speaker coming online does not take it; the Greek speaker does
            availability(english, "ONLINE");
            assertThat(ticket(waiting).getString("assigneeId")).isNull();
            availability(busy, "ONLINE");
            assertThat(ticket(waiting).getString("assigneeId")).isEqualTo(busy);
        }
    }
    @Test
    void historyImportedWithAReopenGoesToNobodyOnlineNow() throws Throwable {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String team = "hist-" + run;
        try (KeycloakUsers keycloak = new KeycloakUsers()) {
            String agent = keycloak.agent("hist-agent-" + run, List.of("en"), List.of(), team, 5);
            sync();
            availability(agent, "ONLINE");
            // a year-old conversation of that team: solved, reopened by the customer, solved again
            String line = String.format("""
                    {"externalId": "hist-%1$s", "subject": "Old order", "channel": "email", "team": "%2$s",
                     "createdAt": "2025-02-03T09:00:00Z", "requester": {"email": "hist-%1$s@example.test"},
                     "messages": [{"author": "customer", "text": "Where is my order?", "createdAt": "2025-02-03T09:00:00Z"},
                                  {"author": "agent", "text": "On its way", "createdAt": "2025-02-03T09:10:00Z"},
                                  {"author": "customer", "text": "Still nothing", "createdAt": "2025-02-05T09:00:00Z"},
                                  {"author": "agent", "text": "Resent it", "createdAt": "2025-02-05T09:30:00Z"}],
                     "statusChanges": [{"status": "solved", "at": "2025-02-03T09:20:00Z"},
                                       {"status": "solved", "at": "2025-02-05T10:00:00Z"}]}""", run, team).replace("\n", " ");
            String id = given().auth().oauth2(KeycloakTokens.integrator("acme")).contentType("application/x-ndjson")
                    .body((line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .post("/api/v1/tickets/import").then().statusCode(200).extract().jsonPath().getString("id");
            JsonPath imported = ticket(id);
            assertThat(imported.getString("status")).isEqualTo("solved");
            assertThat(imported.getInt("reopenCount")).isEqualTo(1);
            // the reopen happened in 2025: nobody online today is handed the ticket, nor is it queued
            assertThat(imported.getString("assigneeId")).isNull();
            assertThat(history(id)).extracting(h -> h.get("action")).doesNotContain("ticket.routed", "ticket.queued", "ticket.assigned");
            assertThat(agents(team)).singleElement().satisfies(a -> assertThat(a.get("openTickets")).isEqualTo(0));
        }
    }
}
