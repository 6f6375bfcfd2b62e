package io.pharos.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import io.pharos.testing.KeycloakTokens;

/**
 * The whole suite up: real Keycloak tokens are accepted by every service with the caller's
 * tenant and roles, and anything but a valid token of realm pharos is refused.
 */
class IdentityIT {

    static final List<SuiteRuntime.Service> services = SuiteRuntime.SERVICES;

    @ParameterizedTest(name = "{0}")
    @FieldSource("services")
    void agentTokenCarriesTenantAndRole(SuiteRuntime.Service service) {
        given().baseUri(service.url()).auth().oauth2(KeycloakTokens.user("anna"))
                .when().get("/api/v1/me")
                .then().statusCode(200)
                .body("tenant", equalTo("acme"))
                .body("username", equalTo("anna"))
                .body("roles", hasItem("agent"));
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("services")
    void integratorTokenCarriesTenantAndRole(SuiteRuntime.Service service) {
        given().baseUri(service.url()).auth().oauth2(KeycloakTokens.integrator("acme"))
                .when().get("/api/v1/me")
                .then().statusCode(200)
                .body("tenant", equalTo("acme"))
                .body("roles", equalTo(List.of("integrator")));
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("services")
    void noTokenIsUnauthorized(SuiteRuntime.Service service) {
        given().baseUri(service.url()).when().get("/api/v1/me")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("services")
    void tokenOfAnotherRealmIsUnauthorized(SuiteRuntime.Service service) {
        given().baseUri(service.url()).auth().oauth2(KeycloakTokens.otherRealm())
                .when().get("/api/v1/me")
                .then().statusCode(401);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("services")
    void tamperedTokenIsUnauthorized(SuiteRuntime.Service service) {
        String forged = KeycloakTokens.tampered(KeycloakTokens.user("gina"), "tenant", "acme");
        given().baseUri(service.url()).auth().oauth2(forged)
                .when().get("/api/v1/me")
                .then().statusCode(401);
    }
}
