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
 * many tokens, too deep a document, too large a page or too high a cost (nested lists multiply) are
 * refused before any subgraph is asked, a body over the size cap is refused before it is read, a
 * bad bearer token gets 401, and ordinary queries go through.
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
        // eight levels (depth limit 10) and some 30 tokens, but 100 tickets × 10 of each requester × 10 of theirs
        JsonPath refused = post(query("{ tickets(first: 100) { edges { node { requester { tickets { requester { tickets { id } } } } } } } }"));
        assertThat(refused.getString("errors[0].extensions.code")).as(refused.prettify()).isEqualTo("QUERY_TOO_COSTLY");
        assertThat(refused.get("data") == null).isTrue();
        JsonPath page = post(query("{ tickets(first: 101) { edges { node { id } } } }"));
        assertThat(page.getString("errors[0].extensions.code")).as(page.prettify()).isEqualTo("PAGE_TOO_LARGE");
        // the inbox an agent opens costs far less
        JsonPath inbox = post(query("{ tickets(first: 25) { edges { node { id number subject status priority channel updatedAt"
                + " requester { id name } assignee { id name } satisfaction { score scale } } } pageInfo { hasNextPage endCursor } } }"));
        assertThat(inbox.getList("errors")).as(inbox.prettify()).isNull();
    }

    @Test
    void theDepth12FanOutIsRefusedWithinASecondAndTheGatewayServesOnAfterwards() {
        post(query("{ me { tenant } }")); // a token fetched and the gateway warm: the refusal itself is timed
        // the fastest of three: a refusal that ran anything takes seconds every time, a GC pause on a busy machine only once
        java.time.Duration took = java.time.Duration.ofDays(1);
        for (int attempt = 0; attempt < 3; attempt++) {
            long started = System.nanoTime();
            JsonPath refused = post(query("{ tickets { edges { node { requester { tickets { requester { tickets { requester"
                    + " { tickets { requester { tickets { id } } } } } } } } } } } }"));
            java.time.Duration once = java.time.Duration.ofNanos(System.nanoTime() - started);
            took = once.compareTo(took) < 0 ? once : took;
            assertThat(refused.getString("errors[0].extensions.code")).as(refused.prettify()).isEqualTo("QUERY_TOO_DEEP");
            assertThat(refused.get("data") == null).isTrue();
        }
        assertThat(took).isLessThan(java.time.Duration.ofSeconds(1));
        assertThat(post(query("{ me { tenant } }")).getString("data.me.tenant")).isEqualTo("acme");
    }

    @Test
    void aBadOrForgedBearerTokenIsAnswered401() {
        String token = KeycloakTokens.user("anna");
        String[] parts = token.split("\\.");
        // the same token claiming another user: its signature no longer matches
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("\"anna\"", "\"alex\"").getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        for (String bad : java.util.List.of("garbage", "a.b.c", forged)) {
            var response = given().baseUri(SuiteRuntime.GATEWAY).auth().oauth2(bad).contentType(ContentType.JSON)
                    .body(query("{ me { tenant } }")).when().post("/graphql").then().extract();
            assertThat(response.statusCode()).as(bad).isEqualTo(401);
            assertThat(response.jsonPath().getString("errors[0].extensions.code")).isEqualTo("UNAUTHENTICATED");
        }
        // no token at all is not the gateway's to refuse: the subgraphs answer with their typed errors
        given().baseUri(SuiteRuntime.GATEWAY).contentType(ContentType.JSON).body(query("{ supportedChannels { __typename } }"))
                .when().post("/graphql").then().statusCode(200);
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
