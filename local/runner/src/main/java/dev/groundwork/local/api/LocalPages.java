package dev.groundwork.local.api;

import com.nimbusds.jose.jwk.JWKSet;
import dev.groundwork.local.dashboard.DashboardPages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The runner's own pages beside the API: the local issuer's JWKS and discovery document, the OpenAPI document
 * ({@code api/openapi.yaml}, read on every request so edits show at once, its local server this runner's address) and a Swagger UI reference page served
 * from the {@code org.webjars:swagger-ui} jar, not a CDN. A template route on the same path wins.
 */
public final class LocalPages {

    private static final String SWAGGER = "META-INF/resources/webjars/swagger-ui/" + swaggerVersion() + "/";
    private static final String DOCS_PAGE = """
      <!doctype html>
      <html lang="en">
      <head>
        <meta charset="utf-8">
        <title>Groundwork API reference (local)</title>
        <link rel="stylesheet" href="/docs/swagger-ui.css">
      </head>
      <body>
        <div id="swagger-ui"></div>
        <script src="/docs/swagger-ui-bundle.js"></script>
        <script>
          window.ui = SwaggerUIBundle({ url: "/openapi.yaml", dom_id: "#swagger-ui", deepLinking: true,
            persistAuthorization: true });
        </script>
      </body>
      </html>
      """;

    /** The local server api/openapi.yaml names: the runner on its default port. */
    private static final String DOCUMENTED_LOCAL_SERVER = "http://localhost:3000";

    private final JWKSet keys;
    private final String issuer;
    private final Path openApiDocument;
    private final Optional<DashboardPages> dashboard;

    public LocalPages(JWKSet keys, String issuer, Path openApiDocument) {
        this(keys, issuer, openApiDocument, Optional.empty());
    }

    /** @param dashboard the local dashboard's pages, under {@code /_local/} */
    public LocalPages(JWKSet keys, String issuer, Path openApiDocument, Optional<DashboardPages> dashboard) {
        this.keys = keys;
        this.issuer = issuer;
        this.openApiDocument = openApiDocument;
        this.dashboard = dashboard;
    }

    Optional<HttpApiResponses.Response> serve(String method, String path) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return Optional.empty();
        }
        return switch (path) {
            case "/.well-known/jwks.json" ->
                Optional.of(ok("application/json", keys.toString(true).getBytes(StandardCharsets.UTF_8)));
            case "/.well-known/openid-configuration" ->
                Optional.of(ok(
                        "application/json",
                        ("{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/.well-known/jwks.json\","
                                        + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}")
                                .getBytes(StandardCharsets.UTF_8)));
            case "/openapi.yaml" -> openApi();
            case "/docs", "/docs/" ->
                Optional.of(ok("text/html; charset=utf-8", DOCS_PAGE.getBytes(StandardCharsets.UTF_8)));
            default ->
                path.startsWith(DashboardPages.PREFIX)
                        ? dashboard.flatMap(pages -> pages.serve(path)).map(page -> ok(page.contentType(), page.body()))
                        : path.startsWith("/docs/")
                                ? swaggerAsset(path.substring("/docs/".length()))
                                : Optional.empty();
        };
    }

    private Optional<HttpApiResponses.Response> openApi() {
        if (openApiDocument == null || !Files.isRegularFile(openApiDocument)) {
            return Optional.empty();
        }
        try {
            // Its local server is written for the default port; "Try it out" should reach this runner, on any port.
            String document =
                    Files.readString(openApiDocument).replace("url: " + DOCUMENTED_LOCAL_SERVER, "url: " + issuer);
            return Optional.of(ok("application/yaml", document.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            return Optional.of(HttpApiResponses.INTERNAL_SERVER_ERROR);
        }
    }

    private static Optional<HttpApiResponses.Response> swaggerAsset(String name) {
        if (!name.matches("[A-Za-z0-9._-]+")) {
            return Optional.empty();
        }
        try (InputStream in = LocalPages.class.getClassLoader().getResourceAsStream(SWAGGER + name)) {
            if (in == null) {
                return Optional.empty();
            }
            String type = name.endsWith(".js")
                    ? "text/javascript"
                    : name.endsWith(".css")
                            ? "text/css"
                            : name.endsWith(".png")
                                    ? "image/png"
                                    : name.endsWith(".html") ? "text/html" : "application/octet-stream";
            return Optional.of(ok(type, in.readAllBytes()));
        } catch (IOException e) {
            return Optional.of(HttpApiResponses.INTERNAL_SERVER_ERROR);
        }
    }

    private static HttpApiResponses.Response ok(String contentType, byte[] body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("content-type", List.of(contentType));
        return new HttpApiResponses.Response(200, headers, body);
    }

    /** The webjar's version, from its Maven metadata, so that upgrading the dependency needs no code change. */
    private static String swaggerVersion() {
        try (InputStream in = LocalPages.class
                .getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in != null) {
                java.util.Properties properties = new java.util.Properties();
                properties.load(in);
                return properties.getProperty("version");
            }
        } catch (IOException ignored) {
            // fall through to the version this code was written against
        }
        return "5.34.1";
    }
}
