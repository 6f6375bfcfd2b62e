package io.pharos.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;

/**
 * What every Pharos service promises at its edge, whatever else it does: it knows the caller's
 * tenant and roles from a real Keycloak token, refuses anything but a valid token of realm
 * {@code pharos}, reports readiness of its database and Kafka, exposes metrics and OpenAPI, and
 * serves a Federation v2 subgraph. Each service runs it as a {@code @QuarkusTest} subclass.
 */
public abstract class ServiceEdgeContract {

    /** A root field of this service's subgraph, to find in its SDL. */
    protected abstract String ownRootField();

    @Test
    void meShowsTheAgentsTenantAndRoles() {
        given().auth().oauth2(KeycloakTokens.user("anna"))
                .when().get("/api/v1/me")
                .then().statusCode(200)
                .body("tenant", equalTo("acme"))
                .body("username", equalTo("anna"))
                .body("roles", hasItem("agent"))
                .body("roles", not(hasItem("supervisor")));
    }

    @Test
    void compositeRolesReachTheService() {
        given().auth().oauth2(KeycloakTokens.user("alex"))
                .when().get("/api/v1/me")
                .then().statusCode(200)
                .body("roles", hasItems("admin", "supervisor", "agent"));
    }

    @Test
    void meShowsTheIntegratorServiceAccount() {
        String token = KeycloakTokens.integrator("globex");
        given().auth().oauth2(token)
                .when().get("/api/v1/me")
                .then().statusCode(200)
                .body("tenant", equalTo("globex"))
                .body("subject", equalTo(KeycloakTokens.claims(token).get("sub").asText()))
                .body("roles", equalTo(List.of("integrator")));
    }

    @Test
    void noTokenIsUnauthorizedWithProblemJson() {
        given().when().get("/api/v1/me")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pharos:problem:unauthorized"))
                .body("status", equalTo(401));
    }

    @Test
    void tamperedTokenIsUnauthorized() {
        String forged = KeycloakTokens.tampered(KeycloakTokens.user("gina"), "tenant", "acme");
        given().auth().oauth2(forged).when().get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void tokenOfAnotherRealmIsUnauthorized() {
        given().auth().oauth2(KeycloakTokens.otherRealm()).when().get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void readinessCoversTheDatabaseAndKafka() {
        List<String> checks = given().when().get("/q/health/ready")
                .then().statusCode(200).body("status", equalTo("UP"))
                .extract().jsonPath().getList("checks.name");
        assertThat(checks).anyMatch(name -> name.contains("PostgreSQL") || name.contains("Database"));
        assertThat(checks).anyMatch(name -> name.contains("Kafka"));
    }

    @Test
    void metricsArePrometheusText() {
        given().when().get("/api/v1/me"); // at least one request to count
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("# TYPE http_server_requests_seconds"))
                .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void openApiDocumentsTheApiAndItsBearerSecurity() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/me"))
                .body("components.securitySchemes.SecurityScheme.scheme", equalTo("bearer"));
    }

    @Test
    void subgraphIsFederationV2AndServesItsOwnField() {
        String sdl = given().contentType(ContentType.JSON)
                .body(Map.of("query", "{ _service { sdl } }"))
                .when().post("/graphql")
                .then().statusCode(200)
                .extract().path("data._service.sdl");
        assertThat(sdl).contains("@link(").contains("https://specs.apollo.dev/federation/v2");
        assertThat(sdl).containsPattern("(?s)type Query \\{.*\\b" + ownRootField() + "\\b");
    }

    @Test
    void subgraphRefusesAnonymousCallersWithATypedError() {
        given().contentType(ContentType.JSON)
                .body(Map.of("query", "{ " + ownRootField() + " { __typename } }"))
                .when().post("/graphql")
                .then().statusCode(200)
                .body("errors[0].extensions.code", equalTo("unauthorized"));
    }
}
