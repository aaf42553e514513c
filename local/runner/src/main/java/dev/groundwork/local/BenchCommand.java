package dev.groundwork.local;

import dev.groundwork.local.api.LocalIssuer;
import dev.groundwork.local.template.Template;
import dev.groundwork.testing.load.ClosedLoopClients;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bench coldstart} is {@link ColdStartBench}. {@code bench local}: starts {@code local} in a fresh JVM (as a user would, already built) and measures the time to
 * its first successful response, then, after a warm-up, the latency and throughput of GET and POST through the runner
 * at 16 concurrent clients ({@link ClosedLoopClients}).
 */
final class BenchCommand {

    /** What follows {@code bench} on the command line. */
    static final String USAGE =
            "local [--clients 16] [--warmup 20] [--max-warmup 300] [--seconds 10] [--template template.yaml]\n"
                    + "         | " + ColdStartBench.USAGE;

    private static final Duration ROUND = Duration.ofSeconds(5);
    /** A round more than this much faster than the best before it means the JIT is still at work. */
    private static final double STILL_RISING = 0.03;
    /** The JIT's progress comes in steps, with dips between them: one flat round does not mean it is done. */
    private static final int FLAT_ROUNDS = 3;

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private BenchCommand() {}

    static int run(Arguments arguments) throws Exception {
        if (!arguments.positional().isEmpty() && arguments.positional().get(0).equals("coldstart")) {
            return ColdStartBench.run(arguments);
        }
        if (arguments.positional().isEmpty() || !arguments.positional().get(0).equals("local")) {
            String what = arguments.positional().isEmpty()
                    ? ""
                    : " '" + arguments.positional().get(0) + "'";
            // dynamodb and json run as Maven profiles, from the ./groundwork script, without the runner.
            throw new Arguments.UsageException(
                    "no benchmark" + what + "; there are: bench dynamodb | bench json | bench " + USAGE);
        }
        int clients = arguments.integer("clients", 16, 1, 1_000);
        Duration minWarmUp = Duration.ofSeconds(arguments.integer("warmup", 20, 0, 3_600));
        Duration maxWarmUp =
                Collections.max(List.of(Duration.ofSeconds(arguments.integer("max-warmup", 300, 0, 3_600)), minWarmUp));
        Duration measured = Duration.ofSeconds(arguments.integer("seconds", 10, 1, 3_600));
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path template = Path.of(arguments.value("template", "template.yaml"));
        LocalIdentity identity = LocalIdentity.of(Template.load(template), port);
        LocalIssuer issuer =
                LocalIssuer.load(Path.of(".groundwork").toAbsolutePath(), identity.issuer(), Clock.systemUTC());
        String token = issuer.mint(identity.tokenRequest("bench", "bench-user", Duration.ofHours(1)));
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI base = URI.create("http://localhost:" + port);

        String java = ProcessHandle.current().info().command().orElse("java");
        String jar = Path.of(Main.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions());
        command.addAll(List.of(
                "-jar",
                jar,
                "local",
                "--port",
                Integer.toString(port),
                "--template",
                template.toString(),
                // The benchmark measures the runner, far beyond the template's per-route throttle.
                "--no-throttling"));
        Path log = Path.of(".groundwork", "bench-local.log").toAbsolutePath();
        log.getParent().toFile().mkdirs();
        long started = System.nanoTime();
        Process runner = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            HttpRequest list = HttpRequest.newBuilder(base.resolve("/v1/items"))
                    .header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(30))
                    .build();
            long firstResponseNanos = 0;
            while (System.nanoTime() - started < Duration.ofSeconds(60).toNanos()) {
                try {
                    if (http.send(list, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        firstResponseNanos = System.nanoTime() - started;
                        break;
                    }
                } catch (java.io.IOException notYet) {
                    Thread.sleep(10);
                }
            }
            if (firstResponseNanos == 0) {
                System.err.println("bench: no successful response within 60 s; see " + log);
                return 1;
            }
            String body = "{\"name\":\"bench item\",\"attributes\":{\"size\":3},\"tags\":[\"bench\"]}";
            HttpRequest create = HttpRequest.newBuilder(base.resolve("/v1/items"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            Matcher matcher = ID.matcher(
                    http.send(create, HttpResponse.BodyHandlers.ofString()).body());
            if (!matcher.find()) {
                System.err.println("bench: POST /v1/items did not return an item; see " + log);
                return 1;
            }
            ClosedLoopClients load = new ClosedLoopClients("127.0.0.1", port);
            List<String> headers = List.of(
                    "Authorization: Bearer " + token, "User-Agent: groundwork-bench", "Accept: application/json");
            byte[] get = load.request("GET", "/v1/items/" + matcher.group(1), headers, new byte[0]);
            byte[] post = load.request(
                    "POST",
                    "/v1/items",
                    concat(headers, "Content-Type: application/json"),
                    body.getBytes(StandardCharsets.UTF_8));

            // Warm-up: every instance of each pool starts (cold starts are the first number, not these), and the JIT
            // compiles the hot paths of the runner, the functions and the embedded DynamoDB, as in a runner that has
            // served for a while. On 2 cores the JIT needs minutes for eleven functions' copies of the SDK, so the
            // warm-up goes on, in rounds, until throughput stops rising. POST first in each round: the work each POST
            // queues (its stream record, the relay, the usage meter) drains during the GET round instead of beside
            // the measured GETs.
            Duration warmedUp = warmUp(load, post, get, clients, minWarmUp, maxWarmUp, log);
            ClosedLoopClients.Run gets = check("GET", load.run(get, clients, measured), log);
            ClosedLoopClients.Run posts = check("POST", load.run(post, clients, measured), log);

            System.out.printf(
                    Locale.ROOT,
                    "first successful response after start: %.2f s (GET /v1/items, cold)%n",
                    firstResponseNanos / 1e9);
            report("GET /v1/items/{itemId}", gets, clients, warmedUp);
            report("POST /v1/items", posts, clients, warmedUp);
            return 0;
        } finally {
            runner.destroy();
            runner.waitFor();
        }
    }

    /** The runner under test gets the same JVM options as this one (e.g. from GROUNDWORK_JAVA_OPTS). */
    private static List<String> jvmOptions() {
        List<String> options = new ArrayList<>();
        for (String option :
                java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!option.contains("jdwp")) {
                options.add(option);
            }
        }
        return options;
    }

    /**
     * Rounds of {@link #ROUND} POSTs then GETs, for at least {@code min} and until neither route's throughput beats its
     * best earlier round by more than {@link #STILL_RISING} for {@link #FLAT_ROUNDS} rounds in a row, or {@code max} has passed; each round is printed.
     */
    private static Duration warmUp(
            ClosedLoopClients load, byte[] post, byte[] get, int clients, Duration min, Duration max, Path log)
            throws IOException {
        long started = System.nanoTime();
        double bestPost = 0;
        double bestGet = 0;
        int flat = 0;
        while (true) {
            double postRate =
                    check("warm-up POST", load.run(post, clients, ROUND), log).perSecond();
            double getRate =
                    check("warm-up GET", load.run(get, clients, ROUND), log).perSecond();
            Duration spent = Duration.ofNanos(System.nanoTime() - started);
            boolean rising = postRate > bestPost * (1 + STILL_RISING) || getRate > bestGet * (1 + STILL_RISING);
            System.out.printf(
                    Locale.ROOT,
                    "warm-up %4d s: GET %,6.0f/s, POST %,6.0f/s%s%n",
                    spent.toSeconds(),
                    getRate,
                    postRate,
                    rising ? "" : " (no longer rising)");
            bestPost = Math.max(bestPost, postRate);
            bestGet = Math.max(bestGet, getRate);
            flat = rising ? 0 : flat + 1;
            if (spent.compareTo(max) >= 0 || (flat >= FLAT_ROUNDS && spent.compareTo(min) >= 0)) {
                return spent;
            }
        }
    }

    private static List<String> concat(List<String> headers, String header) {
        List<String> all = new ArrayList<>(headers);
        all.add(header);
        return all;
    }

    private static ClosedLoopClients.Run check(String what, ClosedLoopClients.Run run, Path log) {
        if (run.failures() > 0) {
            throw new IllegalStateException(what + ": " + run.failures() + " requests failed, the first with "
                    + run.firstFailure() + "; see " + log);
        }
        return run;
    }

    private static void report(String name, ClosedLoopClients.Run run, int clients, Duration warmUp) {
        System.out.printf(
                Locale.ROOT,
                "%-24s %d clients, %,d requests in %.0f s after %d s of warm-up: %,.0f/s, p50 %.2f ms,"
                        + " p99 %.2f ms, max %.2f ms%n",
                name,
                clients,
                run.count(),
                run.wallNanos() / 1e9,
                warmUp.toSeconds(),
                run.perSecond(),
                run.percentileMillis(50),
                run.percentileMillis(99),
                run.percentileMillis(100));
    }
}
