package dev.groundwork.items;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.groundwork.items.domain.Item;
import dev.groundwork.items.dynamodb.DynamoDbItems;
import dev.groundwork.items.testing.TestItems;
import dev.groundwork.kernel.TenantId;
import dev.groundwork.platform.dynamodb.TableAccess;
import dev.groundwork.platform.testing.Contract;
import dev.groundwork.platform.testing.DynamoDbTarget;
import dev.groundwork.platform.testing.Json;
import dev.groundwork.platform.testing.Requests;
import dev.groundwork.platform.testing.TestContext;
import dev.groundwork.platform.testing.TestTable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(DynamoDbTarget.class)
class UpdateItemHandlerIT {
    private static final TenantId ACME = new TenantId("acme");
    private static final TenantId GLOBEX = new TenantId("globex");
    private final DynamoDbTarget target;
    private TestTable table;
    private DynamoDbItems items;
    private UpdateItemHandler handler;

    UpdateItemHandlerIT(DynamoDbTarget target) {
        this.target = target;
    }

    @BeforeEach
    void twoTenantsWithTheSameItemId() {
        table = target.freshTable();
        items = new DynamoDbItems(table.client(), table.name(), TableAccess.asFunction());
        items.add(ACME, TestItems.sample("Acme's widget"));
        items.add(GLOBEX, TestItems.sample("Globex's widget"));
        handler = new UpdateItemHandler(ItemsApplication.fromEnvironment(table.environment()));
    }

    private APIGatewayV2HTTPResponse call(Requests request) {
        return Contract.checked(
                request.event(), handler.handleRequest(request.event(), new TestContext("UpdateItemFunction")));
    }

    private List<APIGatewayV2HTTPResponse> concurrently(int clients, java.util.function.IntFunction<Requests> request)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<APIGatewayV2HTTPResponse>> futures = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            int client = i;
            futures.add(pool.submit(() -> {
                start.await();
                return call(request.apply(client));
            }));
        }
        start.countDown();
        List<APIGatewayV2HTTPResponse> responses = new ArrayList<>();
        for (Future<APIGatewayV2HTTPResponse> future : futures) {
            responses.add(future.get());
        }
        pool.shutdown();
        return responses;
    }

    @Test
    void theSnapStartPrimingRunsTheWriteOfAFoundItemAndWritesNothing() {
        // when: the priming runs, as before a snapshot (it throws if an answer is not the one it expects: 404, then
        // 412 for the found item's write, which the table refuses)
        handler.prime();

        // then: the table holds the two items it held, unchanged
        assertThat(table.client().scan(scan -> scan.tableName(table.name())).items())
                .hasSize(2)
                .allSatisfy(record -> assertThat(record.get("version").n()).isEqualTo("1"));
    }

    @Test
    void fiftyConcurrentPatchesWithIfMatchYieldExactlyOneSuccessPerVersion() throws Exception {
        for (long version = 1; version <= 3; version++) {
            long expected = version;
            List<APIGatewayV2HTTPResponse> responses = concurrently(
                    50,
                    client -> Requests.from("update-item/if-match.json")
                            .header("If-Match", "\"" + expected + "\"")
                            .body("{\"name\":\"client " + client + " at " + expected + "\"}"));

            assertThat(responses)
                    .filteredOn(response -> response.getStatusCode() == 200)
                    .hasSize(1);
            assertThat(responses)
                    .filteredOn(response -> response.getStatusCode() == 412)
                    .hasSize(49);
            Item stored = items.findLatest(ACME, TestItems.SAMPLE_ID).orElseThrow();
            assertThat(stored.version()).isEqualTo(expected + 1);
            String winner = responses.stream()
                    .filter(response -> response.getStatusCode() == 200)
                    .findFirst()
                    .map(response -> Json.parse(response.getBody()).get("name").asText())
                    .orElseThrow();
            assertThat(stored.content().name()).isEqualTo(winner);
        }
        assertThat(items.findLatest(GLOBEX, TestItems.SAMPLE_ID).orElseThrow().version())
                .isEqualTo(1);
    }

    @Test
    void concurrentPatchesWithoutIfMatchAreAllAppliedOnceEach() throws Exception {
        List<APIGatewayV2HTTPResponse> responses = concurrently(
                10,
                client -> Requests.from("update-item/valid.json")
                        .body("{\"attributes\":{\"client" + client + "\":true}}"));

        long applied = responses.stream()
                .filter(response -> response.getStatusCode() == 200)
                .count();
        assertThat(responses)
                .allSatisfy(response -> assertThat(response.getStatusCode()).isIn(200, 409));
        Item stored = items.findLatest(ACME, TestItems.SAMPLE_ID).orElseThrow();
        assertThat(stored.version()).isEqualTo(1 + applied);
        assertThat(stored.content().attributes().keySet().stream()
                        .filter(key -> key.startsWith("client"))
                        .count())
                .isEqualTo(applied);
    }

    @Test
    void patchesOnlyTheCallingTenantsItem() {
        APIGatewayV2HTTPResponse response =
                call(Requests.from("update-item/valid.json").tenant("globex"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(items.findLatest(ACME, TestItems.SAMPLE_ID)
                        .orElseThrow()
                        .content()
                        .name())
                .isEqualTo("Acme's widget");
        assertThat(items.findLatest(GLOBEX, TestItems.SAMPLE_ID)
                        .orElseThrow()
                        .content()
                        .name())
                .isEqualTo("Navy widget");
        assertThat(call(Requests.from("update-item/valid.json").tenant("initech"))
                        .getStatusCode())
                .isEqualTo(404);
    }

    @Test
    void writesNothingForRejectedPatches() {
        List<Requests> rejected = List.of(
                Requests.from("update-item/read-only-field.json"),
                Requests.from("update-item/wrong-content-type.json"),
                Requests.from("update-item/valid.json").body("{\"tags\":[\"a\",\"a\"]}"),
                Requests.from("update-item/valid.json").body("{\"name\":"),
                Requests.from("update-item/valid.json").header("If-Match", "\"9\""),
                Requests.from("update-item/valid.json").tenant("acme#TENANT#globex"));

        for (Requests request : rejected) {
            APIGatewayV2HTTPResponse response = call(request);
            assertThat(response.getStatusCode()).isBetween(400, 499);
        }
        assertThat(items.findLatest(ACME, TestItems.SAMPLE_ID).orElseThrow().version())
                .isEqualTo(1);
        assertThat(items.findLatest(GLOBEX, TestItems.SAMPLE_ID).orElseThrow().version())
                .isEqualTo(1);
    }
}
