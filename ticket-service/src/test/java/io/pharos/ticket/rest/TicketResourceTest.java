package io.pharos.ticket.rest;

import static io.pharos.ticket.rest.TicketApi.ACME;
import static io.pharos.ticket.rest.TicketApi.anna;
import static io.pharos.ticket.rest.TicketApi.create;
import static io.pharos.ticket.rest.TicketApi.createId;
import static io.pharos.ticket.rest.TicketApi.email;
import static io.pharos.ticket.rest.TicketApi.etag;
import static io.pharos.ticket.rest.TicketApi.get;
import static io.pharos.ticket.rest.TicketApi.message;
import static io.pharos.ticket.rest.TicketApi.patch;
import static io.pharos.ticket.rest.TicketApi.ticket;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The integrators' and agents' REST API against the real PostgreSQL, Kafka and Keycloak. */
@QuarkusTest
class TicketResourceTest {

    @Test
    void createsATicketWithItsRequesterAndFirstMessage() {
        String mail = email();
        Map<String, Object> body = new LinkedHashMap<>(ticket("Order 123 not delivered", mail, List.of("Delivery")));
        var created = create(ACME, body).then().statusCode(201)
                .header("ETag", "\"0\"")
                .header("Location", containsString("/api/v1/tickets/"))
                .body("status", equalTo("new"))
                .body("priority", equalTo("normal"))
                .body("channel", equalTo("email"))
                .body("tags", equalTo(List.of("delivery")))
                .body("assigneeId", nullValue())
                .extract();
        assertThat(created.<Integer> path("number")).isGreaterThanOrEqualTo(1000);
        String requester = created.path("requesterId");
        given().auth().oauth2(ACME).queryParam("identity", "email:" + mail.toUpperCase())
                .when().get("/api/v1/customers")
                .then().statusCode(200).body("[0].id", equalTo(requester));
        given().auth().oauth2(ACME).when().get("/api/v1/tickets/" + created.path("id") + "/messages")
                .then().statusCode(200).body("", hasSize(1)).body("[0].author", equalTo("customer"))
                .body("[0].text", equalTo("Where is my order?"));
    }

    @Test
    void numbersGrowPerTenant() {
        int first = create(ACME, ticket("one", email(), List.of())).then().statusCode(201).extract().path("number");
        int second = create(ACME, ticket("two", email(), List.of())).then().statusCode(201).extract().path("number");
        assertThat(second).isGreaterThan(first);
    }

    @Test
    void sameIdempotencyKeyAndBodyReturnsTheSameTicket() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = ticket("Refund", email(), List.of("billing"));
        String id = given().auth().oauth2(ACME).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/tickets").then().statusCode(201).extract().path("id");
        given().auth().oauth2(ACME).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/tickets")
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(id));
        given().auth().oauth2(ACME).queryParam("requester", get(ACME, id).path("requesterId").toString())
                .when().get("/api/v1/tickets").then().statusCode(200).body("items", hasSize(1));
    }

    @Test
    void sameIdempotencyKeyWithAnotherBodyIs422() {
        String key = UUID.randomUUID().toString();
        given().auth().oauth2(ACME).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(ticket("First", email(), List.of())).when().post("/api/v1/tickets").then().statusCode(201);
        given().auth().oauth2(ACME).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(ticket("Second", email(), List.of())).when().post("/api/v1/tickets")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:pharos:problem:idempotency-key-reused"));
    }

    @Test
    void concurrentRetriesWithOneKeyCreateOneTicket() throws Exception {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = ticket("Race", email(), List.of());
        var pool = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<String>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> given().auth().oauth2(ACME).header("Idempotency-Key", key)
                        .contentType(ContentType.JSON).body(body).when().post("/api/v1/tickets")
                        .then().statusCode(201).extract().<String> path("id"), pool));
            }
            Set<String> ids = new HashSet<>();
            for (var call : calls) {
                ids.add(call.get());
            }
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void invalidInputIsAProblemAndCreatesNothing() {
        String mail = email();
        create(ACME, Map.of("subject", "", "requester", Map.of("email", mail)))
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:pharos:problem:validation"))
                .body("errors.field", org.hamcrest.Matchers.hasItem("subject"));
        create(ACME, Map.of("subject", "x", "priority", "whenever", "requester", Map.of("email", mail)))
                .then().statusCode(400).contentType("application/problem+json");
        create(ACME, Map.of("subject", "x", "requester", Map.of("name", "nobody")))
                .then().statusCode(400).body("type", equalTo("urn:pharos:problem:missing-requester-identity"));
        given().auth().oauth2(ACME).queryParam("identity", "email:" + mail).when().get("/api/v1/customers")
                .then().statusCode(200).body("", hasSize(0));
    }

    @Test
    void statusWorkflowAllowsWhatAHelpDeskAllowsAndRefusesTheRest() {
        String id = createId(ACME, ticket("Workflow", email(), List.of()));
        patch(anna(), id, etag(anna(), id), Map.of("status", "new")).then().statusCode(200); // no change
        patch(anna(), id, etag(anna(), id), Map.of("status", "pending")).then().statusCode(200).body("status", equalTo("pending"));
        patch(anna(), id, etag(anna(), id), Map.of("status", "new")).then().statusCode(409)
                .body("type", equalTo("urn:pharos:problem:invalid-status-transition"));
        patch(anna(), id, etag(anna(), id), Map.of("status", "solved")).then().statusCode(200)
                .body("status", equalTo("solved")).body("solvedAt", notNullValue());
        patch(anna(), id, etag(anna(), id), Map.of("status", "pending")).then().statusCode(409);
        patch(anna(), id, etag(anna(), id), Map.of("status", "open")).then().statusCode(200)
                .body("reopenCount", equalTo(1)).body("solvedAt", nullValue());
        patch(anna(), id, etag(anna(), id), Map.of("status", "solved")).then().statusCode(200);
        patch(anna(), id, etag(anna(), id), Map.of("status", "closed")).then().statusCode(200).body("closedAt", notNullValue());
        patch(anna(), id, etag(anna(), id), Map.of("status", "open")).then().statusCode(409);
        message(anna(), id, Map.of("text", "too late")).then().statusCode(409)
                .body("type", equalTo("urn:pharos:problem:ticket-closed"));
    }

    @Test
    void staleOrMissingIfMatchIsRefused() {
        String id = createId(ACME, ticket("Locking", email(), List.of()));
        String first = etag(ACME, id);
        patch(ACME, id, first, Map.of("priority", "high")).then().statusCode(200).header("ETag", not(first))
                .body("priority", equalTo("high"));
        patch(ACME, id, first, Map.of("priority", "urgent")).then().statusCode(412)
                .contentType("application/problem+json").body("type", equalTo("urn:pharos:problem:stale-version"));
        patch(ACME, id, null, Map.of("priority", "urgent")).then().statusCode(428);
        get(ACME, id).then().body("priority", equalTo("high"));
    }

    @Test
    void theHistoryTellsWhoChangedWhatAndWhen() {
        String id = createId(ACME, ticket("History", email(), List.of()));
        patch(ACME, id, etag(ACME, id), Map.of("priority", "high")).then().statusCode(200);
        var history = given().auth().oauth2(ACME).when().get("/api/v1/tickets/" + id + "/history")
                .then().statusCode(200).extract().jsonPath();
        assertThat(history.getList("action", String.class)).containsExactly("ticket.created", "message.added", "ticket.updated");
        assertThat(history.getString("[2].actor")).isEqualTo("system:service-account-acme-integrator");
        assertThat(history.getString("[2].detail.priority")).isEqualTo("high");
        assertThat(history.getList("at", String.class)).isSorted();
        // another tenant learns nothing, not even that the ticket exists
        given().auth().oauth2(TicketApi.integrator("globex")).when().get("/api/v1/tickets/" + id + "/history")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void unknownOrInvalidPatchFieldsAreRefused() {
        String id = createId(ACME, ticket("Patch", email(), List.of()));
        patch(ACME, id, etag(ACME, id), Map.of("number", 1)).then().statusCode(400)
                .body("type", equalTo("urn:pharos:problem:unknown-field"));
        patch(ACME, id, etag(ACME, id), Map.of("status", "finished")).then().statusCode(400);
    }

    @Test
    void agentReplyOpensTheTicketAndSanitisesHtml() {
        String id = createId(ACME, ticket("Html", email(), List.of()));
        message(anna(), id, Map.of("html", "<p onclick=\"steal()\">Hello <script>alert(1)</script><b>there</b>"
                + "<a href=\"javascript:alert(2)\">x</a><img src=x onerror=alert(3)></p>"))
                .then().statusCode(201)
                .body("author", equalTo("agent"))
                .body("html", not(containsString("script")))
                .body("html", not(containsString("onclick")))
                .body("html", not(containsString("onerror")))
                .body("html", not(containsString("javascript:")))
                .body("html", containsString("<b>there</b>"))
                .body("text", equalTo("Hello therex"));
        get(ACME, id).then().body("status", equalTo("open")).body("firstPublicReplyAt", notNullValue());
    }

    @Test
    void remoteImagesAreInertUnlessTheReaderAsks() {
        String id = createId(ACME, ticket("Remote images", email(), List.of()));
        message(anna(), id, Map.of("html", "<p>See</p><img src=\"https://cdn.example.test/manual.png\">"
                + "<table background=\"https://cdn.example.test/bg.png\"><tr><td>x</td></tr></table>")).then().statusCode(201);

        given().auth().oauth2(ACME).when().get("/api/v1/tickets/" + id + "/messages").then().statusCode(200)
                .body("[1].html", containsString("data-remote-src=\"https://cdn.example.test/manual.png\""))
                .body("[1].html", not(containsString(" src=\"https://")))
                .body("[1].html", not(containsString(" background=")));
        given().auth().oauth2(ACME).queryParam("remoteImages", true).when().get("/api/v1/tickets/" + id + "/messages").then()
                .statusCode(200)
                .body("[1].html", containsString("<img src=\"https://cdn.example.test/manual.png\""))
                .body("[1].html", containsString("<table background=\"https://cdn.example.test/bg.png\""));
    }

    @Test
    void internalNotesStayWithAgents() {
        String id = createId(ACME, ticket("Notes", email(), List.of()));
        message(anna(), id, Map.of("text", "customer sounds upset", "visibility", "internal")).then().statusCode(201);
        given().auth().oauth2(ACME).when().get("/api/v1/tickets/" + id + "/messages")
                .then().statusCode(200).body("visibility", not(org.hamcrest.Matchers.hasItem("internal")));
        given().auth().oauth2(ACME).queryParam("includeInternal", true).when().get("/api/v1/tickets/" + id + "/messages")
                .then().statusCode(403);
        given().auth().oauth2(anna()).queryParam("includeInternal", true).when().get("/api/v1/tickets/" + id + "/messages")
                .then().statusCode(200).body("visibility", org.hamcrest.Matchers.hasItem("internal"));
        get(ACME, id).then().body("status", equalTo("new")).body("firstPublicReplyAt", nullValue());
    }

    @Test
    void customerReplyReopensASolvedTicket() {
        String id = createId(ACME, ticket("Reopen", email(), List.of()));
        patch(anna(), id, etag(anna(), id), Map.of("status", "solved")).then().statusCode(200);
        message(ACME, id, Map.of("text", "It is still not here")).then().statusCode(201).body("author", equalTo("customer"));
        get(ACME, id).then().body("status", equalTo("open")).body("reopenCount", equalTo(1));
    }

    @Test
    void paginationIsStableWhileTicketsAreInserted() {
        String tag = "page-" + UUID.randomUUID();
        Set<String> original = new HashSet<>();
        for (int i = 0; i < 23; i++) {
            original.add(createId(ACME, ticket("Page " + i, email(), List.of(tag))));
        }
        List<String> seen = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(ACME).queryParam("tag", tag).queryParam("limit", 5);
            if (next != null) {
                request.queryParam("cursor", next);
            }
            var page = request.when().get("/api/v1/tickets").then().statusCode(200).extract();
            seen.addAll(page.path("items.id"));
            String link = page.path("next");
            next = link == null ? null : link.replaceAll(".*[?&]cursor=([^&]+).*", "$1");
            // others keep writing meanwhile
            createId(ACME, ticket("Concurrent " + pages, email(), List.of(tag)));
            pages++;
        } while (next != null && pages < 20);
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen).containsAll(original);
        assertThat(seen).hasSize(original.size());
    }

    @Test
    void updatedSinceListsChangesInUpdateOrder() {
        String tag = "feed-" + UUID.randomUUID();
        String a = createId(ACME, ticket("A", email(), List.of(tag)));
        String b = createId(ACME, ticket("B", email(), List.of(tag)));
        patch(ACME, a, etag(ACME, a), Map.of("priority", "low")).then().statusCode(200);
        String since = get(ACME, b).path("updatedAt");
        List<String> feed = given().auth().oauth2(ACME).queryParam("tag", tag).queryParam("updatedSince", since)
                .when().get("/api/v1/tickets").then().statusCode(200).extract().path("items.id");
        assertThat(feed).containsExactly(b, a);
    }
}
