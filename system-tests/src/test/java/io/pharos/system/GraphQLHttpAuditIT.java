package io.pharos.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.testing.KeycloakTokens;

/**
 * GraphQL over HTTP: the audit suite of the graphql-http package (deploy/gateway/audit.mjs) against
 * the gateway and every subgraph, with a real token. No MUST may fail anywhere; the gateway, which
 * front ends talk to, passes every SHOULD as well. (The subgraphs answer application/graphql-response+json
 * where the audit would like application/json for Accept: *\/*, and 200 rather than 400 for some
 * malformed parameters: SHOULDs and MAYs of SmallRye GraphQL, behind the gateway.)
 */
class GraphQLHttpAuditIT {

    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode audit(String url) throws Exception {
        Path script = SuiteRuntime.root().resolve("deploy/gateway/audit.mjs");
        Process p = new ProcessBuilder("node", script.toString(), url, KeycloakTokens.user("sofia"))
                .directory(script.getParent().toFile()).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return JSON.readTree(out);
    }

    static List<String> withStatus(JsonNode results, String status) {
        List<String> out = new java.util.ArrayList<>();
        results.forEach(r -> {
            if (status.equals(r.path("status").asText())) {
                out.add(r.path("name").asText() + ": " + r.path("reason").asText());
            }
        });
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://localhost:4000/graphql", "http://localhost:8081/graphql", "http://localhost:8082/graphql",
            "http://localhost:8083/graphql", "http://localhost:8084/graphql" })
    void noMustOfTheGraphQLOverHttpSpecFails(String url) throws Exception {
        JsonNode results = audit(url);
        assertThat(results.size()).as("audits run").isGreaterThan(20);
        assertThat(withStatus(results, "error")).as(url + ": MUSTs failed").isEmpty();
        if (url.contains(":4000")) {
            assertThat(withStatus(results, "warn")).as("the gateway: SHOULDs failed").isEmpty();
        }
        System.out.printf("graphql-http audit %s: %d ok, %d warn, %d notice%n", url, withStatus(results, "ok").size(),
                withStatus(results, "warn").size(), withStatus(results, "notice").size());
    }
}
