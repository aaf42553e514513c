package dev.groundwork.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Isolation below the code, through the runner as {@code ./groundwork local} serves it: the repository's template and
 * functions, with one bug planted in GetItem (a scratch copy of the real {@code DynamoDbItems} that reads the
 * partition of tenant {@code globex} whatever the request's tenant). The code would leak globex's item to acme; the
 * embedded DynamoDB, enforcing GetItem's tenant role as deployed IAM would, refuses it with AccessDeniedException, and
 * acme gets a 500 with no detail. Also prints what tenant credentials cost a request (docs/security.md).
 */
class TenantIsolationIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path REPOSITORY = RepositoryApplication.TEMPLATE.getParent();
    private static final String PLANTED_TENANT = "globex";

    @TempDir
    static Path scratch;

    static LocalApplication app;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startWithABugPlantedInGetItem() throws Exception {
        Path getItem = REPOSITORY.resolve("functions/get-item");
        assumeTrue(
                Files.isRegularFile(getItem.resolve("target/runtime-classpath.txt")),
                "functions/get-item is not built; ./mvnw verify builds it before this module");
        Path project = scratch.resolve("project");
        Files.createDirectories(project.resolve("functions"));
        Files.copy(RepositoryApplication.TEMPLATE, project.resolve("template.yaml"));
        Files.createDirectories(project.resolve("api"));
        Files.copy(REPOSITORY.resolve("api/openapi.yaml"), project.resolve("api/openapi.yaml"));
        try (Stream<Path> modules = Files.list(REPOSITORY.resolve("functions"))) {
            for (Path module : modules.toList()) {
                if (!module.getFileName().toString().equals("get-item")) {
                    Files.createSymbolicLink(project.resolve("functions").resolve(module.getFileName()), module);
                }
            }
        }
        Path classes = project.resolve("functions/get-item/target/classes");
        copyTree(getItem.resolve("target/classes"), classes);
        Files.copy(
                getItem.resolve("target/runtime-classpath.txt"),
                project.resolve("functions/get-item/target/runtime-classpath.txt"));
        plantCrossTenantRead(getItem, classes);

        // SnapStart off: with it on, the planted read already fails GetItem's priming (its made-up tenant is refused
        // globex's partition too), so the function never starts, as Lambda would not publish the version.
        app = LocalApplication.start(LocalApplication.Options.forTemplate(project.resolve("template.yaml"))
                .throttling(false)
                .parameterOverrides(java.util.Map.of("SnapStart", "Off"))
                .stateDirectory(scratch.resolve("state"))
                .build());
    }

    /** The real repository's source, with every key built for tenant globex: the bug a test of acme cannot see. */
    private static void plantCrossTenantRead(Path getItem, Path classes) throws IOException {
        Path source =
                REPOSITORY.resolve("functions/items/src/main/java/dev/groundwork/items/dynamodb/DynamoDbItems.java");
        String real = Files.readString(source);
        String planted = real.replace(
                "ItemKeys.item(tenant, id)", "ItemKeys.item(new TenantId(\"" + PLANTED_TENANT + "\"), id)");
        assertThat(planted).as("the bug is planted").isNotEqualTo(real);
        Path sources = Files.createDirectories(scratch.resolve("planted/dev/groundwork/items/dynamodb"));
        Path plantedSource = Files.writeString(sources.resolve("DynamoDbItems.java"), planted);
        String classpath = getItem.resolve("target/classes")
                + java.io.File.pathSeparator
                + Files.readString(getItem.resolve("target/runtime-classpath.txt"))
                        .strip();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(
                null,
                null,
                null,
                "--release",
                "21",
                "-proc:none",
                "-cp",
                classpath,
                "-d",
                classes.toString(),
                plantedSource.toString());
        assertThat(status).as("the planted copy compiles").isZero();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aHandlerBugThatReadsAnotherTenantsPartitionIsRefusedByIam() throws Exception {
        // given: globex's item (written by the real CreateItem)
        HttpResponse<String> created = send("POST", "/v1/items", PLANTED_TENANT, "{\"name\":\"globex secret\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).path("id").asText();

        // when: acme reads that id, and the planted GetItem builds globex's key
        HttpResponse<String> leaked = send("GET", "/v1/items/" + id, "acme", null);

        // then: IAM refuses the read: acme gets a 500 without detail, never globex's item
        assertThat(leaked.statusCode()).isEqualTo(500);
        assertThat(leaked.body()).doesNotContain("globex secret").contains("internal-error");
        // and the planted code itself works where the tenants agree: globex reads its own item
        HttpResponse<String> own = send("GET", "/v1/items/" + id, PLANTED_TENANT, null);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains("globex secret");
    }

    /**
     * What a tenant's credentials cost a request, through the runner: ListItems' first request of a tenant new to the
     * environment (an AssumeRole, then the query) against the next requests of the same tenants (cached credentials).
     * Printed for docs/security.md; the assertions only keep the figures meaningful.
     */
    @Test
    void printsWhatTenantCredentialsCostARequest() throws Exception {
        int tenants = Integer.getInteger("isolation.tenants", 100);
        int warmRounds = Integer.getInteger("isolation.warmRounds", 5);
        for (int i = 0; i < 50; i++) { // the function's class loading, its JIT and the runner's own warm-up
            send("GET", "/v1/items?limit=1", "warmup-" + (i % 5), null);
        }
        List<Long> first = new ArrayList<>();
        List<Long> warm = new ArrayList<>();
        for (int t = 0; t < tenants; t++) {
            first.add(timedList("cost-" + t));
        }
        for (int round = 0; round < warmRounds; round++) {
            for (int t = 0; t < tenants; t++) {
                warm.add(timedList("cost-" + t));
            }
        }
        System.out.printf(
                Locale.ROOT,
                "tenant credentials, GET /v1/items?limit=1 through the runner: first request of %d new tenants"
                        + " p50 %.2f ms p99 %.2f ms; %d warm requests p50 %.2f ms p99 %.2f ms%n",
                tenants,
                percentile(first, 50),
                percentile(first, 99),
                warm.size(),
                percentile(warm, 50),
                percentile(warm, 99));
        assertThat(first).hasSize(tenants);
    }

    private static long timedList(String tenant) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> response = send("GET", "/v1/items?limit=1", tenant, null);
        long took = System.nanoTime() - started;
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return took;
    }

    private static double percentile(List<Long> nanos, int percent) {
        List<Long> sorted = nanos.stream().sorted().toList();
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1_000_000.0;
    }

    private static HttpResponse<String> send(String method, String path, String tenant, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.endpoint() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + app.token(tenant, tenant + "-user", Duration.ofMinutes(5)))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            paths.forEach(path -> {
                try {
                    Path target = to.resolve(from.relativize(path).toString());
                    if (Files.isDirectory(path)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(path, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
