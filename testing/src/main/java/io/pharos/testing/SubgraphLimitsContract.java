package io.pharos.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * What every subgraph does with documents sent straight to its {@code /graphql}, past the gateway
 * (commons graphql/QueryLimits, UnreadableGraphQLBodies). Each service's {@code GraphQLLimitsTest}
 * runs it against one of its own list fields.
 */
public final class SubgraphLimitsContract {

    private SubgraphLimitsContract() {
    }

    public static JsonPath post(String query) {
        return given().auth().oauth2(KeycloakTokens.user("anna")).contentType(ContentType.JSON).body(Map.of("query", query))
                .when().post("/graphql").then().statusCode(200).extract().jsonPath();
    }

    /** Eleven fields deep (limit 10) is refused before anything runs; the field itself still answers. */
    public static void deepDocumentsAreRefused(String listField) {
        JsonPath refused = post("{ " + listField + " { a { a { a { a { a { a { a { a { a { __typename } } } } } } } } } } }");
        assertThat(refused.getString("errors[0].extensions.code")).as(refused.prettify()).isEqualTo("QUERY_TOO_DEEP");
        assertThat(refused.get("data") == null).isTrue();

        JsonPath allowed = post("{ " + listField + " { __typename } }");
        assertThat(allowed.getList("errors")).as(allowed.prettify()).isNull();
        assertThat(allowed.getList("data." + listField)).isNotEmpty();
    }

    /** A body nested past the JSON reader's limit is a 400 with a GraphQL error, and the service goes on serving. */
    public static void unreadableBodiesAreBadRequests(String listField) {
        String nested = "{\"query\":\"{ " + listField + " { __typename } }\",\"variables\":{\"v\":" + "[".repeat(10_000)
                + "]".repeat(10_000) + "}}";
        given().auth().oauth2(KeycloakTokens.user("anna")).contentType(ContentType.JSON).body(nested).when().post("/graphql")
                .then().statusCode(400).body("errors[0].extensions.code", equalTo("BAD_REQUEST"));
        assertThat(post("{ " + listField + " { __typename } }").getList("data." + listField)).as("still serving").isNotEmpty();
    }
}
