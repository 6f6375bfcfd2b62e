package io.pharos.system.hostile;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.pharos.system.SuiteRuntime;
import io.pharos.testing.KeycloakTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The hostile-input campaign: every REST operation of the four services' OpenAPI documents, every
 * GraphQL mutation of the supergraph and every provider webhook, fed wrong types, missing and huge
 * values, control characters, bytes that are not UTF-8, impossible dates, unknown enum names,
 * 10,000-level nesting and query bombs. What a user relies on: no answer is a 5xx, none takes more
 * than five seconds, a refused request changes nothing (checked on a ticket the campaign owns, which
 * every ticket operation targets), and every service is healthy afterwards.
 */
class HostileInputIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void noHostileInputGetsA5xxHangsOrChangesAnything() throws Exception {
        Instant started = Instant.now();
        String admin = KeycloakTokens.user("alex");
        String integrator = KeycloakTokens.integrator("acme");
        Victim victim = Victim.create(admin, RUN);

        List<Attempt> attempts = new ArrayList<>();
        for (SuiteRuntime.Service service : SuiteRuntime.SERVICES) {
            URI base = URI.create(service.url());
            JsonNode openApi = HostileValues.JSON.readTree(given().baseUri(service.url()).queryParam("format", "json")
                    .get("/q/openapi").then().statusCode(200).extract().asByteArray());
            attempts.addAll(new OpenApiAttempts(base, openApi, path -> path.contains("/import") ? integrator : admin,
                    param -> victim.pathValue(param)).all());
            attempts.addAll(GraphQLAttempts.bombs(base, admin));
        }
        URI gateway = URI.create(SuiteRuntime.GATEWAY);
        JsonNode introspection = HostileValues.JSON.readTree(given().baseUri(SuiteRuntime.GATEWAY).auth().oauth2(admin)
                .contentType(ContentType.JSON).body(Map.of("query", GraphQLAttempts.INTROSPECTION)).post("/graphql")
                .then().statusCode(200).extract().asByteArray());
        attempts.addAll(new GraphQLAttempts(introspection, victim::graphQLId).mutations(gateway, admin));
        attempts.addAll(GraphQLAttempts.bombs(gateway, admin));
        attempts.addAll(new WebhookAttempts(URI.create("http://localhost:8082"), RUN).all());

        List<Attempt.Outcome> failures = new ArrayList<>();
        List<String> changedByRefusal = new ArrayList<>();
        int throttled = 0;
        String before = victim.snapshot();
        for (Attempt attempt : attempts) {
            Attempt.Outcome outcome = attempt.send();
            if (outcome.hung() || outcome.serverError() || internalGraphQLError(outcome)) {
                failures.add(outcome);
            }
            throttled += outcome.status() == 429 ? 1 : 0;
            if (victim.targetedBy(attempt)) {
                String after = victim.snapshot();
                if (refused(outcome) && !after.equals(before)) {
                    changedByRefusal.add(outcome + "\n    before: " + before + "\n    after:  " + after);
                }
                before = after;
            }
        }
        victim.cleanUp(admin, started);

        long fiveXX = failures.stream().filter(o -> !o.hung()).count();
        System.out.printf("hostile: %d inputs, %d 5xx, %d hung, %d throttled (429), %d refused requests changed the ticket%n",
                attempts.size(), fiveXX, failures.size() - fiveXX, throttled, changedByRefusal.size());
        failures.forEach(f -> System.out.println("  " + f));
        assertThat(attempts.size()).as("the campaign's size").isGreaterThanOrEqualTo(500);
        assertThat(failures).as("answers that were a 5xx, an internal GraphQL error or no answer in 5 s").isEmpty();
        assertThat(changedByRefusal).as("refused requests that changed the ticket they named").isEmpty();
        for (SuiteRuntime.Service service : SuiteRuntime.SERVICES) {
            given().baseUri(service.url()).get("/q/health/ready").then().statusCode(200);
        }
        given().baseUri(SuiteRuntime.GATEWAY).auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("query", "{ me { tenant } }")).post("/graphql").then().statusCode(200);
    }

    /** A GraphQL answer that hides an unexpected server failure behind a 200. */
    static boolean internalGraphQLError(Attempt.Outcome outcome) {
        if (!outcome.attempt().rawTarget().startsWith("/graphql") || outcome.body() == null) {
            return false;
        }
        String body = outcome.body();
        return body.contains("\"System error\"") || body.contains("\"Server Error\"") || body.contains("Unexpected error")
                || body.contains("INTERNAL_SERVER_ERROR") || body.contains("\"internal-error\"");
    }

    /** Refused: a 4xx, or a GraphQL answer with errors and no data for the field. */
    static boolean refused(Attempt.Outcome outcome) {
        if (outcome.status() >= 400) {
            return true;
        }
        String body = outcome.body() == null ? "" : outcome.body();
        return outcome.attempt().rawTarget().startsWith("/graphql") && body.contains("\"errors\"")
                && (body.contains("\"data\":null") || !body.contains("\"data\""));
    }

    /** The ticket (and its requester) the campaign's ticket and customer operations name. */
    record Victim(String ticket, String customer) {

        static Victim create(String token, String run) {
            Response created = given().baseUri("http://localhost:8081").auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Map.of("subject", "Hostile campaign " + run, "channel", "email", "priority", "low",
                            "requester", Map.of("name", "Hostile " + run, "email", "hostile-" + run + "@example.test"),
                            "message", Map.of("text", "The ticket the hostile campaign aims at.")))
                    .post("/api/v1/tickets").then().statusCode(201).extract().response();
            return new Victim(created.path("id"), created.path("requesterId"));
        }

        String pathValue(String templateAndParam) {
            String template = templateAndParam.substring(0, templateAndParam.indexOf('#'));
            String param = templateAndParam.substring(templateAndParam.indexOf('#') + 1);
            if (template.startsWith("/api/v1/tickets/{" + param + "}")) {
                return ticket;
            }
            if (template.startsWith("/api/v1/customers/{" + param + "}")) {
                return customer;
            }
            // anything else: an id that exists nowhere, so that a body that slips through cannot change real configuration
            return UUID.randomUUID().toString();
        }

        String graphQLId(String argumentPath) {
            String lower = argumentPath.toLowerCase(java.util.Locale.ROOT);
            if (lower.endsWith(".ticketid") || lower.endsWith(".ticketids") || lower.matches("[a-z]*ticket[a-z]*\\.id")) {
                return ticket;
            }
            return UUID.randomUUID().toString();
        }

        boolean targetedBy(Attempt attempt) {
            String body = attempt.body() == null ? "" : new String(attempt.body(), java.nio.charset.StandardCharsets.ISO_8859_1);
            return attempt.rawTarget().contains(ticket) || attempt.rawTarget().contains(customer) || body.contains(ticket);
        }

        /** What a refused request must leave as it was: the ticket's fields and its messages. */
        String snapshot() {
            String token = KeycloakTokens.user("alex");
            JsonNode t = read(given().baseUri("http://localhost:8081").auth().oauth2(token).get("/api/v1/tickets/" + ticket)
                    .then().statusCode(200).extract().asByteArray());
            JsonNode messages = read(given().baseUri("http://localhost:8081").auth().oauth2(token).queryParam("includeInternal", true)
                    .get("/api/v1/tickets/" + ticket + "/messages").then().statusCode(200).extract().asByteArray());
            JsonNode c = read(given().baseUri("http://localhost:8081").auth().oauth2(token).get("/api/v1/customers/" + customer)
                    .then().extract().asByteArray());
            return String.join("|", t.path("subject").asText(), t.path("status").asText(), t.path("priority").asText(),
                    t.path("tags").toString(), t.path("assigneeId").asText(), t.path("team").asText(), t.path("language").asText(),
                    "messages=" + messages.size(), "customer=" + c.path("name").asText()
                            + c.path("identities").toString() + c.path("tags").toString());
        }

        /** The campaign's tickets (webhooks it sent, creates that were valid after all) solved, so nobody's queue fills with them. */
        void cleanUp(String token, Instant since) {
            JsonNode page = read(given().baseUri("http://localhost:8081").auth().oauth2(token).queryParam("updatedSince", since.toString())
                    .queryParam("limit", 100).get("/api/v1/tickets").then().extract().asByteArray());
            for (JsonNode t : page.path("items")) {
                boolean ours = Instant.parse(t.path("createdAt").asText(Instant.EPOCH.toString())).isAfter(since);
                if (ours && !List.of("solved", "closed").contains(t.path("status").asText())) {
                    given().baseUri("http://localhost:8081").auth().oauth2(token).contentType(ContentType.JSON)
                            .body(Map.of("status", "solved")).patch("/api/v1/tickets/" + t.path("id").asText());
                }
            }
        }

        private static JsonNode read(byte[] bytes) {
            try {
                return HostileValues.JSON.readTree(bytes);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
