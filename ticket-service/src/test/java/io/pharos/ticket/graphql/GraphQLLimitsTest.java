package io.pharos.ticket.graphql;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pharos.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The subgraph's own query limits (commons graphql/QueryLimits): a document sent straight to
 * /graphql, past the gateway, is measured before anything of it runs and refused with a stable
 * extensions.code; ordinary queries go through.
 */
@QuarkusTest
class GraphQLLimitsTest {

    /** tickets → requester → tickets → … twelve fields deep: this shape took the JVM to OutOfMemoryError. */
    static final String DEPTH_12 = "{ tickets { edges { node { requester { tickets { requester { tickets { requester"
            + " { tickets { requester { tickets { id } } } } } } } } } } } }";

    static final String INBOX = "{ tickets(first: 25) { edges { node { id number subject status priority channel updatedAt"
            + " requester { id name } assignee { id name } tags } } pageInfo { hasNextPage endCursor } } }";

    static JsonPath post(String query, Map<String, Object> variables) {
        return post(KeycloakTokens.user("anna"), query, variables);
    }

    static JsonPath post(String token, String query, Map<String, Object> variables) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("query", query, "variables", variables))
                .when().post("/graphql").then().statusCode(200).extract().jsonPath();
    }

    static void assertRefused(JsonPath response, String code) {
        assertThat(response.getString("errors[0].extensions.code")).as(response.prettify()).isEqualTo(code);
        assertThat(response.getList("errors")).hasSize(1);
        assertThat(response.get("data") == null).as("nothing resolved: " + response.prettify()).isTrue();
    }

    @Test
    void theDepth12FanOutIsRefusedWithinASecondAndTheServiceServesOnAfterwards() {
        String anna = KeycloakTokens.user("anna");
        post(anna, "{ me { tenant } }", Map.of()); // a running service: the first request builds the engine
        // the fastest of three: a refusal that ran anything takes seconds every time, a GC pause on a busy machine only once
        Duration took = Duration.ofDays(1);
        for (int attempt = 0; attempt < 3; attempt++) {
            long started = System.nanoTime();
            JsonPath refused = post(anna, DEPTH_12, Map.of());
            Duration once = Duration.ofNanos(System.nanoTime() - started);
            took = once.compareTo(took) < 0 ? once : took;
            assertRefused(refused, "QUERY_TOO_DEEP");
            assertThat(refused.getString("errors[0].message")).contains("at most 10 levels");
        }
        assertThat(took).isLessThan(Duration.ofSeconds(1));
        // the shape as first reported (connections all the way down; not even valid against the schema) meets the same limit
        assertRefused(post("{ tickets { edges { node { requester { tickets { edges { node { requester { tickets { edges { node"
                + " { requester { tickets { id } } } } } } } } } } } } } }", Map.of()), "QUERY_TOO_DEEP");

        JsonPath inbox = post(INBOX, Map.of());
        assertThat(inbox.getList("errors")).as(inbox.prettify()).isNull();
        assertThat(inbox.getList("data.tickets.edges")).isNotNull();
    }

    @Test
    void moreAliasesThanTheLimitAreRefused() {
        StringBuilder fifty = new StringBuilder("{ me {");
        for (int i = 0; i < 50; i++) {
            fifty.append(" a").append(i).append(": tenant");
        }
        JsonPath allowed = post(fifty + " } }", Map.of());
        assertThat(allowed.getList("errors")).as(allowed.prettify()).isNull();
        assertThat(allowed.getString("data.me.a49")).isEqualTo("acme");

        assertRefused(post(fifty + " a50: tenant } }", Map.of()), "TOO_MANY_ALIASES");
    }

    @Test
    void moreRootFieldsThanTheLimitAreRefused() {
        // the same root field asked 51 times: no aliases, but 51 fields the engine would have to merge and resolve
        String bomb = "{ " + String.join(" ", Collections.nCopies(51, "me { tenant }")) + " }";
        assertRefused(post(bomb, Map.of()), "TOO_MANY_ROOT_FIELDS");
    }

    @Test
    void nestedListsMultiplyAndATooCostlyFanOutIsRefused() {
        // 100 tickets × 10 tickets of each requester × 10 of theirs: 10,000 ids at the bottom, within depth
        JsonPath refused = post("{ tickets(first: 100) { edges { node { requester { tickets { requester { tickets { id } } } } } } } }",
                Map.of());
        assertRefused(refused, "QUERY_TOO_COSTLY");

        // one level of that fan-out is an ordinary question
        JsonPath allowed = post("{ tickets(first: 100) { edges { node { id requester { tickets { id } } } } } }", Map.of());
        assertThat(allowed.getList("errors")).as(allowed.prettify()).isNull();
    }

    @Test
    void pagesOverTheMaximumAreRefusedAlsoWhenTheSizeComesInAVariable() {
        assertRefused(post("{ tickets(first: 101) { edges { node { id } } } }", Map.of()), "PAGE_TOO_LARGE");
        assertRefused(post("{ customers(first: 1000) { edges { node { id } } } }", Map.of()), "PAGE_TOO_LARGE");

        String byVariable = "query($n: Int) { tickets(first: $n) { edges { node { id } } } }";
        JsonPath small = post(byVariable, Map.of("n", 5));
        assertThat(small.getList("errors")).as(small.prettify()).isNull();
        // the same document (validated and cached already) with a bigger page
        assertRefused(post(byVariable, Map.of("n", 5000)), "PAGE_TOO_LARGE");
    }
}
