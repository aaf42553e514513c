package dev.groundwork.local;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The runner's packages depend on each other in one direction: a newcomer can read them bottom up. */
class RunnerArchitectureTest {
    private static final JavaClasses RUNNER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.groundwork.local");

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("dev.groundwork.local.(*)..")
                .should()
                .beFreeOfCycles()
                .check(RUNNER);
    }
}
