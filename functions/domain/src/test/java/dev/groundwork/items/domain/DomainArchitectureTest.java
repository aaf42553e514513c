package dev.groundwork.items.domain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The domain is plain Java (house style, rule 6); the enforcer keeps the dependencies out, this keeps the imports. */
class DomainArchitectureTest {
    private final JavaClasses domain = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.groundwork.items.domain");

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
