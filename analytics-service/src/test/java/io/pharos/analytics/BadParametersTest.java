package io.pharos.analytics;

import static io.restassured.RestAssured.given;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.pharos.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;

/** Bad query parameters and bodies are 400 problems on every REST path, never 404 or 500. */
@QuarkusTest
class BadParametersTest {

    static final String RANGE = "from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z";

    @Test
    void badRangesGroupingsAndBodiesAre400Problems() {
        String sofia = KeycloakTokens.user("sofia");
        for (String path : List.of("/api/v1/kpis", "/api/v1/reports/kpis.csv", "/api/v1/scorecard", "/api/v1/reports/volume-profile")) {
            for (String query : List.of("from=garbage&to=2026-03-02T00:00:00Z", "", "from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z",
                    "from=9999-01-01T00:00:00Z&to=9999-01-01T01:00:00Z", "from=%2B10000-01-01T00:00:00Z&to=%2B10000-01-01T01:00:00Z",
                    "from=1900-01-01T00:00:00Z&to=1900-01-01T01:00:00Z", "from=2026-03-01T00:30:00Z&to=2026-03-02T00:00:00Z")) {
                given().auth().oauth2(sofia).urlEncodingEnabled(false).get(query.isEmpty() ? path : path + "?" + query).then().statusCode(400)
                        .contentType("application/problem+json");
            }
        }
        for (String path : List.of("/api/v1/kpis", "/api/v1/reports/kpis.csv")) {
            given().auth().oauth2(sofia).urlEncodingEnabled(false).get(path + "?" + RANGE + "&groupBy=planet").then().statusCode(400)
                    .contentType("application/problem+json");
        }
        String alex = KeycloakTokens.user("alex");
        given().auth().oauth2(alex).contentType("application/json").body("{\"target\":\"abc\"}").put("/api/v1/targets/fcr").then()
                .statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(alex).contentType("application/json").body("{\"target\":1e999}").put("/api/v1/targets/fcr").then()
                .statusCode(400).contentType("application/problem+json");
        // the platform operator's dead-letter list (commons): bad paging is 400 too
        String operator = KeycloakTokens.platformOperator();
        for (String query : List.of("limit=abc", "limit=-1", "limit=100000")) {
            given().auth().oauth2(operator).get("/api/v1/admin/dead-letters?" + query).then().statusCode(400)
                    .contentType("application/problem+json");
        }
    }
}
