package dev.groundwork.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.local.console.Console;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * API Gateway answers a refused token with a bare "Unauthorized"; the runner's console says why, so that a developer
 * whose token was minted for another port, or lacks a scope, is not left guessing.
 */
class RefusedTokensConsoleIT {
    @TempDir
    static Path folder;

    @Test
    void saysOnTheConsoleWhyATokenWasRefusedWhileTheClientGetsOnlyTheStatus() throws Exception {
        FixtureProject project = FixtureProject.create(folder);
        Files.createDirectories(folder.resolve("api"));
        Files.writeString(
                folder.resolve("api/openapi.yaml"),
                "openapi: 3.1.0\ninfo: {title: scratch, version: '1'}\nservers:\n  - url: http://localhost:3000\npaths: {}\n");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (LocalApplication app = LocalApplication.start(
                LocalApplication.Options.forTemplate(project.template())
                        .stateDirectory(folder.resolve(".groundwork"))
                        .build(),
                new Console(new PrintStream(console, true, StandardCharsets.UTF_8)))) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> malformed = http.send(
                    HttpRequest.newBuilder(URI.create(app.endpoint() + "/v1/echo/1"))
                            .header("Authorization", "Bearer not-a-jwt")
                            .timeout(Duration.ofSeconds(20))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(malformed.statusCode()).isEqualTo(401);
            assertThat(malformed.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
            assertThat(console.toString(StandardCharsets.UTF_8))
                    .contains("answered GET /v1/echo/1 401: not a JWT in compact form");
        }
    }
}
