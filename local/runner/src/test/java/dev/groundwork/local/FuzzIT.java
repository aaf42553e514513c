package dev.groundwork.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.local.fuzz.Fuzzer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 17 in {@code ./mvnw verify}: a bounded set of seeds of {@code ./groundwork fuzz} against the repository's
 * application, served by the runner with the embedded DynamoDB and ElasticMQ. Any violation fails the seed, with the
 * first example of each kind; {@code ./groundwork fuzz --seed S --requests N} replays it. Skipped when the functions
 * are not built.
 */
class FuzzIT {

    /** Per seed: with the application's cold starts, the two seeds stay well under two minutes on 2 cores. */
    private static final int REQUESTS = 1_500;

    private static final int TENANTS = 3;
    private static final Path CONTRACT =
            RepositoryApplication.TEMPLATE.getParent().resolve("api/openapi.yaml");

    @TempDir
    static Path state;

    static LocalApplication app;

    @BeforeAll
    static void start() throws Exception {
        app = RepositoryApplication.start(state);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2})
    void noInputBreaksTheApiTheDataOrAnotherTenant(long seed) throws Exception {
        Fuzzer.Report report = Fuzzer.run(
                Fuzzer.Settings.of(app.endpoint(), app.issuer(), app.identity(), CONTRACT, REQUESTS, seed, TENANTS),
                null);

        System.out.println(report.summary());
        assertThat(report.violations())
                .as("%s%n%s", report.summary(), report.examples())
                .isZero();
    }
}
