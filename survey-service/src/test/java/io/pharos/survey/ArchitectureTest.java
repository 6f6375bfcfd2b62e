package io.pharos.survey;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * How survey-service is built: the edges (REST, GraphQL, Kafka consumer) call services, services
 * use repositories, the comment analysis and the event mapping, and all of them speak the domain.
 * Nothing calls an edge, and the edges never reach a repository.
 */
class ArchitectureTest {

    private static final int MAX_LINES = 400;

    private static final JavaClasses MAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.pharos.survey");

    @Test
    void layersCallOnlyDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Rest").definedBy("io.pharos.survey.rest..")
                .layer("GraphQL").definedBy("io.pharos.survey.graphql..")
                .layer("Messaging").definedBy("io.pharos.survey.messaging..")
                .layer("Service").definedBy("io.pharos.survey.service..")
                .layer("Analysis").definedBy("io.pharos.survey.analysis..")
                .layer("Mapping").definedBy("io.pharos.survey.mapping..")
                .layer("Repository").definedBy("io.pharos.survey.repository..")
                .layer("Api").definedBy("io.pharos.survey.api..")
                .layer("Domain").definedBy("io.pharos.survey.domain..")
                .layer("Model").definedBy("io.pharos.survey.model..")
                .whereLayer("Rest").mayNotBeAccessedByAnyLayer()
                .whereLayer("GraphQL").mayNotBeAccessedByAnyLayer()
                .whereLayer("Messaging").mayNotBeAccessedByAnyLayer()
                .whereLayer("Service").mayOnlyBeAccessedByLayers("Rest", "GraphQL", "Messaging")
                .whereLayer("Analysis").mayOnlyBeAccessedByLayers("Service")
                .whereLayer("Mapping").mayOnlyBeAccessedByLayers("Service")
                .whereLayer("Repository").mayOnlyBeAccessedByLayers("Service")
                // request and response records of the APIs; repositories answer the list queries in them
                .whereLayer("Api").mayOnlyBeAccessedByLayers("Rest", "GraphQL", "Service", "Repository")
                // the edges see the domain only for its enums (trigger, send-via) in their inputs and outputs
                .whereLayer("Domain").mayOnlyBeAccessedByLayers("Service", "Mapping", "Repository", "Api", "GraphQL")
                .check(MAIN);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.pharos.survey.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void noMainClassIsLongerThan400Lines() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            List<String> tooLong = files.filter(f -> f.toString().endsWith(".java")).filter(f -> lines(f) > MAX_LINES)
                    .map(f -> f + " (" + lines(f) + " lines)").toList();
            assertThat(tooLong).as("classes over %d lines: split them by responsibility", MAX_LINES).isEmpty();
        }
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
