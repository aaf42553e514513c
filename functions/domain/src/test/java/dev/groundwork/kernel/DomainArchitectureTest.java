package dev.groundwork.kernel;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Every context's domain and the shared kernel are plain Java that takes its time from a Clock (house style, rules 6
 * and 8). The enforcer keeps the dependencies out of this module; this keeps the imports and the calls out. Which
 * context may use which is checked over all modules in functions/checks (ModularArchitectureTest).
 */
class DomainArchitectureTest {
    private final JavaClasses domain = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(
                    "dev.groundwork.kernel",
                    "dev.groundwork.items.domain",
                    "dev.groundwork.usage.domain",
                    "dev.groundwork.imports.domain");

    @Test
    void usesNoAwsLambdaJacksonOrPowertoolsType() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "software.amazon..",
                        "com.amazonaws..",
                        "com.fasterxml.jackson..",
                        "tools.jackson..",
                        "org.slf4j..",
                        "ch.qos.logback..")
                .check(domain);
    }

    @Test
    void readsNoEnvironmentAndNoClockOfItsOwn() {
        noClasses()
                .should()
                .callMethod(System.class, "getenv")
                .orShould()
                .callMethod(System.class, "getenv", String.class)
                .orShould()
                .callMethod(java.time.Instant.class, "now")
                .orShould()
                .callMethod(System.class, "currentTimeMillis")
                .check(domain);
    }
}
