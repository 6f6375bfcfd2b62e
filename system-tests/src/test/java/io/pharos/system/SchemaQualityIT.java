package io.pharos.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.pharos.testing.Supergraph;

/**
 * The supergraph's quality gates (deploy/gateway/schema-check.mjs): the public API composed from
 * the checked-in subgraphs has no lint problem beyond the known gaps of the baseline, and the
 * breaking-change check that guards every supergraph update tells a removed field from an added one.
 */
class SchemaQualityIT {

    @Test
    void theComposedApiHasNoLintProblemBeyondTheKnownGaps() throws Exception {
        Supergraph.ensureTooling();
        Supergraph.Result lint = Supergraph.lintCheckedIn();
        assertThat(lint.exit()).as(lint.output()).isZero();
    }

    @Test
    void removingAFieldIsABreakingChangeAndAddingAnOptionalOneIsNot() throws Exception {
        Supergraph.ensureTooling();
        String current = Files.readString(Supergraph.SUPERGRAPH);
        Path dir = Files.createTempDirectory("supergraph");
        Path without = dir.resolve("without.graphql");
        // the field with its description (a block string or a one-line string above it)
        Files.writeString(without, current.replaceFirst(
                "\n  (?:\"\"\"[^\"]*\"\"\"\n  |\"[^\"\n]*\"\n  )?subject: String! @join__field\\(graph: TICKET_SERVICE\\)", ""));
        assertThat(Files.readString(without)).isNotEqualTo(current);
        Path with = dir.resolve("with.graphql");
        Files.writeString(with, current.replaceFirst("\n  subject: String! @join__field\\(graph: TICKET_SERVICE\\)",
                "\n  subject: String! @join__field(graph: TICKET_SERVICE)\n  \"a new optional field\"\n  brandNew: String @join__field(graph: TICKET_SERVICE)"));

        Supergraph.Result removed = Supergraph.breakingChanges(Supergraph.SUPERGRAPH, without);
        assertThat(removed.exit()).isEqualTo(1);
        assertThat(removed.output()).contains("BREAKING: Ticket.subject was removed.");
        Supergraph.Result added = Supergraph.breakingChanges(Supergraph.SUPERGRAPH, with);
        assertThat(added.exit()).as(added.output()).isZero();
        assertThat(Supergraph.breakingChanges(Supergraph.SUPERGRAPH, Supergraph.SUPERGRAPH).exit()).isZero();
    }
}
