package io.pharos.ticket.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.pharos.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The subgraph as the gateway will see it: its {@code _service { sdl }} goes through the same
 * Federation v2 composition (@theguild/federation-composition, deploy/gateway/compose.mjs) that
 * builds the supergraph.
 */
@QuarkusTest
class SubgraphCompositionTest {

    static final Path GATEWAY = Path.of("..", "deploy", "gateway").toAbsolutePath().normalize();

    @BeforeAll
    static void installComposer() throws Exception {
        if (!Files.isDirectory(GATEWAY.resolve("node_modules/@theguild/federation-composition"))) {
            Result npm = run(GATEWAY, List.of("npm", "ci", "--no-audit", "--no-fund"));
            assertThat(npm.exit()).as("npm ci in deploy/gateway: %s", npm.output()).isZero();
        }
    }

    record Result(int exit, String output) {
    }

    static Result run(Path dir, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    static Result compose(Map<String, Path> subgraphs) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", "compose.mjs"));
        subgraphs.forEach((name, file) -> command.add(name + "=" + file));
        return run(GATEWAY, command);
    }

    static Path sdl() throws IOException {
        String sdl = TicketGraphQLTest.graphql(KeycloakTokens.user("anna"), "{ _service { sdl } }", Map.of())
                .extract().path("data._service.sdl");
        Path file = Path.of("target", "subgraph-ticket.graphql").toAbsolutePath();
        Files.writeString(file, sdl);
        return file;
    }

    @Test
    void theSubgraphComposesAsFederationV2() throws Exception {
        Path ticket = sdl();
        assertThat(Files.readString(ticket)).contains("url : \"https://specs.apollo.dev/federation/v2")
                .contains("type Ticket @key(fields : \"id\")").contains("ticketChanged");
        Result result = compose(Map.of("ticket", ticket));
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("join__Graph").contains("ticketChanged");
    }

    @Test
    void aConflictingSubgraphIsRefusedLoudly() throws Exception {
        Path ticket = sdl();
        // another team redefining a field of Ticket with another type must break the build, not the gateway
        Path rogue = Path.of("target", "subgraph-rogue.graphql").toAbsolutePath();
        Files.writeString(rogue, """
                extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
                type Ticket @key(fields: "id") { id: ID! subject: Int }
                type Query { rogue: Ticket }
                """);
        Result result = compose(Map.of("ticket", ticket, "rogue", rogue));
        assertThat(result.exit()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).contains("composition failed").contains("subject");
    }
}
