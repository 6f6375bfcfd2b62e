package io.pharos.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.pharos.testing.KeycloakTokens;
import io.pharos.testing.Supergraph;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The analytics subgraph as the gateway sees it: its SDL equals the checked-in
 * {@code deploy/gateway/subgraphs/analytics-service.graphql}, and all subgraphs compose into the
 * checked-in supergraph, where Agent gains {@code performance} and Customer {@code supportHistorySummary}.
 */
@QuarkusTest
class SubgraphCompositionTest {

    @BeforeAll
    static void installComposer() throws Exception {
        Supergraph.ensureTooling();
    }

    @Test
    void theSubgraphIsTheCheckedInOneAndComposesIntoTheSupergraph() throws Exception {
        String sdl = given().auth().oauth2(KeycloakTokens.user("sofia")).contentType("application/json")
                .body(Map.of("query", "{ _service { sdl } }")).post("/graphql").then().statusCode(200).extract().path("data._service.sdl");
        assertThat(sdl).contains("url : \"https://specs.apollo.dev/federation/v2").contains("type Agent @key(fields : \"id\")")
                .contains("liveCountersChanged");
        assertThat(Supergraph.drift("analytics-service", sdl)).isNull();
        Supergraph.Result result = Supergraph.composeCheckedIn();
        assertThat(result.exit()).as(result.output()).isZero();
        String supergraph = Files.readString(Supergraph.SUPERGRAPH);
        assertThat(supergraph).contains("ANALYTICS_SERVICE @join__graph(name: \"analytics-service\"")
                .contains("performance(").contains("supportHistorySummary").contains("liveCountersChanged");
    }
}
