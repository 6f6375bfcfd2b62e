package io.pharos.commons;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** commons is what every service builds on: its packages form no cycle and know no service. */
class ArchitectureTest {

    private static final JavaClasses COMMONS = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.pharos.commons");

    @Test
    void packagesFormNoCycle() {
        slices().matching("io.pharos.commons.(*)..").should().beFreeOfCycles().check(COMMONS);
    }

    @Test
    void commonsKnowsNoService() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.pharos.ticket..", "io.pharos.channel..", "io.pharos.survey..",
                "io.pharos.analytics..").check(COMMONS);
    }
}
