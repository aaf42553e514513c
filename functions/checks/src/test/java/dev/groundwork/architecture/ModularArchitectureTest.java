package dev.groundwork.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * What may depend on what, over every function's code at once (docs/architecture.md draws it):
 *
 * <pre>
 *   function modules (one handler each)
 *        │
 *   imports ──► items ◄── usage          bounded contexts: domain + adapters + wiring
 *        │        │         │
 *        └──► platform ◄────┘            HTTP, SQS, idempotency, observability, configuration
 *                 │
 *               kernel                   tenancy and field errors, shared by every context
 * </pre>
 */
class ModularArchitectureTest {
    private static final String KERNEL = "dev.groundwork.kernel..";
    private static final String PLATFORM = "dev.groundwork.platform..";
    private static final String ITEMS = "dev.groundwork.items..";
    private static final String USAGE = "dev.groundwork.usage..";
    private static final String IMPORTS = "dev.groundwork.imports..";

    private final JavaClasses code = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // The test-jars of the platform and the items context hold test support, not product code.
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages(
                    "dev.groundwork.kernel",
                    "dev.groundwork.platform",
                    "dev.groundwork.items",
                    "dev.groundwork.usage",
                    "dev.groundwork.imports");

    @Test
    void contextsDependOnlyOnThePlatformTheKernelAndTheItemsTheyCountOrWrite() {
        layeredArchitecture()
                .consideringOnlyDependenciesInAnyPackage("dev.groundwork..")
                .layer("kernel")
                .definedBy(KERNEL)
                .layer("platform")
                .definedBy(PLATFORM)
                .layer("items")
                .definedBy(ITEMS)
                .layer("usage")
                .definedBy(USAGE)
                .layer("imports")
                .definedBy(IMPORTS)
                .whereLayer("imports")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("usage")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("items")
                .mayOnlyBeAccessedByLayers("usage", "imports")
                .whereLayer("platform")
                .mayOnlyBeAccessedByLayers("items", "usage", "imports")
                .whereLayer("kernel")
                .mayOnlyBeAccessedByLayers("platform", "items", "usage", "imports")
                .check(code);
    }

    @Test
    void aDomainUsesOnlyTheKernelAndTheDomainsItBuildsOn() {
        classes()
                .that()
                .resideInAPackage("dev.groundwork.(*).domain..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "javax.crypto..", KERNEL, "dev.groundwork.*.domain..")
                .check(code);
    }

    @Test
    void theKernelUsesNothingOfGroundworks() {
        noClasses()
                .that()
                .resideInAPackage(KERNEL)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(PLATFORM, ITEMS, USAGE, IMPORTS)
                .check(code);
    }

    @Test
    void onlyLambdaCallsAHandler() {
        noClasses()
                .that(not(simpleNameEndingWith("Handler")))
                .should()
                .dependOnClassesThat(simpleNameEndingWith("Handler"))
                .check(code);
    }

    /**
     * Powertools metrics 2.9.0's {@code MetricsFactory} registers a SnapStart checkpoint hook in its static initialiser
     * that preloads AspectJ's classes, which the zips do not carry: the hook throws NoClassDefFoundError and the
     * snapshot fails. {@code MetricsBuilder} goes through it. Neither may be used (PowertoolsRequestMetrics,
     * docs/snapstart.md).
     */
    @Test
    void nothingLoadsPowertoolsMetricsFactoryAndItsCheckpointHook() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("software.amazon.lambda.powertools.metrics.MetricsFactory")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("software.amazon.lambda.powertools.metrics.MetricsBuilder")
                .check(code);
    }

    /**
     * The zips carry no EMF library (Groundwork's EmfMetrics writes the documents), so Powertools' own provider and its
     * logger, which are built on it, would fail with NoClassDefFoundError wherever they were reached.
     */
    @Test
    void nothingUsesTheEmfLibraryOrPowertoolsProviderBuiltOnIt() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("software.amazon.cloudwatchlogs.emf..")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("software.amazon.lambda.powertools.metrics.provider.EmfMetricsProvider")
                .orShould()
                .dependOnClassesThat()
                .resideInAPackage("software.amazon.lambda.powertools.metrics.internal..")
                .check(code);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.groundwork.(**)").should().beFreeOfCycles().check(code);
    }
}
