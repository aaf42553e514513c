package dev.groundwork.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.groundwork.local.aws.AwsJsonClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Black-box tests: the runner serves the scratch template on a free port, and the tests talk HTTP to it. */
class LocalRunnerIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path folder;

    static FixtureProject project;
    static LocalApplication app;
    static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        project = FixtureProject.create(folder);
        Files.createDirectories(folder.resolve("api"));
        Files.writeString(
                folder.resolve("api/openapi.yaml"),
                "openapi: 3.1.0\ninfo: {title: scratch, version: '1'}\nservers:\n  - url: http://localhost:3000\npaths: {}\n");
        app = LocalApplication.start(LocalApplication.Options.forTemplate(project.template())
                .stateDirectory(folder.resolve(".groundwork"))
                .build());
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    private static String token(String tenant, String... scopes) {
        return app.token(tenant, tenant + "-user", List.of(scopes), Duration.ofMinutes(5));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(app.endpoint() + pathAndQuery)).timeout(Duration.ofSeconds(20));
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    @Test
    void buildsThePayloadV2EventAsApiGatewayDoes() throws Exception {
        HttpResponse<String> response = send(request("/v1/echo/abc%20d?x=1&x=2&y=z%2By")
                .header("Authorization", "Bearer " + token("acme"))
                .header("X-Multi", "a")
                .header("X-Multi", "b")
                .header("Cookie", "a=1; b=2"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode echo = json(response);
        assertThat(echo.path("routeKey").asText()).isEqualTo("GET /v1/echo/{id}");
        assertThat(echo.path("rawPath").asText())
                .as("HTTP APIs decode the path")
                .isEqualTo("/v1/echo/abc d");
        assertThat(echo.path("rawQueryString").asText()).isEqualTo("x=1&x=2&y=z%2By");
        assertThat(echo.path("pathParameters").path("id").asText()).isEqualTo("abc d");
        assertThat(echo.path("query").path("x").asText()).isEqualTo("1,2");
        assertThat(echo.path("query").path("y").asText()).isEqualTo("z+y");
        assertThat(echo.path("headers").path("x-multi").asText()).isEqualTo("a,b");
        assertThat(echo.path("headers").has("cookie")).isFalse();
        assertThat(echo.path("cookies")).extracting(JsonNode::asText).containsExactly("a=1", "b=2");
        assertThat(echo.path("method").asText()).isEqualTo("GET");
        assertThat(echo.path("stage").asText()).isEqualTo("$default");
        assertThat(echo.path("claims").path("tenant_id").asText()).isEqualTo("acme");
        assertThat(echo.path("claims").path("sub").asText()).isEqualTo("acme-user");
        assertThat(response.headers().firstValue("apigw-requestid"))
                .contains(echo.path("requestId").asText());
        assertThat(response.headers().firstValue("x-echo")).contains("yes");
        assertThat(response.headers().allValues("set-cookie")).containsExactly("session=abc; Path=/", "theme=dark");
    }

    @Test
    void givesEachFunctionItsTemplateEnvironmentAndContext() throws Exception {
        JsonNode echo = json(send(request("/open")));

        assertThat(echo.path("functionName").asText()).isEqualTo("groundwork-Echo");
        assertThat(echo.path("memory").asInt()).isEqualTo(512);
        assertThat(echo.path("remainingMs").asInt()).isBetween(1, 5000);
        assertThat(echo.path("tableName").asText()).isEqualTo("groundwork-ItemsTable");
        assertThat(echo.path("greeting").asText())
                .as("the function's own value wins over Globals")
                .isEqualTo("hello");
        assertThat(echo.path("shared").asText()).isEqualTo("from-globals");
        assertThat(echo.path("dynamodbEndpoint").asText())
                .isEqualTo(app.dynamoDbEndpoint().toString());
        assertThat(echo.path("region").asText()).isEqualTo("us-east-1");
        assertThat(echo.path("envHasPath").asBoolean()).isTrue();
        assertThat(System.getenv("TABLE_NAME"))
                .as("the runner's own environment is untouched")
                .isNull();

        JsonNode twin = json(send(request("/v1/twin").header("Authorization", "Bearer " + token("acme"))));
        assertThat(twin.path("memory").asInt()).isEqualTo(1024);
        assertThat(twin.path("greeting").asText()).isEqualTo("from-globals");
    }

    @Test
    void keepsStaticStatePerFunction() throws Exception {
        int echoBefore = json(send(request("/open"))).path("invocations").asInt();
        String bearer = "Bearer " + token("acme");
        int twinFirst = json(send(request("/v1/twin").header("Authorization", bearer)))
                .path("invocations")
                .asInt();
        int twinSecond = json(send(request("/v1/twin").header("Authorization", bearer)))
                .path("invocations")
                .asInt();
        int echoAfter = json(send(request("/open"))).path("invocations").asInt();

        assertThat(twinSecond).isEqualTo(twinFirst + 1);
        assertThat(echoAfter)
                .as("EchoTwin's calls do not count in Echo's class")
                .isEqualTo(echoBefore + 1);
    }

    @Test
    void sendsTextBodiesAsTextAndBinaryBodiesAsBase64() throws Exception {
        String bearer = "Bearer " + token("acme");
        JsonNode text = json(send(request("/v1/echo")
                .header("Authorization", bearer)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"é\"}"))));
        byte[] bytes = {0, 1, 2, (byte) 0xff};
        JsonNode binary = json(send(request("/v1/echo")
                .header("Authorization", bearer)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))));

        assertThat(text.path("body").asText()).isEqualTo("{\"name\":\"é\"}");
        assertThat(text.path("isBase64Encoded").asBoolean()).isFalse();
        assertThat(binary.path("isBase64Encoded").asBoolean()).isTrue();
        assertThat(Base64.getDecoder().decode(binary.path("body").asText())).isEqualTo(bytes);
    }

    @Test
    void passesATextBodyThatIsNotValidUtf8AsBase64InsteadOfAlteringIt() throws Exception {
        byte[] bytes = {'{', '"', 'n', '"', ':', '"', (byte) 0xff, (byte) 0xc3, '"', '}'};

        JsonNode echo = json(send(request("/v1/echo")
                .header("Authorization", "Bearer " + token("acme"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))));

        assertThat(echo.path("isBase64Encoded").asBoolean())
                .as("not decoded into U+FFFD")
                .isTrue();
        assertThat(Base64.getDecoder().decode(echo.path("body").asText())).isEqualTo(bytes);
    }

    @Test
    void answersUnknownRoutesWithApiGateways404() throws Exception {
        HttpResponse<String> unknownPath = send(request("/v1/nothing-here"));
        HttpResponse<String> unknownMethod = send(request("/v1/echo")
                .header("Authorization", "Bearer " + token("acme"))
                .PUT(HttpRequest.BodyPublishers.noBody()));

        assertThat(unknownPath.statusCode()).isEqualTo(404);
        assertThat(unknownPath.body()).isEqualTo("{\"message\":\"Not Found\"}");
        assertThat(unknownMethod.statusCode()).isEqualTo(404);
    }

    @Test
    void rejectsMissingForgedExpiredAndForeignTokensBeforeAnyFunctionRuns() throws Exception {
        int before = json(send(request("/open"))).path("invocations").asInt();
        Instant now = Instant.now();
        String expired =
                app.issuer().sign(claims(now.minusSeconds(600), now.minusSeconds(60), List.of("groundwork-api")));
        String foreignAudience = app.issuer().sign(claims(now, now.plusSeconds(600), List.of("someone-else")));
        String notYetValid = app.issuer()
                .sign(new JWTClaimsSet.Builder(claims(now, now.plusSeconds(600), List.of("groundwork-api")))
                        .notBeforeTime(Date.from(now.plusSeconds(300)))
                        .build());
        String good = token("acme");
        String forged =
                good.substring(0, good.lastIndexOf('.') + 1) + "AAAA" + good.substring(good.lastIndexOf('.') + 5);

        // Each with API Gateway's challenge, which says why and quotes nothing of the token; none without a token.
        Map<String, String> challenges = new LinkedHashMap<>();
        challenges.put("", "Bearer");
        challenges.put("Bearer not-a-jwt", invalidToken("the token is not a signed JWT"));
        challenges.put("Bearer " + forged, invalidToken("the token's signature does not verify"));
        challenges.put("Bearer " + expired, invalidToken("the token has expired"));
        challenges.put("Bearer " + foreignAudience, invalidToken("the token does not have a valid audience"));
        challenges.put("Bearer " + notYetValid, invalidToken("the token is not valid yet"));
        for (Map.Entry<String, String> challenge : challenges.entrySet()) {
            String authorization = challenge.getKey();
            HttpRequest.Builder request = request("/v1/echo/1");
            if (!authorization.isEmpty()) {
                request.header("Authorization", authorization);
            }
            HttpResponse<String> response = send(request);
            assertThat(response.statusCode()).as(authorization).isEqualTo(401);
            assertThat(response.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
            assertThat(response.headers().allValues("www-authenticate"))
                    .as(authorization)
                    .containsExactly(challenge.getValue());
        }
        String valid = "Bearer " + token("acme");
        HttpResponse<String> twice =
                send(request("/v1/echo/1").header("Authorization", valid).header("Authorization", valid));
        assertThat(twice.statusCode())
                .as("a token sent twice, joined as API Gateway joins it")
                .isEqualTo(401);
        int after = json(send(request("/open"))).path("invocations").asInt();
        assertThat(after).as("no rejected request reached the function").isEqualTo(before + 1);
    }

    /**
     * The tables' keys are not secrets and their signatures are never checked, so no web page the developer visits may
     * reach them: a browser's call (it sends an Origin) is refused, with nothing that would let the page read it.
     */
    @Test
    void refusesAWebPagesCallToTheTables() throws Exception {
        HttpResponse<String> scan = send(HttpRequest.newBuilder(app.dynamoDbEndpoint())
                .timeout(Duration.ofSeconds(20))
                .header("Origin", "https://evil.example")
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810.Scan")
                .header("X-Amz-Date", "20261207T000000Z")
                .header(
                        "Authorization",
                        "AWS4-HMAC-SHA256 Credential=x/20261207/us-east-1/dynamodb/aws4_request,"
                                + " SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString("{\"TableName\":\"groundwork-ItemsTable\"}")));

        assertThat(scan.statusCode()).isEqualTo(403);
        assertThat(scan.headers().firstValue("access-control-allow-origin")).isEmpty();
        assertThat(scan.body()).doesNotContain("Items");
    }

    /** API Gateway's challenge for a token it refuses ("Troubleshooting issues with HTTP API JWT authorizers"). */
    private static String invalidToken(String description) {
        return "Bearer scope=\"\" error=\"invalid_token\" error_description=\"" + description + "\"";
    }

    @Test
    void refusesATokenWhoseTenantClaimIsNotAStringAsAnInvalidToken() throws Exception {
        Instant now = Instant.now();
        List<Object> tenants = new ArrayList<>(List.of(745025986, true, Map.of("id", "acme"), List.of("acme")));
        tenants.add(null); // a JSON null: there, and no string
        for (Object tenant : tenants) {
            String token = app.issuer()
                    .sign(new JWTClaimsSet.Builder(claims(now, now.plusSeconds(300), List.of("groundwork-api")))
                            .claim("tenant_id", tenant)
                            .serializeNullClaims(true)
                            .build());

            HttpResponse<String> response = send(request("/v1/echo/1").header("Authorization", "Bearer " + token));

            assertThat(response.statusCode()).as(String.valueOf(tenant)).isEqualTo(401);
            assertThat(response.headers().firstValue("content-type")).contains("application/json");
            assertThat(response.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
        }
    }

    private static JWTClaimsSet claims(Instant issued, Instant expires, List<String> audience) {
        return new JWTClaimsSet.Builder()
                .issuer(app.identity().issuer())
                .subject("mallory")
                .audience(audience)
                .claim("tenant_id", "acme")
                .issueTime(Date.from(issued))
                .expirationTime(Date.from(expires))
                .build();
    }

    @Test
    void acceptsTheTokenWithoutTheBearerPrefixAsApiGatewayDoes() throws Exception {
        assertThat(send(request("/v1/echo/1").header("Authorization", token("acme")))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void requiresOneOfTheRoutesScopes() throws Exception {
        HttpResponse<String> without = send(request("/v1/echo/1")
                .header("Authorization", "Bearer " + token("acme"))
                .DELETE());
        HttpResponse<String> with = send(request("/v1/echo/1")
                .header("Authorization", "Bearer " + token("acme", "items:read", "items:write"))
                .DELETE());

        assertThat(without.statusCode()).isEqualTo(403);
        assertThat(without.body()).isEqualTo("{\"message\":\"Forbidden\"}");
        assertThat(with.statusCode()).isEqualTo(200);
        assertThat(json(with).path("scopes")).extracting(JsonNode::asText).containsExactly("items:read", "items:write");
    }

    @Test
    void stopsAFunctionThatRunsPastItsTimeoutAndAnswers503() throws Exception {
        String bearer = "Bearer " + token("acme");
        long started = System.nanoTime();
        HttpResponse<String> timedOut = send(request("/v1/slow?ms=5000").header("Authorization", bearer));
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        HttpResponse<String> next = send(request("/v1/slow?ms=0").header("Authorization", bearer));

        assertThat(timedOut.statusCode()).isEqualTo(503);
        assertThat(timedOut.body()).isEqualTo("{\"message\":\"Service Unavailable\"}");
        assertThat(elapsedMs).as("the 1 s timeout, not the 5 s sleep").isLessThan(3000);
        assertThat(next.statusCode()).isEqualTo(200);
    }

    @Test
    void failsAnAnswerOverLambdasSixMegabytesAsDeployedWithA500() throws Exception {
        String bearer = "Bearer " + token("acme");

        HttpResponse<String> within = send(request("/v1/slow?pad=6000000").header("Authorization", bearer));
        HttpResponse<String> over = send(request("/v1/slow?pad=6300000").header("Authorization", bearer));

        assertThat(within.statusCode()).isEqualTo(200);
        assertThat(within.body()).hasSizeGreaterThan(6_000_000);
        assertThat(over.statusCode()).isEqualTo(500);
        assertThat(over.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
    }

    @Test
    void servesConcurrentRequestsOnSeparateInstances() throws Exception {
        String bearer = "Bearer " + token("acme");
        send(request("/v1/slow?ms=0").header("Authorization", bearer));
        long started = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            responses.add(http.sendAsync(
                    request("/v1/slow?ms=500").header("Authorization", bearer).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        List<JsonNode> served = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> response : responses) {
            assertThat(response.get().statusCode()).isEqualTo(200);
            served.add(json(response.get()));
        }
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;

        // An instance may serve a later request once it is free, never two at once.
        for (JsonNode a : served) {
            for (JsonNode b : served) {
                if (a != b && a.path("thread").asText().equals(b.path("thread").asText())) {
                    boolean overlap = a.path("started").asLong()
                                    < b.path("ended").asLong()
                            && b.path("started").asLong() < a.path("ended").asLong();
                    assertThat(overlap)
                            .as("each instance serves one request at a time")
                            .isFalse();
                }
            }
        }
        assertThat(served.stream()
                        .map(node -> node.path("thread").asText())
                        .distinct()
                        .count())
                .isGreaterThan(1);
        assertThat(elapsedMs)
                .as("eight 500 ms requests side by side, not one after another (4 s)")
                .isLessThan(3000);
    }

    @Test
    void redeliversOnlyTheFailedMessageOfABatchThenDeadLettersIt() throws Exception {
        app.queues().send("groundwork-WorkQueue", "ok-1");
        app.queues().send("groundwork-WorkQueue", "poison-1");
        app.queues().send("groundwork-WorkQueue", "ok-2");
        Path records = project.records().resolve("worker.txt");

        eventually(Duration.ofSeconds(40), () -> app.queues().approximateDepth("groundwork-work-dlq") == 1);

        List<String> lines = Files.readAllLines(records);
        assertThat(lines).filteredOn(line -> line.startsWith("ok-1 ")).hasSize(1);
        assertThat(lines).filteredOn(line -> line.startsWith("ok-2 ")).hasSize(1);
        assertThat(lines)
                .filteredOn(line -> line.startsWith("poison-1 "))
                .extracting(line -> line.split(" ")[1])
                .containsExactly("1", "2");
        assertThat(lines).allMatch(line -> line.endsWith("arn:aws:sqs:us-east-1:000000000000:groundwork-WorkQueue"));
        assertThat(app.queues().approximateDepth("groundwork-WorkQueue")).isZero();
    }

    @Test
    void deliversTableChangesToTheStreamsFunction() throws Exception {
        AwsJsonClient dynamodb =
                new AwsJsonClient(app.dynamoDbEndpoint(), "DynamoDB_20120810", "dynamodb", "us-east-1");
        ObjectNode put = dynamodb.object().put("TableName", "groundwork-ItemsTable");
        put.putObject("Item").putObject("pk").put("S", "TENANT#acme");
        ((ObjectNode) put.path("Item")).putObject("sk").put("S", "ITEM#1");
        dynamodb.call("PutItem", put);
        Path records = project.records().resolve("stream.txt");

        eventually(
                Duration.ofSeconds(10),
                () -> Files.exists(records) && read(records).contains("INSERT TENANT#acme true"));
    }

    @Test
    void splitsABatchOfStreamRecordsOverLambdasSixMegabytesAsLambdaBuildsBatchesWithinIt() throws Exception {
        AwsJsonClient dynamodb =
                new AwsJsonClient(app.dynamoDbEndpoint(), "DynamoDB_20120810", "dynamodb", "us-east-1");
        for (int n = 1; n <= 4; n++) {
            // 260,000 empty strings: 260 KB stored, 2.3 MB as a stream record's event ({"S":""} each)
            ObjectNode put = dynamodb.object().put("TableName", "groundwork-LargeChangesTable");
            ObjectNode item = put.putObject("Item");
            item.putObject("pk").put("S", "TENANT#large" + n);
            ArrayNode empties = item.putObject("blanks").putArray("L");
            for (int i = 0; i < 260_000; i++) {
                empties.addObject().put("S", "");
            }
            dynamodb.call("PutItem", put);
        }
        Path records = project.records().resolve("large-stream.txt");

        eventually(
                Duration.ofSeconds(20),
                () -> Files.exists(records)
                        && read(records)
                                        .lines()
                                        .filter(line -> line.contains("TENANT#large"))
                                        .count()
                                == 4);
        assertThat(read(records).lines().filter(line -> line.contains("TENANT#large")))
                .as("no batch of these records over 6 MB: at most two of them (4.7 MB) an event")
                .allSatisfy(line -> assertThat(Integer.parseInt(line.substring(line.lastIndexOf(' ') + 1)))
                        .isLessThanOrEqualTo(2));
    }

    @Test
    void pipesTableChangesToTheQueueAsTheTemplatesPipeDoes() throws Exception {
        AwsJsonClient dynamodb =
                new AwsJsonClient(app.dynamoDbEndpoint(), "DynamoDB_20120810", "dynamodb", "us-east-1");
        ObjectNode put = dynamodb.object().put("TableName", "groundwork-ItemsTable");
        put.putObject("Item").putObject("pk").put("S", "TENANT#piped");
        ((ObjectNode) put.path("Item")).putObject("sk").put("S", "ITEM#7");
        dynamodb.call("PutItem", put);

        List<JsonNode> bodies = new ArrayList<>();
        eventually(Duration.ofSeconds(10), () -> {
            ObjectNode receive = app.queues()
                    .client()
                    .object()
                    .put("QueueUrl", app.queues().url("groundwork-item-events"))
                    .put("MaxNumberOfMessages", 10)
                    .put("WaitTimeSeconds", 0);
            for (JsonNode message :
                    app.queues().client().call("ReceiveMessage", receive).path("Messages")) {
                try {
                    bodies.add(JSON.readTree(message.path("Body").asText()));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            return bodies.stream()
                    .anyMatch(body -> body.path("dynamodb")
                            .path("Keys")
                            .path("pk")
                            .path("S")
                            .asText()
                            .equals("TENANT#piped"));
        });
        JsonNode record = bodies.stream()
                .filter(body -> body.path("dynamodb")
                        .path("Keys")
                        .path("pk")
                        .path("S")
                        .asText()
                        .equals("TENANT#piped"))
                .findFirst()
                .orElseThrow();
        assertThat(record.path("eventName").asText()).isEqualTo("INSERT");
        assertThat(record.path("eventSource").asText()).isEqualTo("aws:dynamodb");
        assertThat(record.path("eventSourceARN").asText()).contains("table/groundwork-ItemsTable/stream/");
        assertThat(record.path("dynamodb").path("NewImage").path("sk").path("S").asText())
                .isEqualTo("ITEM#7");
    }

    @Test
    void servesTheIssuersKeysTheOpenApiDocumentAndItsReferencePage() throws Exception {
        JsonNode keys = json(send(request("/.well-known/jwks.json")));
        HttpResponse<String> openApi = send(request("/openapi.yaml"));
        HttpResponse<String> docs = send(request("/docs"));
        HttpResponse<String> bundle = send(request("/docs/swagger-ui-bundle.js"));

        assertThat(keys.path("keys").get(0).path("kty").asText()).isEqualTo("RSA");
        assertThat(keys.path("keys").get(0).has("d"))
                .as("never the private key")
                .isFalse();
        assertThat(openApi.body()).startsWith("openapi: 3.1.0");
        assertThat(openApi.body())
                .as("Try it out reaches this runner, whatever its port")
                .contains("url: " + app.endpoint())
                .doesNotContain("url: http://localhost:3000\n");
        assertThat(docs.body()).contains("SwaggerUIBundle").contains("/openapi.yaml");
        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.body().length()).isGreaterThan(100_000);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    static void eventually(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime())
                    .as("condition not met within " + limit)
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
