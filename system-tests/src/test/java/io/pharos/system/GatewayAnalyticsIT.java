package io.pharos.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pharos.testing.KeycloakTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The analytics subgraph through the federation gateway: ticket-service's agents gain
 * analytics-service's performance in one query, next to the scorecard and the live counters;
 * an agent sees only their own performance; the gateway refuses documents deeper than its limit.
 */
class GatewayAnalyticsIT {

    static JsonPath gateway(String token, String query, Map<String, Object> variables) {
        return given().baseUri(SuiteRuntime.GATEWAY).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("query", query, "variables", variables)).when().post("/graphql").then().statusCode(200).extract().jsonPath();
    }

    static final String QUERY = """
            query($from: DateTime!, $to: DateTime!) {
              agents { id username performance(from: $from, to: $to) { ticketsSolved fcr { value } } }
              scorecard(from: $from, to: $to) { kpi value target status trend }
              liveCounters { open waitingForFirstReply breachingNow agentsOnline }
            }""";

    @Test
    void agentsGainTheirPerformanceFromAnalyticsInOneQueryThroughTheGateway() {
        Map<String, Object> range = Map.of("from", "2026-01-01T00:00:00Z", "to", "2026-12-01T00:00:00Z");
        JsonPath sofia = gateway(KeycloakTokens.user("sofia"), QUERY, range);
        assertThat(sofia.getList("errors")).as(sofia.prettify()).isNull();
        List<Map<String, Object>> agents = sofia.getList("data.agents");
        assertThat(agents).isNotEmpty();
        assertThat(agents).allSatisfy(a -> assertThat(a.get("performance")).as("a supervisor sees everyone's").isNotNull());
        assertThat(sofia.getList("data.scorecard.kpi", String.class)).contains("firstResponseTime", "fcr", "csat", "nps", "retention");
        assertThat(sofia.getInt("data.liveCounters.open")).isGreaterThanOrEqualTo(0);

        JsonPath anna = gateway(KeycloakTokens.user("anna"), "query($from: DateTime!, $to: DateTime!) { me { agent { id } }"
                + " agents { username performance(from: $from, to: $to) { ticketsSolved } } }", range);
        assertThat(anna.getList("errors")).as(anna.prettify()).isNull();
        List<Map<String, Object>> seen = anna.getList("data.agents");
        assertThat(seen).filteredOn(a -> "anna".equals(a.get("username"))).singleElement()
                .satisfies(a -> assertThat(a.get("performance")).as("her own").isNotNull());
        assertThat(seen).filteredOn(a -> !"anna".equals(a.get("username")))
                .allSatisfy(a -> assertThat(a.get("performance")).as("not a colleague's").isNull());
    }

    @Test
    void theGatewayRefusesDocumentsDeeperThanItsLimit() {
        // ticket → requester → tickets … : thirteen levels, one more than the gateway allows (introspection is exempt)
        String deep = "{ tickets(first: 1) { edges { node { requester { tickets(first: 1) { edges { node { requester { tickets(first: 1)"
                + " { edges { node { requester { id } } } } } } } } } } } } }";
        JsonPath refused = gateway(KeycloakTokens.user("sofia"), deep, Map.of());
        assertThat(refused.getString("errors[0].extensions.code")).as(refused.prettify()).isEqualTo("QUERY_TOO_DEEP");
        assertThat(refused.get("data") == null).as("nothing is resolved").isTrue();
    }
}
