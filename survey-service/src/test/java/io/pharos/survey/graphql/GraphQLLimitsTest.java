package io.pharos.survey.graphql;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pharos.testing.KeycloakTokens;
import io.pharos.testing.SubgraphLimitsContract;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** survey-service's subgraph applies the shared query limits (commons graphql/QueryLimits) itself, not only the gateway. */
@QuarkusTest
class GraphQLLimitsTest {

    @Test
    void aDocumentNestedDeeperThanTheLimitIsRefusedBeforeAnythingRuns() {
        SubgraphLimitsContract.deepDocumentsAreRefused("surveyTypes");
    }

    @Test
    void aBodyNestedPastTheJsonReadersLimitIsABadRequestNotAServerError() {
        SubgraphLimitsContract.unreadableBodiesAreBadRequests("surveyTypes");
    }

    @Test
    void aValueTheDatabaseCannotHoldIsATypedErrorAndNothingIsCreated() {
        JsonPath refused = given().auth().oauth2(KeycloakTokens.user("alex")).contentType(ContentType.JSON)
                .body(Map.of("query", "mutation($n: String!) { createSurvey(input: {name: $n, type: CSAT, enabled: false}) { id } }",
                        "variables", Map.of("n", "NUL\u0000survey")))
                .when().post("/graphql").then().statusCode(200).extract().jsonPath();
        assertThat(refused.getString("errors[0].extensions.kind")).as(refused.prettify()).isIn("invalid-value", "validation");
        assertThat(refused.getString("errors[0].message")).isNotEqualTo("System error");
        JsonPath surveys = given().auth().oauth2(KeycloakTokens.user("sofia")).contentType(ContentType.JSON)
                .body(Map.of("query", "{ surveys { name } }")).when().post("/graphql").then().statusCode(200).extract().jsonPath();
        assertThat(surveys.getList("data.surveys.name", String.class)).noneMatch(n -> n.startsWith("NUL"));
    }
}
