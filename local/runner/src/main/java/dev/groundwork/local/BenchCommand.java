package dev.groundwork.local;

import dev.groundwork.local.api.LocalIssuer;
import dev.groundwork.local.template.Template;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bench local}: starts {@code local} in a fresh JVM (as a user would, already built) and measures the time to
 * its first successful response, then the warm latency of GET and POST through the runner at 16 concurrent clients.
 */
final class BenchCommand {

  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

  private BenchCommand() {
  }

  static int run(Arguments arguments) throws Exception {
    if (arguments.positional().isEmpty() || !arguments.positional().get(0).equals("local")) {
      String what = arguments.positional().isEmpty() ? "" : " '" + arguments.positional().get(0) + "'";
      throw new Arguments.UsageException("no benchmark" + what + " in the local runner; it has: bench local"
          + " [--requests 2000] [--clients 16] [--template template.yaml]");
    }
    int requests = arguments.integer("requests", 2000);
    int clients = arguments.integer("clients", 16);
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Path template = Path.of(arguments.value("template", "template.yaml"));
    LocalIdentity identity = LocalIdentity.of(Template.load(template), port);
    LocalIssuer issuer = LocalIssuer.load(Path.of(".groundwork").toAbsolutePath(), identity.issuer(), Clock.systemUTC());
    String token = issuer.mint(identity.tokenRequest("bench", "bench-user", List.of(), Duration.ofHours(1)));
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    URI base = URI.create("http://localhost:" + port);

    String java = ProcessHandle.current().info().command().orElse("java");
    String jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(jvmOptions());
    command.addAll(List.of("-jar", jar, "local", "--port", Integer.toString(port), "--template", template.toString()));
    Path log = Path.of(".groundwork", "bench-local.log").toAbsolutePath();
    log.getParent().toFile().mkdirs();
    long started = System.nanoTime();
    Process runner = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      HttpRequest list = HttpRequest.newBuilder(base.resolve("/v1/items")).header("Authorization", "Bearer " + token)
          .timeout(Duration.ofSeconds(30)).build();
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
      HttpRequest create = HttpRequest.newBuilder(base.resolve("/v1/items")).header("Authorization", "Bearer " + token)
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
      Matcher matcher = ID.matcher(http.send(create, HttpResponse.BodyHandlers.ofString()).body());
      if (!matcher.find()) {
        System.err.println("bench: POST /v1/items did not return an item; see " + log);
        return 1;
      }
      HttpRequest get = HttpRequest.newBuilder(base.resolve("/v1/items/" + matcher.group(1)))
          .header("Authorization", "Bearer " + token).build();

      // Warm-up: every instance of the pool starts (cold starts are the first number, not these) and the JIT settles.
      measure(http, get, clients, Math.max(500, requests / 2));
      measure(http, create, clients, Math.max(500, requests / 2));
      List<Long> gets = measure(http, get, clients, requests);
      List<Long> posts = measure(http, create, clients, requests);

      System.out.printf(Locale.ROOT, "first successful response after start: %.2f s (GET /v1/items, cold)%n",
          firstResponseNanos / 1e9);
      report("GET /v1/items/{itemId}", gets, clients);
      report("POST /v1/items", posts, clients);
      return 0;
    } finally {
      runner.destroy();
      runner.waitFor();
    }
  }

  /** The runner under test gets the same JVM options as this one (e.g. from GROUNDWORK_JAVA_OPTS). */
  private static List<String> jvmOptions() {
    List<String> options = new ArrayList<>();
    for (String option : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!option.contains("jdwp")) {
        options.add(option);
      }
    }
    return options;
  }

  private static List<Long> measure(HttpClient http, HttpRequest request, int clients, int total) throws Exception {
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>(total));
    AtomicInteger remaining = new AtomicInteger(total);
    AtomicInteger failures = new AtomicInteger();
    try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
      List<Future<?>> running = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        running.add(pool.submit(() -> {
          while (remaining.getAndDecrement() > 0) {
            long start = System.nanoTime();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            latencies.add(System.nanoTime() - start);
            if (response.statusCode() >= 300) {
              failures.incrementAndGet();
            }
          }
          return null;
        }));
      }
      for (Future<?> future : running) {
        future.get();
      }
    }
    if (failures.get() > 0) {
      throw new IllegalStateException(failures.get() + " of " + total + " requests failed");
    }
    return latencies;
  }

  private static void report(String name, List<Long> latencies, int clients) {
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    System.out.printf(Locale.ROOT, "%-24s %d requests, %d clients: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", name,
        sorted.size(), clients, percentile(sorted, 50), percentile(sorted, 99), sorted.get(sorted.size() - 1) / 1e6);
  }

  private static double percentile(List<Long> sorted, int percentile) {
    int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, index)) / 1e6;
  }

}
