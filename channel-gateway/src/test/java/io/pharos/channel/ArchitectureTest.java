package io.pharos.channel;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
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
 * The shape of channel-gateway: edges (REST and webhooks, GraphQL, Kafka consumers) call the
 * feature services (service.&lt;feature&gt;), which use repositories, provider clients and the
 * domain; no package cycles, no class too long to read.
 */
class ArchitectureTest {

    static final JavaClasses MAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.pharos.channel");

    @Test
    void noCyclesBetweenTopLevelPackages() {
        slices().matching("io.pharos.channel.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void noCyclesBetweenFeatures() {
        slices().matching("io.pharos.channel.service.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void layers() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("rest").definedBy("io.pharos.channel.rest..")
                .layer("graphql").definedBy("io.pharos.channel.graphql..")
                .layer("messaging").definedBy("io.pharos.channel.messaging..")
                .layer("service").definedBy("io.pharos.channel.service..")
                .layer("client").definedBy("io.pharos.channel.client..")
                .layer("repository").definedBy("io.pharos.channel.repository..")
                .layer("api").definedBy("io.pharos.channel.api..")
                .layer("model").definedBy("io.pharos.channel.model..")
                .layer("domain").definedBy("io.pharos.channel.domain..")
                .whereLayer("rest").mayNotBeAccessedByAnyLayer()
                .whereLayer("graphql").mayNotBeAccessedByAnyLayer()
                .whereLayer("messaging").mayNotBeAccessedByAnyLayer()
                .whereLayer("service").mayOnlyBeAccessedByLayers("rest", "graphql", "messaging")
                .whereLayer("client").mayOnlyBeAccessedByLayers("service")
                .whereLayer("repository").mayOnlyBeAccessedByLayers("service")
                .whereLayer("api").mayOnlyBeAccessedByLayers("rest", "graphql", "service")
                .whereLayer("model").mayOnlyBeAccessedByLayers("rest", "graphql", "service", "client", "api", "repository", "domain")
                .whereLayer("domain").mayOnlyBeAccessedByLayers("rest", "graphql", "service", "repository", "client")
                .check(MAIN);
    }

    @Test
    void edgesDoNotReachRepositoriesOrClients() {
        noClasses().that().resideInAnyPackage("io.pharos.channel.rest..", "io.pharos.channel.graphql..", "io.pharos.channel.messaging..")
                .should().dependOnClassesThat().resideInAnyPackage("io.pharos.channel.repository..", "io.pharos.channel.client..")
                .check(MAIN);
    }

    @Test
    void noClassOver400Lines() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            List<String> long_ = files.filter(f -> f.toString().endsWith(".java")).filter(f -> lines(f) > 400)
                    .map(Path::toString).toList();
            assertThat(long_).as("classes over 400 lines").isEmpty();
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
