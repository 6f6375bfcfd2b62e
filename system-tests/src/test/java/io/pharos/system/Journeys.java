package io.pharos.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;

/** What the journeys share: GraphQL through the federation gateway, and waiting for what a user would wait for. */
final class Journeys {

    private Journeys() {
    }

    /** A query or mutation through the gateway as the token's user; fails on any GraphQL error. */
    static JsonPath gateway(String token, String query, Map<String, Object> variables) {
        JsonPath answer = gatewayRaw(token, query, variables);
        assertThat(answer.getList("errors")).as(answer.prettify()).isNull();
        return answer;
    }

    /** The gateway's whole answer, errors included. */
    static JsonPath gatewayRaw(String token, String query, Map<String, Object> variables) {
        String body = given().baseUri(SuiteRuntime.GATEWAY).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("query", query, "variables", variables)).when().post("/graphql").then().statusCode(200)
                .extract().asString();
        // doubles, not floats: KPI sums are compared to the hundredth of a second
        return new JsonPath(body).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    /** Asks again every 300 ms until the answer satisfies the condition; the last answer either way. */
    static <T> T await(Supplier<T> ask, Predicate<T> until, Duration timeout) {
        java.util.concurrent.atomic.AtomicReference<T> answer = new java.util.concurrent.atomic.AtomicReference<>();
        try {
            org.awaitility.Awaitility.await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(300))
                    .until(() -> {
                        answer.set(ask.get());
                        return until.test(answer.get());
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // the caller asserts on the last answer, which says what was missing
        }
        return answer.get();
    }
}
