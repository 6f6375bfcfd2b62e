package io.pharos.ticket;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * How ticket-service's packages may depend on each other: the edges (REST, GraphQL, Kafka
 * consumers) call services; services use repositories, mappers and clients; DTOs (api) and the
 * domain are shared below. Nothing depends on an edge, and no two packages depend on each other.
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.pharos.ticket");

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.pharos.ticket.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    /** The service layer by feature (ticket, sla, routing, customer, inbound): features depend one way only. */
    @Test
    void serviceFeaturesHaveNoCycles() {
        slices().matching("io.pharos.ticket.service.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void edgesCallServicesWhichUseRepositoriesAndMappers() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("rest").definedBy("io.pharos.ticket.rest..")
                .layer("graphql").definedBy("io.pharos.ticket.graphql..")
                .layer("messaging").definedBy("io.pharos.ticket.messaging..")
                .layer("service").definedBy("io.pharos.ticket.service..")
                .layer("repository").definedBy("io.pharos.ticket.repository..")
                .layer("mapping").definedBy("io.pharos.ticket.mapping..")
                .layer("client").definedBy("io.pharos.ticket.client..")
                .layer("api").definedBy("io.pharos.ticket.api..")
                .layer("domain").definedBy("io.pharos.ticket.domain..")
                .whereLayer("rest").mayNotBeAccessedByAnyLayer()
                .whereLayer("graphql").mayNotBeAccessedByAnyLayer()
                .whereLayer("messaging").mayNotBeAccessedByAnyLayer()
                .whereLayer("service").mayOnlyBeAccessedByLayers("rest", "graphql", "messaging")
                .whereLayer("repository").mayOnlyBeAccessedByLayers("service")
                .whereLayer("mapping").mayOnlyBeAccessedByLayers("service")
                .whereLayer("client").mayOnlyBeAccessedByLayers("service")
                .whereLayer("api").mayOnlyBeAccessedByLayers("rest", "graphql", "messaging", "service", "mapping")
                .check(MAIN);
    }
}
