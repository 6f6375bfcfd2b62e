package io.pharos.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pharos.testing.KeycloakTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The federation gateway's abuse limits (deploy/gateway/gateway.config.ts): too many aliases, too
 * many tokens or too high a cost are refused before any subgraph is asked, a body over the size cap
 * is refused before it is read, and ordinary queries go through.
 */
class GatewayLimitsIT {

    static JsonPath post(String body) {
        return given().baseUri(SuiteRuntime.GATEWAY).auth().oauth2(KeycloakTokens.user("anna")).contentType(ContentType.JSON)
                .body(body.getBytes(StandardCharsets.UTF_8)).when().post("/graphql").then().extract().jsonPath();
    }

    static String query(String document) {
        return "{\"query\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(document).toString() + "}";
    }

    @Test
    void aliasesBeyondTheLimitAreRefusedAndTheirFieldsNeverResolved() {
        StringBuilder thirty = new StringBuilder("{");
        for (int i = 0; i < 30; i++) {
            thirty.append(" a").append(i).append(": me { tenant }");
        }
        JsonPath allowed = post(query(thirty + " }"));
        assertThat(allowed.getList("errors")).as(allowed.prettify()).isNull();
        assertThat(allowed.getString("data.a29.tenant")).isEqualTo("acme");

        JsonPath refused = post(query(thirty + " a30: me { tenant } }"));
        assertThat(refused.getString("errors[0].message")).containsIgnoringCase("aliases");
        assertThat(refused.get("data") == null).as("nothing resolved").isTrue();
    }

    @Test
    void documentsOfMoreTokensThanTheLimitAreRefused() {
        // the same field asked 2,100 times (merged into one, no aliases): a valid document of more than 2,000 tokens
        StringBuilder document = new StringBuilder("{ me {");
        for (int i = 0; i < 2_100; i++) {
            document.append(" tenant");
        }
        JsonPath refused = post(query(document + " } }"));
        assertThat(refused.getString("errors[0].message")).containsIgnoringCase("token");
        assertThat(refused.get("data") == null).isTrue();
    }

    @Test
    void documentsCostingMoreThanTheLimitAreRefusedEvenWithinDepthAndTokens() {
        // eleven levels (depth limit 12) and some 100 tokens (limit 2,000), but 60 fields at the bottom weigh 1.5^11 each
        String bottom = String.join(" ", java.util.Collections.nCopies(60, "id"));
        String document = "{ tickets(first: 1) { edges { node { requester { tickets(first: 1) { edges { node { requester { tickets(first: 1)"
                + " { edges { node { " + bottom + " } } } } } } } } } } } }";
        JsonPath refused = post(query(document));
        assertThat(refused.getString("errors[0].message")).contains("Query Cost limit of 5000 exceeded");
        assertThat(refused.get("data") == null).isTrue();
        // the inbox an agent opens costs far less
        JsonPath inbox = post(query("{ tickets(first: 25) { edges { node { id number subject status priority channel updatedAt"
                + " requester { id name } assignee { id name } satisfaction { score scale } } } pageInfo { hasNextPage endCursor } } }"));
        assertThat(inbox.getList("errors")).as(inbox.prettify()).isNull();
    }

    @Test
    void bodiesOverTheSizeCapAreRefusedWith413() {
        String padding = "x".repeat(600 * 1024);
        var response = given().baseUri(SuiteRuntime.GATEWAY).auth().oauth2(KeycloakTokens.user("anna")).contentType(ContentType.JSON)
                .body(Map.of("query", "query($pad: String) { me { tenant } }", "variables", Map.of("pad", padding)))
                .when().post("/graphql").then().extract();
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.jsonPath().getString("errors[0].extensions.code")).isEqualTo("REQUEST_TOO_LARGE");
        // just under the cap is an ordinary request
        String fits = "x".repeat(400 * 1024);
        given().baseUri(SuiteRuntime.GATEWAY).auth().oauth2(KeycloakTokens.user("anna")).contentType(ContentType.JSON)
                .body(Map.of("query", "query($pad: String) { me { tenant } }", "variables", Map.of("pad", fits)))
                .when().post("/graphql").then().statusCode(200);
    }
}
