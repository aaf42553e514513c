package dev.groundwork.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands as a user runs them: {@code java -jar groundwork-local.jar token|invoke} in the project folder. */
class CommandsIT {

    private static final Path JAR = Path.of("target/groundwork-local.jar").toAbsolutePath();

    @TempDir
    Path folder;

    private String run(Path workingDirectory, String... arguments) throws IOException, InterruptedException {
        return run(0, workingDirectory, arguments);
    }

    private String run(int expectedStatus, Path workingDirectory, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of(ProcessHandle.current().info().command().orElse("java"), "-jar", JAR.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isEqualTo(expectedStatus);
        return output;
    }

    @Test
    void refusesAMistypedOptionInsteadOfRunningWithTheDefaults() throws Exception {
        FixtureProject project = FixtureProject.create(folder);

        String local = run(2, project.root(), "local", "--prot", "8080");
        String token = run(2, project.root(), "token", "--tenant", "acme", "--tll", "5m");
        String invoke = run(2, project.root(), "invoke", "Echo", "--evnt", "event.json");

        assertThat(local).contains("unknown option --prot").contains("--port").doesNotContain("\tat ");
        assertThat(token).contains("unknown option --tll").contains("--ttl");
        assertThat(invoke).contains("unknown option --evnt").contains("--event");
    }

    @Test
    void refusesAShortOptionAStrayWordAnOptionWithoutItsValueOrGivenTwiceAndAPortOutOfRange() throws Exception {
        FixtureProject project = FixtureProject.create(folder);

        assertThat(run(2, project.root(), "local", "-p", "3502")).contains("unknown option -p");
        assertThat(run(2, project.root(), "invoke", "Echo", "Other")).contains("unexpected [Other]");
        assertThat(run(2, project.root(), "local", "--data-dir")).contains("--data-dir needs a value");
        assertThat(run(2, project.root(), "token", "--tenant", "acme", "--scope"))
                .contains("--scope needs a value");
        assertThat(run(2, project.root(), "token", "--tenant", "acme", "--tenant", "globex"))
                .contains("--tenant is given 2 times");
        assertThat(run(2, project.root(), "local", "--port", "70000")).contains("from 1 to 65535");
        assertThat(project.root().resolve("true")).doesNotExist();
    }

    @Test
    void refusesAFuzzUrlThatIsNoUrlOrThatNothingAnswersOn() throws Exception {
        FixtureProject project = FixtureProject.create(folder);

        assertThat(run(2, project.root(), "fuzz", "--requests", "1", "--url", "localhost:3713"))
                .contains("--url must be a URL like http://localhost:3000")
                .doesNotContain("\tat ");
        assertThat(run(2, project.root(), "fuzz", "--requests", "1", "--url", "http://localhost:3000x"))
                .contains("--url must be a URL like http://localhost:3000");
        assertThat(run(2, project.root(), "fuzz", "--requests", "1", "--url", "http://127.0.0.1:1"))
                .contains("cannot connect to http://127.0.0.1:1");
    }

    @Test
    void refusesATokenThatWouldBeBornExpiredOrNameATenantTheApiRefusesAndSnapStartWithoutTheRuntimeClient()
            throws Exception {
        FixtureProject project = FixtureProject.create(folder);

        assertThat(run(2, project.root(), "token", "--tenant", "acme", "--ttl", "-5m"))
                .contains("--ttl must be positive");
        assertThat(run(2, project.root(), "token", "--tenant", "acme", "--ttl", "999999999999d"))
                .contains("--ttl must be positive and at most 3650d")
                .doesNotContain("\tat ");
        for (String tenant : List.of("", "-acme", "acme corp", "TENANT#acme", "a".repeat(65))) {
            assertThat(run(2, project.root(), "token", "--tenant", tenant))
                    .as(tenant)
                    .contains("--tenant must be 1 to 64 of A-Z a-z 0-9 . _ -")
                    .doesNotContain("eyJ");
        }
        // The refused value is quoted back, but not its escape sequences: they would drive the terminal.
        assertThat(run(2, project.root(), "token", "--tenant", "acme\u001b[2J\u202eevil"))
                .contains("got 'acme?[2J?evil'")
                .doesNotContain("\u001b")
                .doesNotContain("\u202e");
        assertThat(run(2, project.root(), "invoke", "Echo", "--snapstart")).contains("add --runtime");
    }

    /** helper-84: each of these printed a stack trace (or, for --tenants, never answered). */
    @Test
    void saysWhatIsWrongWithAFolderOrAFileOrACountItCannotUse() throws Exception {
        FixtureProject project = FixtureProject.create(folder);
        Path file = Files.writeString(project.root().resolve("not-a-folder"), "x");
        Path directory = Files.createDirectories(project.root().resolve("a-folder"));

        assertThat(run(1, project.root(), "token", "--tenant", "acme", "--template", directory.toString()))
                .contains("is a directory, not a template")
                .doesNotContain("Exception");
        assertThat(run(2, project.root(), "invoke", "Echo", "--event", directory.toString()))
                .contains("is a directory; name an event's JSON file")
                .doesNotContain("Exception");
        assertThat(run(2, project.root(), "local", "--data-dir", file.toString()))
                .contains("--data-dir " + file + " is a file; name a directory");
        assertThat(run(1, project.root(), "invoke", "Echo", "--event", "no-such-event.json"))
                .contains("no such file: no-such-event.json")
                .doesNotContain("--template");
        assertThat(run(2, project.root(), "bench", "local", "--clients", "0")).contains("--clients must be from 1");
        assertThat(run(2, project.root(), "fuzz", "--tenants", "100000000", "--requests", "1"))
                .contains("--tenants must be from 1 to 1000");
    }

    @Test
    void saysWhichPortIsTakenWhenAnotherProcessHoldsIt() throws Exception {
        FixtureProject project = FixtureProject.create(folder);
        try (ServerSocket taken = new ServerSocket(0)) {
            String output = run(1, project.root(), "local", "--port", Integer.toString(taken.getLocalPort()));

            assertThat(output)
                    .contains("port " + taken.getLocalPort() + " on ")
                    .contains("is in use")
                    .contains("--port")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void saysTheDataDirectoryIsInUseWhenAnotherRunnerHoldsIt() throws Exception {
        FixtureProject project = FixtureProject.create(folder);
        Path data = project.root().resolve(".groundwork").resolve("data");
        int[] ports = new int[2];
        for (int i = 0; i < ports.length; i++) {
            try (ServerSocket free = new ServerSocket(0)) {
                ports[i] = free.getLocalPort();
            }
        }
        try (LocalApplication running = LocalApplication.start(LocalApplication.Options.forTemplate(project.template())
                .port(ports[0])
                .dataDirectory(data)
                .stateDirectory(project.root().resolve(".groundwork"))
                .build())) {
            String output = run(
                    1, project.root(), "local", "--port", Integer.toString(ports[1]), "--data-dir", data.toString());

            assertThat(output)
                    .contains("The data directory " + data + " is in use")
                    .contains("--data-dir")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void printsATokenThatTheLocalApiAcceptsAfterARestart() throws Exception {
        FixtureProject project = FixtureProject.create(folder);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String token = run(
                        project.root(),
                        "token",
                        "--tenant",
                        "acme",
                        "--sub",
                        "alice",
                        "--scope",
                        "items:write",
                        "--ttl",
                        "10m",
                        "--port",
                        Integer.toString(port))
                .strip();

        try (LocalApplication app = LocalApplication.start(LocalApplication.Options.forTemplate(project.template())
                .port(port)
                .stateDirectory(project.root().resolve(".groundwork"))
                .build())) {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(app.endpoint() + "/v1/echo/1"))
                                    .DELETE()
                                    .header("Authorization", "Bearer " + token)
                                    .timeout(Duration.ofSeconds(20))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).contains("\"tenant_id\":\"acme\"").contains("\"sub\":\"alice\"");
        }
    }

    @Test
    void invokesOneFunctionOnceWithAnEventFile() throws Exception {
        FixtureProject project = FixtureProject.create(folder);
        Path event = project.root().resolve("event.json");
        Files.writeString(event, """
        {"version":"2.0","routeKey":"GET /open","rawPath":"/open","rawQueryString":"",
         "headers":{"host":"localhost"},
         "requestContext":{"http":{"method":"GET","path":"/open","protocol":"HTTP/1.1","sourceIp":"127.0.0.1"},
                           "requestId":"r1","routeKey":"GET /open","stage":"$default"},
         "isBase64Encoded":false}
        """);

        String output = run(project.root(), "invoke", "Echo", "--event", event.toString());

        assertThat(output)
                .contains("Echo cold start")
                .contains("REPORT RequestId:")
                .contains("\"statusCode\":200")
                .contains("echoing /open");
    }
}
