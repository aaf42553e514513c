package dev.groundwork.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The template is the only list of routes, and a rebuilt handler is served without restarting the runner. */
class TemplateDrivenIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path folder;

    private HttpResponse<String> get(LocalApplication app, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(app.endpoint() + path))
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesARouteAddedToTheTemplateAndNothingElse() throws Exception {
        FixtureProject project = FixtureProject.create(folder);
        try (LocalApplication app = start(project)) {
            assertThat(get(app, "/v1/added").statusCode()).isEqualTo(404);
        }

        String template = Files.readString(project.template());
        project.writeTemplate(template.replace("""
                Open:
        """, """
                Added:
                  Type: HttpApi
                  Properties:
                    ApiId: !Ref HttpApi
                    Method: GET
                    Path: /v1/added
                    Auth:
                      Authorizer: NONE
                Open:
        """));

        try (LocalApplication app = start(project)) {
            HttpResponse<String> added = get(app, "/v1/added");
            assertThat(added.statusCode()).isEqualTo(200);
            assertThat(added.body()).contains("\"routeKey\":\"GET /v1/added\"");
            assertThat(app.routes()).extracting(route -> route.routeKey()).contains("GET /v1/added", "GET /open");
        }
    }

    @Test
    void servesAChangedHandlerWithoutARestartAndKeepsTheData() throws Exception {
        FixtureProject project = FixtureProject.create(folder);
        Path module = project.addFunctionModule("functions/greeter");
        compileGreeter(module, "v1");
        String template = Files.readString(project.template());
        project.writeTemplate(template.replace("""
          Slow:
            Type: AWS::Serverless::Function
        """, """
          Greeter:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: functions/greeter
              Handler: dev.groundwork.generated.Greeter::handleRequest
              Events:
                Get:
                  Type: HttpApi
                  Properties:
                    ApiId: !Ref HttpApi
                    Method: GET
                    Path: /greet
                    Auth:
                      Authorizer: NONE
          Slow:
            Type: AWS::Serverless::Function
        """));

        try (LocalApplication app = start(project)) {
            assertThat(get(app, "/greet").body()).isEqualTo("v1 1");
            assertThat(get(app, "/greet").body()).isEqualTo("v1 2");

            compileGreeter(module, "version-two");

            // The file system reports the change within milliseconds; allow a loaded machine a few seconds.
            String body = get(app, "/greet").body();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (body.startsWith("v1 ") && System.nanoTime() < deadline) {
                Thread.sleep(50);
                body = get(app, "/greet").body();
            }
            assertThat(body).as("new classes, fresh statics").isEqualTo("version-two 1");
            assertThat(get(app, "/greet").body()).isEqualTo("version-two 2");
        }
    }

    private static LocalApplication start(FixtureProject project) throws Exception {
        return LocalApplication.start(LocalApplication.Options.forTemplate(project.template())
                .stateDirectory(project.root().resolve(".groundwork"))
                .build());
    }

    /** Compiles a handler that answers "<version> <count of calls in this class loader>", as an IDE build would. */
    private static void compileGreeter(Path module, String version) throws Exception {
        Path sources = module.resolve("src/main/java/dev/groundwork/generated");
        Files.createDirectories(sources);
        Path source = sources.resolve("Greeter.java");
        Files.writeString(source, """
        package dev.groundwork.generated;

        import com.amazonaws.services.lambda.runtime.Context;
        import com.amazonaws.services.lambda.runtime.RequestHandler;
        import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
        import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
        import java.util.concurrent.atomic.AtomicInteger;

        public class Greeter implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
          private static final AtomicInteger CALLS = new AtomicInteger();

          @Override
          public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withBody("%s " + CALLS.incrementAndGet()).build();
          }
        }
        """.formatted(version));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String classPath =
                String.join(File.pathSeparator, jarOf(RequestHandler.class), jarOf(APIGatewayV2HTTPEvent.class));
        int status = javac.run(
                null,
                null,
                null,
                "--release",
                "21",
                "-cp",
                classPath,
                "-d",
                module.resolve("target/classes").toString(),
                source.toString());
        assertThat(status).isZero();
    }

    private static String jarOf(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
    }
}
