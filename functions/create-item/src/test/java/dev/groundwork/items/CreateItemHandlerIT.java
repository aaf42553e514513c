package dev.groundwork.items;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.groundwork.platform.testing.Contract;
import dev.groundwork.platform.testing.DynamoDbTarget;
import dev.groundwork.platform.testing.Json;
import dev.groundwork.platform.testing.Requests;
import dev.groundwork.platform.testing.TestContext;
import dev.groundwork.platform.testing.TestTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(DynamoDbTarget.class)
class CreateItemHandlerIT {
    private final DynamoDbTarget target;
    private TestTable table;
    private CreateItemHandler handler;

    CreateItemHandlerIT(DynamoDbTarget target) {
        this.target = target;
    }

    @BeforeEach
    void freshTable() {
        table = target.freshTable();
        handler = new CreateItemHandler(ItemsApplication.fromEnvironment(table.environment()));
    }

    private APIGatewayV2HTTPResponse call(Requests request) {
        return Contract.checked(
                request.event(), handler.handleRequest(request.event(), new TestContext("CreateItemFunction")));
    }

    @Test
    void storesTheItemInOneRecordUnderTheTenantsPartition() {
        APIGatewayV2HTTPResponse response = call(Requests.from("create-item/valid.json"));

        assertThat(response.getStatusCode()).isEqualTo(201);
        String id = Json.parse(response.getBody()).get("id").asText();
        var stored = table.client().scan(scan -> scan.tableName(table.name())).items();
        assertThat(stored).singleElement().satisfies(record -> {
            assertThat(record.get("pk").s()).isEqualTo("TENANT#acme");
            assertThat(record.get("sk").s()).isEqualTo("ITEM#" + id);
            assertThat(record.get("attributes").m().get("size").m().get("width").n())
                    .isEqualTo("12.5");
        });
    }

    @Test
    void writesNothingForAnyRejectedRequest() {
        List<Requests> rejected = List.of(
                Requests.from("create-item/invalid-fields.json"),
                Requests.from("create-item/malformed-json.json"),
                Requests.from("create-item/wrong-content-type.json"),
                Requests.from("create-item/no-tenant-claim.json"),
                Requests.from("create-item/malformed-tenant-claim.json"),
                Requests.from("create-item/valid.json").body("{\"name\":\"" + "x".repeat(400_000) + "\"}"),
                Requests.from("create-item/valid.json").body("{\"name\":\"ok\",\"attributes\":{\"n\":1E+200}}"),
                Requests.from("create-item/with-idempotency-key.json").body("{\"name\":\"\"}"));

        for (Requests request : rejected) {
            APIGatewayV2HTTPResponse response = call(request);
            assertThat(response.getStatusCode()).isBetween(400, 499);
            assertThat(response.getBody()).doesNotContain("Exception").doesNotContain("at dev.");
        }
        assertThat(table.recordCount()).isZero();
    }

    @Test
    void createsOneItemFor20ConcurrentRequestsWithOneIdempotencyKey() throws Exception {
        int clients = 20;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<APIGatewayV2HTTPResponse>> futures = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                return call(Requests.from("create-item/with-idempotency-key.json"));
            }));
        }
        start.countDown();
        List<APIGatewayV2HTTPResponse> responses = new ArrayList<>();
        for (Future<APIGatewayV2HTTPResponse> future : futures) {
            responses.add(future.get());
        }
        pool.shutdown();

        assertThat(responses)
                .allSatisfy(response -> assertThat(response.getStatusCode()).isIn(201, 409));
        assertThat(responses)
                .filteredOn(response -> response.getStatusCode() == 409)
                .allSatisfy(response -> assertThat(response.getHeaders()).containsKey("Retry-After"));
        Set<String> ids = responses.stream()
                .filter(response -> response.getStatusCode() == 201)
                .map(response -> Json.parse(response.getBody()).get("id").asText())
                .collect(Collectors.toSet());
        assertThat(ids).hasSize(1);
        APIGatewayV2HTTPResponse later = call(Requests.from("create-item/with-idempotency-key.json"));
        assertThat(later.getStatusCode()).isEqualTo(201);
        assertThat(Json.parse(later.getBody()).get("id").asText())
                .isEqualTo(ids.iterator().next());
        long items = table.client().scan(scan -> scan.tableName(table.name())).items().stream()
                .filter(record -> record.get("sk").s().startsWith("ITEM#"))
                .count();
        assertThat(items).isEqualTo(1);
    }

    @Test
    void answers422ForTheSameKeyWithAnotherBodyAndKeepsTheFirstItem() {
        JsonNode first = Json.parse(
                call(Requests.from("create-item/with-idempotency-key.json")).getBody());

        APIGatewayV2HTTPResponse reused =
                call(Requests.from("create-item/with-idempotency-key.json").body("{\"name\":\"Red widget\"}"));

        assertThat(reused.getStatusCode()).isEqualTo(422);
        assertThat(table.client().scan(scan -> scan.tableName(table.name())).items())
                .filteredOn(record -> record.get("sk").s().startsWith("ITEM#"))
                .singleElement()
                .satisfies(record -> assertThat(record.get("id").s())
                        .isEqualTo(first.get("id").asText()));
    }

    /**
     * An item of 350 KB of control characters answers with 1 MB of escapes, which gzip cannot bring under DynamoDB's
     * 400 KB: its key is kept without the answer, and a retry is answered again from the request's mark, not a 500.
     */
    @Test
    void answersARetryOfAnItemWhoseAnswerIsTooLargeToKeep() {
        String body = "{\"name\":\"x\",\"attributes\":{\"s\":" + Json.text(hardToCompress(355_000)) + "}}";
        Requests request =
                Requests.from("create-item/with-idempotency-key.json").body(body);

        APIGatewayV2HTTPResponse first = call(request);
        APIGatewayV2HTTPResponse retry = call(request);
        APIGatewayV2HTTPResponse reused =
                call(Requests.from("create-item/with-idempotency-key.json").body("{\"name\":\"other\"}"));

        assertThat(first.getStatusCode()).isEqualTo(201);
        assertThat(table.client().scan(scan -> scan.tableName(table.name())).items())
                .filteredOn(record -> record.get("sk").s().startsWith("IDEMPOTENCY#"))
                .singleElement()
                .satisfies(record -> assertThat(record).doesNotContainKey("responseBody"));
        assertThat(retry.getStatusCode()).isEqualTo(201);
        assertThat(retry.getHeaders()).containsEntry("Idempotent-Replayed", "true");
        assertThat(retry.getBody()).isEqualTo(first.getBody());
        assertThat(retry.getHeaders().get("ETag")).isEqualTo(first.getHeaders().get("ETag"));
        assertThat(reused.getStatusCode()).isEqualTo(422);
        assertThat(table.client().scan(scan -> scan.tableName(table.name())).items())
                .filteredOn(record -> record.get("sk").s().startsWith("ITEM#"))
                .hasSize(1);
    }

    /** Text as escaped in JSON mostly: control characters, quotes and backslashes among printable ones, at random. */
    private static String hardToCompress(int length) {
        Random random = new Random(1);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            double pick = random.nextDouble();
            text.append(
                    pick < 0.35
                            ? (char) random.nextInt(0x20)
                            : pick < 0.5 ? "\"\\".charAt(random.nextInt(2)) : (char) (0x21 + random.nextInt(94)));
        }
        return text.toString();
    }

    @Test
    void keepsOneIdempotencyKeyApartForTwoTenants() {
        String acme = Json.parse(call(Requests.from("create-item/with-idempotency-key.json"))
                        .getBody())
                .get("id")
                .asText();
        APIGatewayV2HTTPResponse globex = call(Requests.from("create-item/with-idempotency-key.json")
                .tenant("globex")
                .body("{\"name\":\"Globex's own\"}"));

        assertThat(globex.getStatusCode()).isEqualTo(201);
        assertThat(Json.parse(globex.getBody()).get("id").asText()).isNotEqualTo(acme);
    }
}
