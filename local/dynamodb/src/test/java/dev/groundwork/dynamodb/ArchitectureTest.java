package dev.groundwork.dynamodb;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The server reads bottom up: {@code model} and {@code expression}, then {@code storage}, then {@code protocol}, then
 * {@code http}. The storage knows nothing of JSON trees or of the protocol that serves it. {@code iam} (policies,
 * sessions) stands beside them all, on the JDK alone, and is used by {@code protocol} and {@code http}.
 */
class ArchitectureTest {
    private static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.groundwork.dynamodb");

    @Test
    void storageUsesNoJacksonTypeAndKnowsNothingOfTheProtocol() {
        noClasses()
                .that()
                .resideInAPackage("..dynamodb.storage..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("com.fasterxml..", "..dynamodb.protocol..", "..dynamodb.http..")
                .check(SERVER);
    }

    @Test
    void iamNeedsOnlyTheJdk() {
        noClasses()
                .that()
                .resideInAPackage("..dynamodb.iam..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "com.fasterxml..",
                        "..dynamodb.model..",
                        "..dynamodb.expression..",
                        "..dynamodb.storage..",
                        "..dynamodb.protocol..",
                        "..dynamodb.http..")
                .check(SERVER);
    }

    @Test
    void protocolKnowsNothingOfHttp() {
        noClasses()
                .that()
                .resideInAPackage("..dynamodb.protocol..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..dynamodb.http..")
                .check(SERVER);
    }

    @Test
    void valuesAndExpressionsKnowNothingOfStorageOrProtocol() {
        noClasses()
                .that()
                .resideInAnyPackage("..dynamodb.model..", "..dynamodb.expression..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..dynamodb.storage..", "..dynamodb.protocol..", "..dynamodb.http..")
                .check(SERVER);
    }
}
