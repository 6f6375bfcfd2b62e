package io.pharos.ticket.sla;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pharos.testing.KafkaEvents;
import io.pharos.testing.KeycloakTokens;
import io.pharos.ticket.service.sla.SlaMonitor;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * SLA clocks against real PostgreSQL and Kafka, on a clock the test sets: business-hour due
 * times across a weekend, the resolution clock pausing while PENDING, next-reply cycles, and
 * warnings and breaches fired exactly once even when two monitor passes race.
 */
@QuarkusTest
class SlaClockTest {

    static final String ALEX = KeycloakTokens.user("alex");

    @Inject
    SlaMonitor monitor;

    SettableTime time;
    String tag;

    @BeforeEach
    void setUp() {
        time = new SettableTime("2026-03-06T16:30");
        QuarkusMock.installMockForType(time, io.pharos.ticket.service.TimeSource.class);
        tag = "sla-" + UUID.randomUUID();
    }

    /** Athens office hours, Monday to Friday 09:00–17:00, as its own calendar (the default may be edited by others). */
    static String officeHours() {
        List<Map<String, String>> days = List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY").stream()
                .map(d -> Map.of("day", d, "start", "09:00", "end", "17:00")).toList();
        return given().auth().oauth2(ALEX).contentType(ContentType.JSON)
                .body(Map.of("name", "Office " + UUID.randomUUID(), "timeZone", "Europe/Athens", "intervals", days))
                .post("/api/v1/calendars").then().statusCode(201).extract().path("id");
    }

    /** A policy tried before all others, for this test's tag only. */
    String policy(Map<String, Object> targets) {
        Map<String, Object> body = new java.util.HashMap<>(targets);
        body.putAll(Map.of("name", "Test " + tag, "position", 0, "tags", List.of(tag), "calendarId", officeHours()));
        return given().auth().oauth2(ALEX).contentType(ContentType.JSON).body(body).post("/api/v1/sla/policies").then()
                .statusCode(201).extract().path("id");
    }

    String ticket() {
        return given().auth().oauth2(KeycloakTokens.integrator("acme")).contentType(ContentType.JSON)
                .body(Map.of("subject", "Broken on arrival", "channel", "email", "priority", "normal", "tags", List.of(tag),
                        "requester", Map.of("name", "Eleni P.", "email", "c-" + UUID.randomUUID() + "@example.test"),
                        "message", Map.of("text", "It arrived broken.")))
                .post("/api/v1/tickets").then().statusCode(201).extract().path("id");
    }

    static JsonPath sla(String ticket) {
        return given().auth().oauth2(KeycloakTokens.user("anna")).get("/api/v1/tickets/" + ticket).then().statusCode(200)
                .extract().jsonPath().setRootPath("slaStatus");
    }

    static void status(String ticket, String status) {
        String etag = given().auth().oauth2(KeycloakTokens.user("anna")).get("/api/v1/tickets/" + ticket).then().extract().header("ETag");
        given().auth().oauth2(KeycloakTokens.user("anna")).contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("status", status)).patch("/api/v1/tickets/" + ticket).then().statusCode(200);
    }

    static void reply(String ticket, String token, String text) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("text", text))
                .post("/api/v1/tickets/" + ticket + "/messages").then().statusCode(201);
    }

    static Instant instant(JsonPath json, String path) {
        return Instant.parse(json.getString(path));
    }

    @Test
    void aTicketOnFridayAfternoonWithATwoBusinessHourTargetIsDueMondayMorning() {
        policy(Map.of("firstResponse", Map.of("minutes", 120), "resolution", Map.of("minutes", 8 * 60)));
        String ticket = ticket();
        JsonPath sla = sla(ticket);
        assertThat(instant(sla, "firstResponse.dueAt")).isEqualTo(SettableTime.athens("2026-03-09T10:30"));
        assertThat(sla.getString("firstResponse.state")).isEqualTo("active");
        assertThat(sla.getLong("firstResponse.remainingBusinessSeconds")).isEqualTo(7200);
        assertThat(sla.getString("firstResponse.policy")).isEqualTo("Test " + tag);
        assertThat(instant(sla, "resolution.dueAt")).isEqualTo(SettableTime.athens("2026-03-09T16:30"));
        assertThat(sla.getString("nextReply")).isNull();

        // through GraphQL, for a page of tickets at once
        String second = ticket();
        given().auth().oauth2(KeycloakTokens.user("anna")).contentType(ContentType.JSON)
                .body(Map.of("query", "query($tag: String) { tickets(filter: {tag: $tag}) { edges { node { id slaStatus { "
                        + "firstResponse { policy dueAt remainingBusinessSeconds state } nextReply { state } resolution { state } } } } } }",
                        "variables", Map.of("tag", tag)))
                .post("/graphql").then().statusCode(200).body("errors", org.hamcrest.Matchers.nullValue())
                .body("data.tickets.edges.node.id", org.hamcrest.Matchers.containsInAnyOrder(ticket, second))
                .body("data.tickets.edges.node.slaStatus.firstResponse.state", equalTo(List.of("ACTIVE", "ACTIVE")))
                .body("data.tickets.edges.node.slaStatus.firstResponse.remainingBusinessSeconds", equalTo(List.of(7200, 7200)))
                .body("data.tickets.edges.node.slaStatus.nextReply", equalTo(java.util.Arrays.asList(null, null)));

        // Monday 10:00: a reply in time meets it
        time.set("2026-03-09T10:00");
        reply(ticket, KeycloakTokens.user("anna"), "Sorry to hear that, a replacement is on its way.");
        assertThat(sla(ticket).getString("firstResponse.state")).isEqualTo("met");
    }

    @Test
    void aPendingPeriodDoesNotCountAndReopeningResumesWithTheTimeUsed() {
        policy(Map.of("resolution", Map.of("minutes", 4 * 60)));
        time.set("2026-03-09T09:00"); // Monday
        String ticket = ticket();
        assertThat(instant(sla(ticket), "resolution.dueAt")).isEqualTo(SettableTime.athens("2026-03-09T13:00"));
        time.set("2026-03-09T10:00");
        status(ticket, "pending"); // waiting for the customer: 1 h used
        JsonPath paused = sla(ticket);
        assertThat(paused.getString("resolution.state")).isEqualTo("paused");
        assertThat(paused.getLong("resolution.remainingBusinessSeconds")).isEqualTo(3 * 3600);
        time.set("2026-03-09T14:00");
        status(ticket, "open"); // 3 h left from 14:00: 17:00
        assertThat(instant(sla(ticket), "resolution.dueAt")).isEqualTo(SettableTime.athens("2026-03-09T17:00"));
        time.set("2026-03-09T16:30");
        status(ticket, "solved");
        assertThat(sla(ticket).getString("resolution.state")).isEqualTo("met");
        // reopened Tuesday 09:00 with 30 min left: due 09:30; solved at 10:00 it is breached
        time.set("2026-03-10T09:00");
        status(ticket, "open");
        assertThat(instant(sla(ticket), "resolution.dueAt")).isEqualTo(SettableTime.athens("2026-03-10T09:30"));
        time.set("2026-03-10T10:00");
        status(ticket, "solved");
        assertThat(sla(ticket).getString("resolution.state")).isEqualTo("breached");
    }

    @Test
    void everyUnansweredCustomerMessageStartsANextReplyClock() {
        policy(Map.of("firstResponse", Map.of("minutes", 60), "nextReply", Map.of("minutes", 30)));
        time.set("2026-03-09T09:00");
        String ticket = ticket();
        time.set("2026-03-09T09:20");
        reply(ticket, KeycloakTokens.user("anna"), "Could you send a photo?");
        time.set("2026-03-09T11:00");
        given().auth().oauth2(KeycloakTokens.integrator("acme")).contentType(ContentType.JSON)
                .body(Map.of("text", "Here it is.", "author", "customer")).post("/api/v1/tickets/" + ticket + "/messages")
                .then().statusCode(201);
        time.set("2026-03-09T11:10");
        given().auth().oauth2(KeycloakTokens.integrator("acme")).contentType(ContentType.JSON)
                .body(Map.of("text", "And another.", "author", "customer")).post("/api/v1/tickets/" + ticket + "/messages")
                .then().statusCode(201);
        JsonPath sla = sla(ticket);
        assertThat(sla.getString("firstResponse.state")).isEqualTo("met");
        // from the first unanswered message (11:00), not the second
        assertThat(instant(sla, "nextReply.dueAt")).isEqualTo(SettableTime.athens("2026-03-09T11:30"));
        time.set("2026-03-09T11:25");
        reply(ticket, KeycloakTokens.user("anna"), "Thanks, replacing it.");
        assertThat(sla(ticket).getString("nextReply.state")).isEqualTo("met");
    }

    @Test
    void warningAndBreachFireOnceEachEvenWhenTwoMonitorPassesRace() throws Exception {
        policy(Map.of("firstResponse", Map.of("minutes", 60), "warnAtPercent", 50,
                "escalation", Map.of("raisePriority", true, "notifySupervisors", true)));
        time.set("2026-03-09T09:00");
        try (KafkaEvents kafka = new KafkaEvents("pharos.ticket.events")) {
            String ticket = ticket();
            // the created event carries the clocks its own transaction started (analytics counts compliance from them)
            KafkaEvents.Event created = kafka.await(e -> ticket.equals(e.key()) && "pharos.ticket.created".equals(e.type()), 1,
                    Duration.ofSeconds(10)).get(0);
            List<String> started = new java.util.ArrayList<>();
            created.cloudEvent().path("data").path("slaClocks").forEach(c -> started.add(c.path("target").asText()));
            assertThat(started).contains("first_response");
            time.set("2026-03-09T09:29");
            assertThat(bothPasses()).isZero();
            time.set("2026-03-09T09:31");
            bothPasses();
            time.set("2026-03-09T10:01");
            bothPasses();
            bothPasses();
            List<KafkaEvents.Event> events = kafka.during(Duration.ofSeconds(3), e -> ticket.equals(e.key()) && e.type().startsWith("pharos.ticket.sla."));
            assertThat(events).extracting(KafkaEvents.Event::type).containsExactly("pharos.ticket.sla.warning", "pharos.ticket.sla.breached");
            KafkaEvents.Event breach = events.get(1);
            assertThat(breach.cloudEvent().path("data").path("sla").path("target").asText()).isEqualTo("first_response");
            assertThat(Instant.parse(breach.cloudEvent().path("data").path("sla").path("dueAt").asText()))
                    .isEqualTo(SettableTime.athens("2026-03-09T10:00"));
            assertThat(breach.cloudEvent().path("data").path("escalation").path("notifySupervisors").asBoolean()).isTrue();
            // the clock travels with the event, for analytics' SLA compliance
            com.fasterxml.jackson.databind.JsonNode clock = breach.cloudEvent().path("data").path("slaClocks").get(0);
            assertThat(clock.path("target").asText()).isEqualTo("first_response");
            assertThat(clock.path("state").asText()).isEqualTo("breached");
            assertThat(clock.path("everBreached").asBoolean()).isTrue();
            io.pharos.testing.EventContracts.assertValid(breach);
            assertThat(breach.cloudEvent().path("data").path("ticket").path("priority").asText()).isEqualToIgnoringCase("high");
            JsonPath sla = sla(ticket);
            assertThat(sla.getString("firstResponse.state")).isEqualTo("breached");
            assertThat(sla.getLong("firstResponse.remainingBusinessSeconds")).isEqualTo(-60);
            // answered late: it stays breached
            reply(ticket, KeycloakTokens.user("anna"), "Sorry for the wait.");
            assertThat(sla(ticket).getString("firstResponse.state")).isEqualTo("breached");
        }
    }

    /** Two monitor passes at once, as two replicas would run them; answers how many clocks they handled. */
    int bothPasses() throws Exception {
        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(this::pass);
        CompletableFuture<Integer> b = CompletableFuture.supplyAsync(this::pass);
        return a.get() + b.get();
    }

    int pass() {
        try {
            return VertxContextSupport.subscribeAndAwait(monitor::check);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aCustomerAskingOnSaturdayIsPromisedMondayMorning() {
        time.set("2026-03-07T11:00");
        given().auth().oauth2(KeycloakTokens.integrator("acme")).queryParam("channel", "WHATSAPP").queryParam("priority", "URGENT")
                .get("/api/v1/sla/reply-estimate").then().statusCode(200).body("openNow", equalTo(false))
                .body("targetMinutes", equalTo(15)).body("timeZone", equalTo("Europe/Athens"))
                .body("replyDueAt", equalTo(SettableTime.athens("2026-03-09T09:15").toString()));
    }

    @Test
    void calendarsAndPoliciesAreForAdminsAndValidated() {
        given().auth().oauth2(KeycloakTokens.user("anna")).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "timeZone", "Europe/Athens", "alwaysOpen", true)).post("/api/v1/calendars")
                .then().statusCode(403);
        given().auth().oauth2(ALEX).contentType(ContentType.JSON).body(Map.of("name", "x", "timeZone", "Mars/Olympus", "alwaysOpen", true))
                .post("/api/v1/calendars").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:pharos:problem:invalid-time-zone"));
        given().auth().oauth2(ALEX).contentType(ContentType.JSON).body(Map.of("name", "x", "timeZone", "Europe/Athens"))
                .post("/api/v1/calendars").then().statusCode(400).body("type", equalTo("urn:pharos:problem:no-opening-hours"));
        given().auth().oauth2(ALEX).contentType(ContentType.JSON).body(Map.of("name", "No targets " + tag))
                .post("/api/v1/sla/policies").then().statusCode(400).body("type", equalTo("urn:pharos:problem:no-targets"));
        try (KafkaEvents kafka = new KafkaEvents("pharos.ticket.events")) {
            String id = policy(Map.of("firstResponse", Map.of("minutes", 30, "businessHours", false)));
            assertThat(kafka.await(e -> id.equals(e.key()) && e.type().equals("pharos.sla.policy.updated"), 1, Duration.ofSeconds(10)))
                    .singleElement().satisfies(e -> assertThat(e.cloudEvent().path("data").path("policy").path("firstResponse")
                            .path("minutes").asInt()).isEqualTo(30));
            assertThat(kafka.await(e -> e.type().equals("pharos.calendar.updated"), 1, Duration.ofSeconds(10))).isNotEmpty();
        }
        // the defaults of common practice, in order
        List<String> names = given().auth().oauth2(KeycloakTokens.user("anna")).get("/api/v1/sla/policies").then().statusCode(200)
                .extract().jsonPath().getList("name");
        assertThat(names).contains("Live channels, urgent", "Phone callbacks", "Email, forms and API");
    }
}
