package io.pharos.analytics;

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
 * The shape of analytics-service: edges (REST, GraphQL, Kafka consumers) call services; services
 * own the transactions and call repositories (all SQL) and clients; the model and the API records
 * depend on nothing of ours. No package cycles, no class too long to read.
 */
class ArchitectureTest {

    static final String ROOT = "io.pharos.analytics";
    static final JavaClasses MAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);

    @Test
    void noCyclesBetweenPackages() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(MAIN);
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void layersOnlyCallDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Edges").definedBy(ROOT + ".rest..", ROOT + ".graphql..", ROOT + ".messaging..")
                .layer("Services").definedBy(ROOT + ".service..")
                .layer("Repositories").definedBy(ROOT + ".repository..")
                .layer("Clients").definedBy(ROOT + ".client..")
                .layer("Config").definedBy(ROOT + ".config..")
                .layer("Model").definedBy(ROOT + ".model..", ROOT + ".api..")
                .whereLayer("Edges").mayNotBeAccessedByAnyLayer()
                .whereLayer("Services").mayOnlyBeAccessedByLayers("Edges")
                .whereLayer("Repositories").mayOnlyBeAccessedByLayers("Services")
                .whereLayer("Clients").mayOnlyBeAccessedByLayers("Services")
                .whereLayer("Config").mayOnlyBeAccessedByLayers("Services", "Clients")
                .whereLayer("Model").mayOnlyBeAccessedByLayers("Edges", "Services", "Repositories")
                .check(MAIN);
    }

    @Test
    void edgesDoNotReachEachOther() {
        noClasses().that().resideInAPackage(ROOT + ".rest..").should().dependOnClassesThat().resideInAnyPackage(ROOT + ".graphql..", ROOT + ".messaging..")
                .check(MAIN);
        noClasses().that().resideInAPackage(ROOT + ".graphql..").should().dependOnClassesThat().resideInAnyPackage(ROOT + ".rest..", ROOT + ".messaging..")
                .check(MAIN);
        noClasses().that().resideInAPackage(ROOT + ".messaging..").should().dependOnClassesThat().resideInAnyPackage(ROOT + ".rest..", ROOT + ".graphql..")
                .check(MAIN);
    }

    @Test
    void theModelDependsOnNothingOfOurs() {
        noClasses().that().resideInAnyPackage(ROOT + ".model..", ROOT + ".api..").should().dependOnClassesThat()
                .resideInAnyPackage(ROOT + ".rest..", ROOT + ".graphql..", ROOT + ".messaging..", ROOT + ".service..", ROOT + ".repository..",
                        ROOT + ".client..", ROOT + ".config..")
                .check(MAIN);
    }

    @Test
    void noClassInMainIsOver400Lines() throws IOException {
        Path main = Path.of("src/main/java");
        try (Stream<Path> files = Files.walk(main)) {
            List<String> tooLong = files.filter(f -> f.toString().endsWith(".java")).filter(f -> lines(f) > 400)
                    .map(f -> main.relativize(f) + " (" + lines(f) + " lines)").toList();
            assertThat(tooLong).as("classes over 400 lines").isEmpty();
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
