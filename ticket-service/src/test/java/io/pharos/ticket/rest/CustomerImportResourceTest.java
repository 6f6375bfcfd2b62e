package io.pharos.ticket.rest;

import static io.pharos.ticket.rest.TicketApi.ACME;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.testing.EventContracts;
import io.pharos.testing.KafkaEvents;
import io.pharos.testing.Ndjson;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Customers imported with their past (issue 20): their own createdAt, churn and identities, so that
 * retention counts them from when they really became customers; a re-run changes nothing; a bad
 * line fails alone; the events say they are history.
 */
@QuarkusTest
class CustomerImportResourceTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static List<JsonNode> importLines(String token, String body) {
        return Ndjson.parse(given().auth().oauth2(token).contentType("application/x-ndjson").body(body.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/customers/import")
                .then().statusCode(200).contentType("application/x-ndjson").extract().asString());
    }

    static String lines(Object... customers) throws Exception {
        StringBuilder body = new StringBuilder();
        for (Object c : customers) {
            body.append(c instanceof String s ? s : JSON.writeValueAsString(c)).append('\n');
        }
        return body.toString();
    }

    static Map<String, Object> customer(String externalId, String createdAt, Object... more) {
        Map<String, Object> c = new HashMap<>();
        c.put("externalId", externalId);
        c.put("createdAt", createdAt);
        for (int i = 0; i < more.length; i += 2) {
            c.put((String) more[i], more[i + 1]);
        }
        return c;
    }

    static Map<String, String> identity(String type, String value) {
        return Map.of("type", type, "value", value);
    }

    static String randomPhone() {
        return "+3069" + (10000000 + (int) (Math.random() * 89999999));
    }

    @Test
    void customersArriveWithTheirPastAndTheirEventsSayItIsHistory() throws Exception {
        String run = UUID.randomUUID().toString();
        String mail = "Anna-" + run + "@Example.TEST";
        String phone = randomPhone();
        try (KafkaEvents kafka = new KafkaEvents("pharos.ticket.events")) {
            List<JsonNode> results = importLines(ACME, lines(
                    customer("crm-a-" + run, "2023-04-01T09:30:00Z", "name", "Anna K.", "language", "el", "tags", List.of("vip", "b2b"),
                            "lifecycle", "churned", "churnedOn", "2024-02-10",
                            "identities", List.of(identity("email", mail), identity("phone", phone), identity("telegram", "anna_" + run))),
                    customer("crm-b-" + run, "2022-01-15T00:00:00Z", "lifecycle", "active",
                            "identities", List.of(identity("chat", "visitor-" + run)))));

            assertThat(results).extracting(r -> r.path("status").asText()).as(results.toString()).containsExactly("created", "created");
            assertThat(results).extracting(r -> r.path("externalId").asText()).containsExactly("crm-a-" + run, "crm-b-" + run);
            String anna = results.get(0).path("id").asText();
            given().auth().oauth2(ACME).when().get("/api/v1/customers/" + anna).then().statusCode(200)
                    .body("name", equalTo("Anna K.")).body("language", equalTo("el")).body("tags", contains("vip", "b2b"))
                    .body("createdAt", equalTo("2023-04-01T09:30:00Z"))
                    .body("lifecycle", equalTo("churned")).body("churnedOn", equalTo("2024-02-10"))
                    .body("identities.value", containsInAnyOrder(mail.toLowerCase(), phone, "anna_" + run))
                    .body("identities.verified", everyItem(equalTo(true))); // the integrator's word: no verification mail
            given().auth().oauth2(ACME).queryParam("identity", "chat:visitor-" + run).when().get("/api/v1/customers")
                    .then().statusCode(200).body("[0].createdAt", equalTo("2022-01-15T00:00:00Z")).body("[0].lifecycle", equalTo("active"));

            List<KafkaEvents.Event> events = kafka.await(KafkaEvents.about(anna), 1, Duration.ofSeconds(30));
            assertThat(events).extracting(KafkaEvents.Event::type).containsExactly("pharos.customer.created");
            JsonNode event = events.get(0).cloudEvent();
            EventContracts.assertValid(events.get(0));
            assertThat(event.path("historical").asBoolean()).as(event.toString()).isTrue();
            assertThat(Instant(event.path("data").path("customer").path("createdAt").asText())).isEqualTo("2023-04-01T09:30:00Z");
            assertThat(event.path("data").path("customer").path("churnedOn").asText()).isEqualTo("2024-02-10");
            assertThat(event.path("data").path("customer").path("lifecycle").asText()).isEqualToIgnoringCase("churned");
        }
    }

    @Test
    void aSecondRunChangesNothingAndALaterLineAddsToTheCustomer() throws Exception {
        String run = UUID.randomUUID().toString();
        String mail = "re-" + run + "@example.test";
        Map<String, Object> line = customer("crm-re-" + run, "2021-06-01T00:00:00Z", "name", "Nikos", "tags", List.of("retail"),
                "identities", List.of(identity("email", mail)));
        String id = importLines(ACME, lines(line)).get(0).path("id").asText();
        String updatedAt = given().auth().oauth2(ACME).when().get("/api/v1/customers/" + id).then().extract().path("updatedAt");

        try (KafkaEvents kafka = new KafkaEvents("pharos.ticket.events")) {
            // the interrupted import runs again: the same customer, unchanged, and nothing said about it
            List<JsonNode> again = importLines(ACME, lines(line));
            assertThat(again.get(0).path("status").asText()).as(again.toString()).isEqualTo("updated");
            assertThat(again.get(0).path("id").asText()).isEqualTo(id);
            given().auth().oauth2(ACME).when().get("/api/v1/customers/" + id).then()
                    .body("updatedAt", equalTo(updatedAt)).body("identities", hasSize(1)).body("tags", contains("retail"));

            // known by an identity alone: a later createdAt loses to the older one, the churn applies, tags and identities add up
            String phone = randomPhone();
            List<JsonNode> later = importLines(ACME, lines(customer(null, "2022-03-01T00:00:00Z", "tags", List.of("retail", "vip"),
                    "lifecycle", "churned", "churnedOn", "2025-01-31", "identities", List.of(identity("email", mail), identity("phone", phone)))));
            assertThat(later.get(0).path("status").asText()).as(later.toString()).isEqualTo("updated");
            assertThat(later.get(0).path("id").asText()).isEqualTo(id);
            given().auth().oauth2(ACME).when().get("/api/v1/customers/" + id).then()
                    .body("externalId", equalTo("crm-re-" + run)).body("createdAt", equalTo("2021-06-01T00:00:00Z"))
                    .body("tags", contains("retail", "vip")).body("lifecycle", equalTo("churned")).body("churnedOn", equalTo("2025-01-31"))
                    .body("identities.value", containsInAnyOrder(mail, phone));

            kafka.await(KafkaEvents.about(id), 1, Duration.ofSeconds(30));
            List<KafkaEvents.Event> events = kafka.during(Duration.ofSeconds(2), KafkaEvents.about(id));
            // only the second line changed anything
            assertThat(events.stream().map(KafkaEvents.Event::type).distinct()).containsExactly("pharos.customer.churned");
            JsonNode churned = events.get(0).cloudEvent();
            assertThat(churned.path("historical").asBoolean()).as(churned.toString()).isTrue();
            assertThat(churned.path("data").path("customer").path("churnedOn").asText()).isEqualTo("2025-01-31");
            assertThat(Instant(churned.path("data").path("customer").path("createdAt").asText())).isEqualTo("2021-06-01T00:00:00Z");
        }
    }

    @Test
    void aBadLineFailsAloneWithAProblemAndItsExternalId() throws Exception {
        String run = UUID.randomUUID().toString();
        Map<String, Object> noCreatedAt = customer("bad-none-" + run, null, "identities", List.of(identity("email", "n-" + run + "@example.test")));
        List<JsonNode> results = importLines(ACME, lines(
                customer("bad-churn-" + run, "2024-05-01T00:00:00Z", "lifecycle", "churned", "churnedOn", "2024-04-30",
                        "identities", List.of(identity("email", "c-" + run + "@example.test"))),
                customer("good-1-" + run, "2024-05-01T00:00:00Z", "identities", List.of(identity("email", "g1-" + run + "@example.test"))),
                customer("bad-type-" + run, "2024-05-01T00:00:00Z", "identities", List.of(identity("fax", "+302100000000"))),
                customer("bad-huge-" + run, "2024-05-01T00:00:00Z", "name", "x".repeat(1 << 20)),
                customer("bad-name-" + run, "2024-05-01T00:00:00Z", "name", "y".repeat(201)),
                noCreatedAt,
                customer("bad-mail-" + run, "2024-05-01T00:00:00Z", "identities", List.of(identity("email", "not an address"))),
                customer("bad-lone-churn-" + run, "2024-05-01T00:00:00Z", "lifecycle", "churned"),
                customer("good-2-" + run, "2024-05-01T00:00:00Z", "identities", List.of(identity("phone", randomPhone())))));

        assertThat(results).hasSize(9);
        assertThat(results).extracting(r -> r.path("status").asText()).as(results.toString())
                .containsExactly("failed", "created", "failed", "failed", "failed", "failed", "failed", "failed", "created");
        assertThat(results).extracting(r -> r.path("error").path("type").asText()).containsExactly(
                "urn:pharos:problem:validation", "", "urn:pharos:problem:invalid-identity", "urn:pharos:problem:line-too-long",
                "urn:pharos:problem:too-large", "urn:pharos:problem:validation", "urn:pharos:problem:validation",
                "urn:pharos:problem:validation", "");
        // each result says which line of the source it was, except the one too long to be read
        assertThat(results).extracting(r -> r.path("externalId").asText()).containsExactly("bad-churn-" + run, "good-1-" + run,
                "bad-type-" + run, "", "bad-name-" + run, "bad-none-" + run, "bad-mail-" + run, "bad-lone-churn-" + run, "good-2-" + run);
        assertThat(results.get(0).path("error").path("errors").get(0).path("field").asText()).isEqualTo("churnedOn");
        assertThat(results.get(5).path("error").path("errors").get(0).path("field").asText()).isEqualTo("createdAt");
        assertThat(results.get(6).path("error").path("errors").get(0).path("field").asText()).isEqualTo("identities[0].value");
        assertThat(results).allMatch(r -> r.path("status").asText().equals("created") || r.path("error").path("status").asInt() / 100 == 4);
        given().auth().oauth2(ACME).queryParam("externalId", "bad-churn-" + run).when().get("/api/v1/customers")
                .then().statusCode(200).body("", hasSize(0));
    }

    @Test
    void importedTicketsJoinImportedCustomersAndTheOldestTicketDatesTheCustomer() throws Exception {
        String run = UUID.randomUUID().toString();
        String mail = "t-" + run + "@example.test";
        String id = importLines(ACME, lines(customer("crm-t-" + run, "2024-06-01T00:00:00Z", "identities", List.of(identity("email", mail)))))
                .get(0).path("id").asText();
        String stranger = "s-" + run + "@example.test";
        List<JsonNode> tickets = TicketImportResourceTest.importLines(lines(
                ticket("t1-" + run, mail, "2024-03-01T10:00:00Z"),
                ticket("t2-" + run, stranger, "2024-05-01T10:00:00Z"),
                ticket("t3-" + run, stranger, "2024-02-01T10:00:00Z")));
        assertThat(tickets).extracting(r -> r.path("status").asText()).as(tickets.toString()).containsOnly("created");

        TicketApi.get(ACME, tickets.get(0).path("id").asText()).then().body("requesterId", equalTo(id));
        // a customer since their oldest ticket, whichever line came first
        given().auth().oauth2(ACME).when().get("/api/v1/customers/" + id).then().body("createdAt", equalTo("2024-03-01T10:00:00Z"));
        given().auth().oauth2(ACME).queryParam("identity", "email:" + stranger).when().get("/api/v1/customers")
                .then().statusCode(200).body("[0].createdAt", equalTo("2024-02-01T10:00:00Z"));
    }

    @Test
    void theSameNewCustomerImportedByFourStreamsAtOnceIsOneCustomer() throws Exception {
        // all four try to create it; the unique index refuses three at commit, and they run again and find it
        String run = UUID.randomUUID().toString();
        String body = lines(customer("crm-race-" + run, "2020-02-02T00:00:00Z", "identities", List.of(identity("email", "race-" + run + "@example.test"))));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<JsonNode>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit(() -> importLines(ACME, body).get(0)));
            }
            List<JsonNode> results = new java.util.ArrayList<>();
            for (var answer : answers) {
                results.add(answer.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(results).extracting(r -> r.path("status").asText()).as(results.toString())
                    .containsOnly("created", "updated").containsOnlyOnce("created");
            assertThat(results).extracting(r -> r.path("id").asText()).containsOnly(results.get(0).path("id").asText());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void onlyIntegratorsAndAdminsImport() {
        given().auth().oauth2(TicketApi.anna()).contentType("application/x-ndjson")
                .body("{}\n".getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/customers/import").then().statusCode(403);
    }

    private static Map<String, Object> ticket(String externalId, String requester, String createdAt) {
        return Map.of("externalId", externalId, "subject", "Question", "channel", "email", "createdAt", createdAt,
                "requester", Map.of("email", requester),
                "messages", List.of(Map.of("author", "customer", "text", "Hello", "createdAt", createdAt)));
    }

    /** An instant as text in its canonical form, whatever precision the event wrote. */
    private static String Instant(String text) {
        return java.time.Instant.parse(text).toString();
    }
}
