package dev.groundwork.local.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.groundwork.local.LocalApplication;
import dev.groundwork.local.RepositoryApplication;
import dev.groundwork.local.console.Console;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application's observability as a developer meets it locally, through the repository's template.yaml and the
 * functions as the build left them: correlation ids in every log line of a request and of the async work it causes,
 * no token or item content in any log line, the EMF metrics collected behind {@code /_local/metrics}, and the
 * dashboard page in a real headless Chromium. Skipped (with the reason) when the functions are not built; the browser
 * test alone is skipped when Chromium or Node is missing (see docs/observability.md, "In CI").
 */
class ObservabilityIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    /** Pinned: the browser test installs it into target/ when it first runs (npm, a few seconds). */
    private static final String PLAYWRIGHT_CORE = "playwright-core@1.56.1";

    private static final Duration ASYNC_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    static Path state;

    static LocalApplication app;
    static final HttpClient http = HttpClient.newHttpClient();
    static final List<Console.FunctionLine> lines = new CopyOnWriteArrayList<>();
    static final Consumer<Console.FunctionLine> capture = lines::add;

    @BeforeAll
    static void start() throws Exception {
        app = RepositoryApplication.start(state);
        app.console().addListener(capture);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.console().removeListener(capture);
            app.close();
        }
    }

    private static String token(String tenant) {
        return app.token(tenant, tenant + "-user", Duration.ofMinutes(5));
    }

    private static HttpResponse<String> call(String method, String path, String token, String body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.endpoint() + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The JSON log lines (not metrics) a function wrote. */
    /**
     * The function's log lines of requests and batches: without its metrics, and without its SnapStart priming's lines
     * (docs/snapstart.md), which belong to no request.
     */
    private static List<JsonNode> logLines(String function) {
        return lines.stream()
                .filter(line -> line.function().equals(function)
                        && line.json() != null
                        && !line.json().has("_aws"))
                .map(Console.FunctionLine::json)
                .filter(line -> !line.path("function_request_id").asText().startsWith("snapstart-priming")
                        && !line.path("message").asText().equals("primed before the snapshot"))
                .toList();
    }

    private static boolean carries(JsonNode line, String id) {
        return Arrays.asList(line.path("correlation_id").asText().split(",")).contains(id)
                || Arrays.asList(line.path("correlation_ids").asText().split(","))
                        .contains(id);
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        await(what, condition, () -> "");
    }

    /** @param seen what the failure message shows when the condition never holds */
    private static void await(
            String what, java.util.function.BooleanSupplier condition, java.util.function.Supplier<Object> seen)
            throws InterruptedException {
        long deadline = System.nanoTime() + ASYNC_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + ASYNC_TIMEOUT + " for " + what + "; saw " + seen.get());
            }
            Thread.sleep(100);
        }
    }

    @Test
    void aRequestsCorrelationIdIsInEveryLogLineOfItsRequestAndOfTheAsyncWorkItCauses() throws Exception {
        // given: a client that names its request
        String id = "obs-it-" + UUID.randomUUID();
        String body = "{\"name\":\"crate 1\"}\n{\"name\":\"crate 2\"}\n{\"name\":\"\"}\n";

        // when
        HttpResponse<String> accepted = call(
                "POST",
                "/v1/imports",
                token("initech"),
                body,
                "Content-Type",
                "application/x-ndjson",
                "X-Correlation-Id",
                id);

        // then: the answer names it
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.headers().firstValue("x-correlation-id")).contains(id);
        // every log line of the request carries it
        await(
                "the import's request to log",
                () -> logLines("CreateImportFunction").stream().anyMatch(l -> carries(l, id)));
        assertThat(logLines("CreateImportFunction"))
                .allSatisfy(line -> assertThat(line.path("correlation_id").asText())
                        .as(line.toString())
                        .isEqualTo(id));
        // the import worker reads it from the message's attributes: every line of its work carries it
        await(
                "the import worker to write the chunk",
                () -> logLines("ImportWorkerFunction").stream()
                        .anyMatch(line -> line.path("message").asText().equals("batch handled")));
        assertThat(logLines("ImportWorkerFunction"))
                .allSatisfy(line ->
                        assertThat(carries(line, id)).as(line.toString()).isTrue());
        // the written items carry it into the table's stream: the relay and the usage meter log it
        await(
                "the relay to carry it",
                () -> logLines("ItemEventsRelayFunction").stream().anyMatch(l -> carries(l, id)),
                () -> logLines("ItemEventsRelayFunction"));
        await(
                "the usage meter to carry it",
                () -> logLines("UsageMeterFunction").stream()
                        .anyMatch(line -> carries(line, id)
                                && line.path("message").asText().equals("usage counted")));
    }

    @Test
    void neitherTheTokenNorAnItemsContentAppearsInAnyLogLine() throws Exception {
        // given
        String token = token("hooli");
        String secret = "PLAINTEXT-" + UUID.randomUUID();
        String signature = token.substring(token.lastIndexOf('.') + 1);

        // when: a creation, a refused creation, an update and a read, all with item content
        HttpResponse<String> created = call(
                "POST",
                "/v1/items",
                token,
                "{\"name\":\"vault " + secret + "\",\"attributes\":{\"note\":\"" + secret + "\"},\"tags\":[\"" + secret
                        + "\"]}",
                "Content-Type",
                "application/json");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String itemId = JSON.readTree(created.body()).path("id").asText();
        call(
                "POST",
                "/v1/items",
                token,
                "{\"name\":\"\",\"attributes\":{\"note\":\"" + secret + "\"}}",
                "Content-Type",
                "application/json");
        call(
                "PATCH",
                "/v1/items/" + itemId,
                token,
                "{\"attributes\":{\"other\":\"" + secret + "\"}}",
                "Content-Type",
                "application/merge-patch+json",
                "If-Match",
                created.headers().firstValue("etag").orElseThrow());
        call("GET", "/v1/items/" + itemId, token, null);
        String correlation = created.headers().firstValue("x-correlation-id").orElseThrow();
        await(
                "the change to be counted",
                () -> logLines("UsageMeterFunction").stream().anyMatch(l -> carries(l, correlation)));

        // then: no line of any function, metrics included, holds the token, its signature or the content
        assertThat(lines)
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line.text())
                        .doesNotContain(token)
                        .doesNotContain(signature)
                        .doesNotContain(secret));
    }

    @Test
    void theMetricsBehindTheDashboardCountEachRoutesRequestsErrorsAndLatency() throws Exception {
        // given
        String token = token("umbrella");
        JsonNode before = route(metrics(), "GetUsageFunction");
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        java.time.LocalDate yesterday = today.minusDays(1);

        // when
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> usage = call("GET", "/v1/usage?from=" + yesterday + "&to=" + today, token, null);
            assertThat(usage.statusCode()).as(usage.body()).isEqualTo(200);
        }
        assertThat(call("GET", "/v1/usage?from=yesterday", token, null).statusCode())
                .isEqualTo(400);

        // then
        await(
                "four more requests on GET /v1/usage",
                () -> route(metrics(), "GetUsageFunction").path("requests").asLong()
                        >= before.path("requests").asLong() + 4);
        JsonNode after = route(metrics(), "GetUsageFunction");
        assertThat(after.path("label").asText()).isEqualTo("GET /v1/usage");
        assertThat(after.path("errors4xx").asLong())
                .isEqualTo(before.path("errors4xx").asLong() + 1);
        assertThat(after.path("problems").path("validation-error").asLong()).isPositive();
        assertThat(after.path("p50").asDouble()).isPositive();
        assertThat(after.path("p99").asDouble())
                .isGreaterThanOrEqualTo(after.path("p50").asDouble());
        assertThat(after.path("timeline").size()).isEqualTo(30);
    }

    private static JsonNode metrics() {
        try {
            HttpResponse<String> response = call("GET", "/_local/metrics", null, null);
            assertThat(response.statusCode()).isEqualTo(200);
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("the runner did not answer /_local/metrics", e);
        }
    }

    private static JsonNode route(JsonNode metrics, String function) {
        for (JsonNode route : metrics.path("routes")) {
            if (route.path("function").asText().equals(function)) {
                return route;
            }
        }
        throw new AssertionError("no route of " + function + " in " + metrics);
    }

    @Test
    void theDashboardPageShowsTheCalledRoutesAndItsNumbersMoveInHeadlessChromium() throws Exception {
        assumeTrue(
                Files.isExecutable(CHROMIUM),
                "no Chromium at " + CHROMIUM
                        + ": the browser test is skipped (apt-get install -y chromium, or set CHROMIUM, to run it)");
        Optional<Path> node = onPath("node");
        Optional<Path> npm = onPath("npm");
        assumeTrue(node.isPresent() && npm.isPresent(), "no node or npm on the PATH: the browser test is skipped");
        Path modules = playwright(npm.get());

        // given: traffic before the page opens
        String token = token("wayne");
        for (int i = 0; i < 2; i++) {
            assertThat(call("GET", "/v1/items", token, null).statusCode()).isEqualTo(200);
        }
        Path profile = Files.createTempDirectory(state, "chromium-profile");

        // when
        ProcessBuilder command = new ProcessBuilder(
                        node.get().toString(),
                        Path.of("src/test/browser/dashboard.mjs")
                                .toAbsolutePath()
                                .toString(),
                        app.endpoint().toString(),
                        token,
                        CHROMIUM.toString(),
                        profile.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        command.environment().put("PLAYWRIGHT_MODULES", modules.toString());
        Process browser = command.start();
        boolean finished = browser.waitFor(90, TimeUnit.SECONDS);
        String output = new String(browser.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!finished) {
            browser.destroyForcibly();
        }

        // then
        assertThat(finished).as("the browser test finished within 90 s").isTrue();
        assertThat(browser.exitValue())
                .as("the browser test's exit code; it printed: %s", output)
                .isZero();
        JsonNode seen =
                JSON.readTree(output.lines().reduce((first, last) -> last).orElseThrow());
        assertThat(seen.path("label").asText()).isEqualTo("GET /v1/items");
        assertThat(seen.path("before").path("listRequests").asDouble()).isGreaterThanOrEqualTo(2);
        assertThat(seen.path("after").path("listRequests").asDouble())
                .isGreaterThanOrEqualTo(seen.path("before").path("listRequests").asDouble() + 5);
        assertThat(seen.path("after").path("createRequests").asDouble())
                .isGreaterThanOrEqualTo(
                        seen.path("before").path("createRequests").asDouble() + 4);
        assertThat(seen.path("after").path("create4xx").asDouble())
                .isGreaterThanOrEqualTo(seen.path("before").path("create4xx").asDouble() + 1);
        assertThat(seen.path("after").path("createProblems").asText()).contains("validation-error");
        assertThat(seen.path("after").path("createP99").asDouble()).isPositive();
        assertThat(seen.path("routesShown").asInt()).isEqualTo(app.routes().size());
        assertThat(seen.path("consumersShown").asInt()).isEqualTo(3);
    }

    /** playwright-core in target/browser-test, installed from npm on first use; skips when npm cannot reach it. */
    private static Path playwright(Path npm) throws Exception {
        Path prefix = Path.of("target/browser-test").toAbsolutePath();
        Path modules = prefix.resolve("node_modules");
        if (!Files.isDirectory(modules.resolve("playwright-core"))) {
            Files.createDirectories(prefix);
            Process install = new ProcessBuilder(
                            npm.toString(),
                            "install",
                            "--no-audit",
                            "--no-fund",
                            "--no-save",
                            "--prefix",
                            prefix.toString(),
                            PLAYWRIGHT_CORE)
                    .redirectErrorStream(true)
                    .start();
            boolean done = install.waitFor(180, TimeUnit.SECONDS);
            String log = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assumeTrue(
                    done && install.exitValue() == 0,
                    "npm could not install " + PLAYWRIGHT_CORE + ": the browser test is skipped. npm said: "
                            + log.strip());
        }
        return modules;
    }

    private static Optional<Path> onPath(String program) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(directory -> Path.of(directory, program))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
