package io.pharos.ticket.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.pharos.testing.KeycloakTokens;
import io.pharos.testing.Supergraph;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The subgraph as the gateway sees it: its {@code _service { sdl }} equals the checked-in
 * {@code deploy/gateway/subgraphs/ticket-service.graphql}, and every checked-in subgraph composes
 * (Federation v2, @theguild/federation-composition) into the checked-in supergraph.
 */
@QuarkusTest
class SubgraphCompositionTest {

    @BeforeAll
    static void installComposer() throws Exception {
        Supergraph.ensureTooling();
    }

    static String sdl() {
        return TicketGraphQLTest.graphql(KeycloakTokens.user("anna"), "{ _service { sdl } }", Map.of())
                .extract().path("data._service.sdl");
    }

    @Test
    void theSubgraphIsTheCheckedInOneAndComposesIntoTheSupergraph() throws Exception {
        String sdl = sdl();
        assertThat(sdl).contains("url : \"https://specs.apollo.dev/federation/v2")
                .contains("type Ticket @key(fields : \"id\")").contains("ticketChanged");
        assertThat(Supergraph.drift("ticket-service", sdl)).isNull();
        Supergraph.Result result = Supergraph.composeCheckedIn();
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(Files.readString(Supergraph.SUPERGRAPH)).contains("join__Graph").contains("ticketChanged")
                .contains("TICKET_SERVICE @join__graph(name: \"ticket-service\", url: \"http://ticket-service:8080/graphql\")");
    }

    @Test
    void aConflictingSubgraphIsRefusedLoudly() throws Exception {
        Path ticket = Path.of("target", "subgraph-ticket.graphql").toAbsolutePath();
        Files.writeString(ticket, sdl());
        // another team redefining a field of Ticket with another type must break the build, not the gateway
        Path rogue = Path.of("target", "subgraph-rogue.graphql").toAbsolutePath();
        Files.writeString(rogue, """
                extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
                type Ticket @key(fields: "id") { id: ID! subject: Int }
                type Query { rogue: Ticket }
                """);
        Supergraph.Result result = Supergraph.compose(Map.of("ticket", ticket, "rogue", rogue));
        assertThat(result.exit()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).contains("composition failed").contains("subject");
    }
}
