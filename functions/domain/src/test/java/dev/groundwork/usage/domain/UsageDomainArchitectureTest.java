package dev.groundwork.usage.domain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The usage and import domains are plain Java too (house style, rule 6), and take their time from a Clock. */
class UsageDomainArchitectureTest {
    private final JavaClasses domains = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.groundwork.usage.domain", "dev.groundwork.imports.domain");

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
                        "org.apache.logging..")
                .check(domains);
    }

    @Test
    void readsNoEnvironmentAndNoClockOfItsOwn() {
        noClasses()
                .should()
                .callMethod(System.class, "getenv")
                .orShould()
                .callMethod(java.time.Instant.class, "now")
                .orShould()
                .callMethod(java.time.LocalDate.class, "now")
                .orShould()
                .callMethod(System.class, "currentTimeMillis")
                .check(domains);
    }
}
