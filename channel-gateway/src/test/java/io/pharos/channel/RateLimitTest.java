package io.pharos.channel;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pharos.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Rate limits as production runs them: the test client (127.0.0.1) is not a trusted proxy here,
 * so the X-Forwarded-For it invents does not give it fresh limits; authenticated calls are limited
 * per client id and tenant of the verified token. Refusals are 429 problems with Retry-After;
 * limited answers carry RateLimit-Limit/-Remaining/-Reset.
 */
@QuarkusTest
@TestProfile(RateLimitTest.Strict.class)
class RateLimitTest {

    public static class Strict implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pharos.http.trusted-proxies", "192.0.2.1", "pharos.rate-limit.client", "4", "pharos.rate-limit.tenant", "1000",
                    "pharos.chat.sessions-per-minute", "3");
        }
    }

    @Test
    void rotatingXForwardedForFromAnUntrustedPeerDoesNotEscapeTheLimit() {
        Map<String, Object> ok = Map.of("name", "Ελένη", "email", "eleni@example.test", "message", "Έχετε το μοντέλο σε μπλε;");
        for (int i = 0; i < 5; i++) {
            given().contentType(ContentType.JSON).header("X-Forwarded-For", "198.51.100." + i).body(ok)
                    .post("/api/v1/forms/acme-form/submissions").then().statusCode(202)
                    .header("RateLimit-Limit", "5").header("RateLimit-Remaining", String.valueOf(4 - i)).header("RateLimit-Reset", notNullValue());
        }
        Response refused = given().contentType(ContentType.JSON).header("X-Forwarded-For", "198.51.100.77").body(ok)
                .post("/api/v1/forms/acme-form/submissions");
        refused.then().statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("urn:pharos:problem:too-many-submissions")).header("RateLimit-Remaining", "0");
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);

        for (int i = 0; i < 3; i++) {
            given().contentType(ContentType.JSON).header("X-Forwarded-For", "203.0.113." + i).body(Map.of())
                    .post("/api/v1/chat/acme-chat/sessions").then().statusCode(200);
        }
        given().contentType(ContentType.JSON).header("X-Forwarded-For", "203.0.113.99").body(Map.of())
                .post("/api/v1/chat/acme-chat/sessions").then().statusCode(429).header("Retry-After", notNullValue())
                .body("type", equalTo("urn:pharos:problem:too-many-sessions"));
    }

    @Test
    void authenticatedCallsAreLimitedPerClientOfTheVerifiedToken() {
        String token = KeycloakTokens.integrator("globex");
        for (int i = 0; i < 4; i++) {
            given().auth().oauth2(token).get("/api/v1/me").then().statusCode(200).header("RateLimit-Limit", "4")
                    .header("RateLimit-Remaining", String.valueOf(3 - i));
        }
        Response refused = given().auth().oauth2(token).get("/api/v1/me");
        refused.then().statusCode(429).contentType("application/problem+json").body("type", equalTo("urn:pharos:problem:rate-limited"))
                .header("RateLimit-Remaining", "0");
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
        // GraphQL is limited by the same bucket
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("query", "{ supportedChannels { type } }")).post("/graphql")
                .then().statusCode(429);
        // another tenant's client has its own bucket; an anonymous health check is not limited
        given().auth().oauth2(KeycloakTokens.user("alex")).get("/api/v1/me").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
    }
}
