package io.pharos.channel;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pharos.testing.KeycloakTokens;
import io.pharos.testing.Supergraph;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The subgraph equals the checked-in deploy/gateway/subgraphs/channel-gateway.graphql and composes with the others. */
@QuarkusTest
class SubgraphCompositionTest {

    @Test
    void theSubgraphIsTheCheckedInOneAndComposes() throws Exception {
        Supergraph.ensureTooling();
        String sdl = given().auth().oauth2(KeycloakTokens.user("alex")).contentType(ContentType.JSON)
                .body(Map.of("query", "{ _service { sdl } }")).post("/graphql").then().statusCode(200).extract().path("data._service.sdl");
        assertThat(sdl).contains("url : \"https://specs.apollo.dev/federation/v2").contains("channels");
        assertThat(Supergraph.drift("channel-gateway", sdl)).isNull();
        Supergraph.Result result = Supergraph.composeCheckedIn();
        assertThat(result.exit()).as(result.output()).isZero();
    }
}
