package io.nifiecommerce.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The plain-Java core (clients, mappers, parsers) stays free of NiFi so that it can be read, tested and
 * benchmarked on its own, and the packages depend on each other in one direction only.
 */
class LayeringTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.nifiecommerce");
    }

    @Test
    void plainJavaPackagesNeverUseNiFi() {
        noClasses().that().resideInAPackage("io.nifiecommerce..").and().resideOutsideOfPackage("io.nifiecommerce.processors..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.nifi..")
                .because("NiFi adapters live under io.nifiecommerce.processors; the core is plain Java")
                .check(classes);
    }

    @Test
    void plainJavaPackagesNeverUseTheAdapters() {
        noClasses().that().resideInAPackage("io.nifiecommerce..").and().resideOutsideOfPackage("io.nifiecommerce.processors..")
                .should().dependOnClassesThat().resideInAPackage("io.nifiecommerce.processors..")
                .check(classes);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.nifiecommerce.(*)..").should().beFreeOfCycles().check(classes);
    }
}
