package dev.groundwork.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.groundwork.dynamodb.model.AttributeValues;
import dev.groundwork.dynamodb.model.ItemSize;
import dev.groundwork.local.aws.AwsJsonClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 through the runner, as a newcomer sees it: item writes over HTTP reach the usage meters through the
 * table's stream, the relay, the item-events queue and the meter, all as template.yaml wires them; an import
 * finishes through the import-jobs queue. Tenants never see each other's usage or imports. (Exactness under
 * crashes, duplicate deliveries and poison messages is UsageMeterIT's, in functions/usage-meter: it needs
 * visibility timeouts of a second, where the template's are minutes.) Skipped when the functions are not built.
 */
class UsageAndImportsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TENANTS = List.of("acme", "globex", "initech", "umbrella", "hooli");

    @TempDir
    static Path state;

    static LocalApplication app;
    static HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        app = RepositoryApplication.startWith("UsageMeterFunction", state);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    private static HttpResponse<String> call(String method, String path, String tenant, String body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.endpoint() + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + app.token(tenant, tenant + "-user", Duration.ofMinutes(5)));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode usage(String tenant) throws Exception {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        HttpResponse<String> response = call("GET", "/v1/usage?from=" + yesterday + "&to=" + today, tenant, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("totals");
    }

    /** Polls until {@code check} holds, as a client watching the meters would. */
    private static void eventually(Duration limit, ThrowingCheck check) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try {
                check.run();
                return;
            } catch (AssertionError notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(250);
            }
        }
    }

    @FunctionalInterface
    private interface ThrowingCheck {
        void run() throws Exception;
    }

    /** The sizes of the tenant's items as stored now, by the embedded DynamoDB's own rule (ItemSize). */
    private static long storedBytes(String tenant) {
        AwsJsonClient dynamodb =
                new AwsJsonClient(app.dynamoDbEndpoint(), "DynamoDB_20120810", "dynamodb", LocalApplication.REGION);
        long bytes = 0;
        JsonNode startKey = null;
        do {
            ObjectNode query = dynamodb.object()
                    .put("TableName", LocalApplication.STACK_NAME + "-ItemsTable")
                    .put("KeyConditionExpression", "pk = :pk AND begins_with(sk, :items)");
            ObjectNode values = query.putObject("ExpressionAttributeValues");
            values.putObject(":pk").put("S", "TENANT#" + tenant);
            values.putObject(":items").put("S", "ITEM#");
            if (startKey != null) {
                query.set("ExclusiveStartKey", startKey);
            }
            JsonNode page = dynamodb.call("Query", query);
            for (JsonNode item : page.path("Items")) {
                bytes += ItemSize.of(AttributeValues.itemFromJson(item));
            }
            startKey = page.get("LastEvaluatedKey");
        } while (startKey != null);
        return bytes;
    }

    @Test
    void usageReflectsEveryTenantsWritesThroughTheStreamRelayQueueAndMeter() throws Exception {
        Random random = new Random(2026);
        Map<String, List<String>> live = new LinkedHashMap<>();
        Map<String, long[]> truth = new LinkedHashMap<>(); // created, updated, deleted
        TENANTS.forEach(tenant -> {
            live.put(tenant, new ArrayList<>());
            truth.put(tenant, new long[3]);
        });
        for (int op = 0; op < 300; op++) {
            String tenant = TENANTS.get(random.nextInt(TENANTS.size()));
            List<String> ids = live.get(tenant);
            int choice = random.nextInt(10);
            if (ids.isEmpty() || choice < 5) {
                HttpResponse<String> created = call(
                        "POST",
                        "/v1/items",
                        tenant,
                        // Numbers the meter's first rule counted a byte short: negative, and straddling a base-100
                        // digit
                        "{\"name\":\"item " + op + "\",\"attributes\":{\"balance\":-" + op + ".5,\"count\":120}}",
                        "Content-Type",
                        "application/json");
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                ids.add(JSON.readTree(created.body()).path("id").asText());
                truth.get(tenant)[0]++;
            } else if (choice < 8) {
                String id = ids.get(random.nextInt(ids.size()));
                assertThat(call(
                                        "PATCH",
                                        "/v1/items/" + id,
                                        tenant,
                                        "{\"tags\":[\"t" + op + "\"]}",
                                        "Content-Type",
                                        "application/merge-patch+json")
                                .statusCode())
                        .isEqualTo(200);
                truth.get(tenant)[1]++;
            } else {
                String id = ids.remove(random.nextInt(ids.size()));
                assertThat(call("DELETE", "/v1/items/" + id, tenant, null).statusCode())
                        .isEqualTo(204);
                truth.get(tenant)[2]++;
            }
        }

        // The meter's batching window is 5 s (template.yaml): the meters catch up within seconds.
        eventually(Duration.ofSeconds(60), () -> {
            for (String tenant : TENANTS) {
                long[] counts = truth.get(tenant);
                JsonNode totals = usage(tenant);
                assertThat(totals.path("itemsCreated").asLong()).as(tenant).isEqualTo(counts[0]);
                assertThat(totals.path("itemsUpdated").asLong()).as(tenant).isEqualTo(counts[1]);
                assertThat(totals.path("itemsDeleted").asLong()).as(tenant).isEqualTo(counts[2]);
                assertThat(totals.path("writeRequests").asLong())
                        .as(tenant)
                        .isEqualTo(counts[0] + counts[1] + counts[2]);
                assertThat(totals.path("itemsStored").asLong())
                        .as(tenant)
                        .isEqualTo(live.get(tenant).size());
                assertThat(totals.path("bytesStored").asLong())
                        .as("%s's bytes: its items' as the embedded DynamoDB sizes them", tenant)
                        .isEqualTo(storedBytes(tenant));
            }
        });
    }

    @Test
    void anImportFinishesThroughTheImportJobsQueueAndOnlyItsTenantSeesIt() throws Exception {
        StringBuilder ndjson = new StringBuilder();
        for (int line = 1; line <= 1_000; line++) {
            ndjson.append(line % 100 == 0 ? "{\"name\":\"\"}" : "{\"name\":\"imported " + line + "\"}")
                    .append('\n');
        }
        // Tenants of their own: the usage test's meters must see only that test's writes.
        HttpResponse<String> accepted =
                call("POST", "/v1/imports", "wayne", ndjson.toString(), "Content-Type", "application/x-ndjson");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String location = accepted.headers().firstValue("location").orElseThrow();

        eventually(Duration.ofSeconds(60), () -> {
            JsonNode job = JSON.readTree(call("GET", location, "wayne", null).body());
            assertThat(job.path("status").asText()).isEqualTo("succeeded");
            assertThat(job.path("counts").path("written").asInt()).isEqualTo(990);
            assertThat(job.path("counts").path("rejected").asInt()).isEqualTo(10);
        });
        assertThat(call("GET", location, "stark", null).statusCode()).isEqualTo(404);
        eventually(
                Duration.ofSeconds(30),
                () -> assertThat(usage("wayne").path("itemsCreated").asLong()).isEqualTo(990));
        assertThat(usage("stark").path("itemsCreated").asLong()).isZero();
    }
}
