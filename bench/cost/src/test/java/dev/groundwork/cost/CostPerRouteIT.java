package dev.groundwork.cost;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.groundwork.cost.CapacityMeter.Part;
import dev.groundwork.cost.CapacityMeter.Tally;
import dev.groundwork.imports.ImportFunctions;
import dev.groundwork.imports.ImportsConfig;
import dev.groundwork.items.ItemFunctions;
import dev.groundwork.platform.testing.Json;
import dev.groundwork.platform.testing.LocalCloud;
import dev.groundwork.platform.testing.QueuePoller;
import dev.groundwork.platform.testing.Requests;
import dev.groundwork.platform.testing.StreamPoller;
import dev.groundwork.usage.RelayConfig;
import dev.groundwork.usage.UsageConfig;
import dev.groundwork.usage.UsageFunctions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Cost per request, by route, measured: every route's handler, wired as in Lambda, on a typical item of about 1 KB,
 * against the embedded DynamoDB and ElasticMQ; then the work the request causes off its path, as Lambda's event
 * sources would deliver it (the items table's stream to the relay, batches of up to 100; the item-events queue to the
 * meter, up to 10; the import-jobs queue to the worker, up to 5; template.yaml). {@link CapacityMeter} asks DynamoDB for
 * the capacity each call consumed and counts the SQS requests. Each route is measured alone, so every off-path batch
 * holds only that request's work: the cost of a request at low traffic, the most a request costs (busier traffic shares
 * batches, runs and transactions). The table is printed and written to {@code target/cost-per-route.txt};
 * docs/performance.md, "Cost per million requests", prices it.
 */
class CostPerRouteIT {
    private static final String TENANT = "acme";
    /** Attributes that make a stored item of just under 1 KB with the keys and bookkeeping the store adds. */
    private static final String DESCRIPTION = "d".repeat(640);

    private static final int IMPORT_LINES = 100;

    private final LocalCloud cloud = LocalCloud.get();
    private final String itemsTable = cloud.table("items", true);
    private final String usageTable = cloud.table("usage", false);
    private final LocalCloud.Queue itemEvents = cloud.queue("item-events", 1, 5);
    private final LocalCloud.Queue itemChangesDeadLetters = cloud.queue("item-changes-dead-letters", 1, 5);
    private final LocalCloud.Queue importJobs = cloud.queue("import-jobs", 1, 5);
    private final Map<String, String> variables = Map.of(
            "TABLE_NAME",
            itemsTable,
            UsageConfig.USAGE_TABLE_NAME,
            usageTable,
            RelayConfig.ITEM_EVENTS_QUEUE_URL,
            itemEvents.url(),
            RelayConfig.ITEM_CHANGES_DEAD_LETTER_QUEUE_URL,
            itemChangesDeadLetters.url(),
            ImportsConfig.IMPORT_JOBS_QUEUE_URL,
            importJobs.url(),
            ImportsConfig.IMPORT_JOBS_MAX_RECEIVE_COUNT,
            "5");
    // The relay and the meter with a key of their own rights; the tenant-scoped functions with the functions' own
    // key, which may only assume the tenant role, as deployed.
    private final Map<String, String> env = cloud.environment(variables);
    private final Map<String, String> tenantScoped = cloud.routeEnvironment(variables);
    private final ItemFunctions items = ItemFunctions.fromEnvironment(tenantScoped);
    private final UsageFunctions usage = UsageFunctions.fromEnvironment(env, tenantScoped);
    private final ImportFunctions imports = ImportFunctions.fromEnvironment(tenantScoped);
    // Lambda's event sources, with the template's batch sizes.
    private final StreamPoller stream = new StreamPoller(cloud, itemsTable, 100);
    private final QueuePoller meterQueue = new QueuePoller(cloud, itemEvents.url(), 10);
    private final QueuePoller importQueue = new QueuePoller(cloud, importJobs.url(), 5);
    private final List<String> routes = new ArrayList<>();

    @Test
    void measuresWhatEachRouteConsumesOnItsPathAndOffIt() throws IOException {
        // given: a tenant with 30 items of about 1 KB (so a page of the list is full) and every off-path queue drained
        for (int i = 0; i < 30; i++) {
            items.create().apply(create("Seed " + i).event());
        }
        offPath(Optional.empty());
        String id = created(items.create().apply(create("Blue widget").event()));
        offPath(Optional.empty());

        // when: each route, alone, then what it causes
        String typical =
                created(measure("POST /v1/items", "CreateItemFunction", items.create(), create("Green widget")));
        measure(
                "POST /v1/items, Idempotency-Key",
                "CreateItemFunction",
                items.create(),
                create("Red widget").header("Idempotency-Key", "cost-1"));
        measure(
                "GET /v1/items/{id}",
                "GetItemFunction",
                items.get(),
                Requests.from("get-item/valid.json").tenant(TENANT).itemId(id));
        measure(
                "GET /v1/items",
                "ListItemsFunction",
                items.list(),
                Requests.from("list-items/first-page.json").tenant(TENANT));
        measure(
                "PATCH /v1/items/{id}",
                "UpdateItemFunction",
                items.update(),
                Requests.from("update-item/valid.json").tenant(TENANT).itemId(id));
        measure(
                "DELETE /v1/items/{id}",
                "DeleteItemFunction",
                items.delete(),
                Requests.from("delete-item/valid.json").tenant(TENANT).itemId(id));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        measure(
                "GET /v1/usage",
                "GetUsageFunction",
                usage.get(),
                Requests.from("get-usage/valid.json")
                        .tenant(TENANT)
                        .query("from", today.withDayOfMonth(1).toString())
                        .query("to", today.toString()));
        String ndjson = IntStream.rangeClosed(1, IMPORT_LINES)
                .mapToObj(line -> "{\"name\":\"Imported " + line + "\",\"attributes\":{\"description\":\"" + DESCRIPTION
                        + "\"},\"tags\":[\"import\"]}")
                .collect(Collectors.joining("\n"));
        String importId = created(measure(
                "POST /v1/imports, " + IMPORT_LINES + " lines",
                "CreateImportFunction",
                imports.create(),
                Requests.from("create-import/ndjson.json").tenant(TENANT).body(ndjson)));
        APIGatewayV2HTTPEvent getImport =
                Requests.from("get-import/valid.json").tenant(TENANT).event();
        getImport.setPathParameters(Map.of("importId", importId));
        getImport.setRawPath("/v1/imports/" + importId);
        measure("GET /v1/imports/{id}", "GetImportFunction", imports.get(), getImport);

        // then: the table, and DynamoDB's documented rules hold for the simplest routes
        long typicalSize = itemSize(typical);
        String table = table(typicalSize);
        System.out.println(table);
        Files.writeString(Path.of("target/cost-per-route.txt"), table);
        // A ~1 KB item: one write unit to put, one read unit to read strongly consistently (as every read of items
        // is; eventually consistently it would be half); a page of 25 and one more, just over 24 KB, seven.
        assertThat(CapacityMeter.tally("POST /v1/items", Part.REQUEST).writeUnits())
                .isEqualTo(1.0);
        assertThat(CapacityMeter.tally("GET /v1/items/{id}", Part.REQUEST).readUnits())
                .isEqualTo(1.0);
        assertThat(CapacityMeter.tally("GET /v1/items", Part.REQUEST).readUnits())
                .isEqualTo(7.0);
        assertThat(typicalSize).isBetween(900L, 1024L);
    }

    private Requests create(String name) {
        return Requests.from("create-item/valid.json")
                .tenant(TENANT)
                .withoutHeader("Idempotency-Key")
                .body("{\"name\":\"" + name + "\",\"attributes\":{\"color\":\"blue\",\"description\":\"" + DESCRIPTION
                        + "\"},\"tags\":[\"widgets\",\"blue\"]}");
    }

    private APIGatewayV2HTTPResponse measure(
            String route,
            String function,
            Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
            Requests request) {
        return measure(route, function, handler, request.event());
    }

    private APIGatewayV2HTTPResponse measure(
            String route,
            String function,
            Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
            APIGatewayV2HTTPEvent event) {
        routes.add(route);
        APIGatewayV2HTTPResponse response =
                CapacityMeter.during(route, Part.REQUEST, Optional.of(function), () -> handler.apply(event));
        assertThat(response.getStatusCode())
                .as(route + ": " + response.getBody())
                .isLessThan(300);
        offPath(Optional.of(route));
        return response;
    }

    /** Delivers what a request caused, as the event sources would, until nothing is left; counted for the route. */
    private void offPath(Optional<String> route) {
        boolean more = true;
        while (more) {
            more = false;
            while (poll(route, importQueue, "ImportWorkerFunction", imports.worker()) > 0) {
                more = true;
            }
            more |= stream.drain(event -> counted(route, Optional.of("ItemEventsRelayFunction"), () -> {
                        usage.relay().accept(event);
                        return null;
                    }))
                    > 0;
            while (poll(route, meterQueue, "UsageMeterFunction", usage.meter()) > 0) {
                more = true;
            }
        }
    }

    /** One batch off a queue: the event source's receive and delete and the function's invocation, all counted. */
    private int poll(
            Optional<String> route, QueuePoller queue, String function, Function<SQSEvent, SQSBatchResponse> handler) {
        return counted(
                route,
                Optional.empty(),
                () -> queue.pollOnce(
                        batch -> counted(route, Optional.of(function), () -> handler.apply(batch)),
                        QueuePoller.Delivery.asLambda()));
    }

    private static <T> T counted(
            Optional<String> route, Optional<String> function, java.util.function.Supplier<T> work) {
        return route.isPresent() ? CapacityMeter.during(route.get(), Part.OFF_PATH, function, work) : work.get();
    }

    private static String created(APIGatewayV2HTTPResponse response) {
        return Json.parse(response.getBody()).get("id").asText();
    }

    /** An item's size by DynamoDB's rules: names and values in UTF-8, numbers approximated by their digits. */
    private long itemSize(String id) {
        Map<String, AttributeValue> item = cloud.dynamoDb()
                .getItem(get -> get.tableName(itemsTable)
                        .key(Map.of(
                                "pk", AttributeValue.fromS("TENANT#" + TENANT),
                                "sk", AttributeValue.fromS("ITEM#" + id))))
                .item();
        return item.isEmpty()
                ? 0
                : item.entrySet().stream()
                        .mapToLong(entry -> utf8(entry.getKey()) + size(entry.getValue()))
                        .sum();
    }

    private static long size(AttributeValue value) {
        if (value.s() != null) return utf8(value.s());
        if (value.n() != null) return value.n().length() / 2 + 1;
        if (value.bool() != null || value.nul() != null) return 1;
        if (value.hasM())
            return 3
                    + value.m().entrySet().stream()
                            .mapToLong(entry -> utf8(entry.getKey()) + size(entry.getValue()) + 1)
                            .sum();
        if (value.hasL())
            return 3 + value.l().stream().mapToLong(v -> size(v) + 1).sum();
        return 0;
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private String table(long typicalSize) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "%-36s %-8s %6s %6s %5s  %-34s %s%n",
                "route",
                "part",
                "RRU",
                "WRU",
                "SQS",
                "Lambda invocations",
                "calls"));
        for (String route : routes) {
            for (Part part : Part.values()) {
                Tally tally = CapacityMeter.tally(route, part);
                out.append(String.format(
                        Locale.ROOT,
                        "%-36s %-8s %6.1f %6.1f %5d  %-34s %s%n",
                        route,
                        part == Part.REQUEST ? "request" : "off-path",
                        tally.readUnits(),
                        tally.writeUnits(),
                        tally.sqsRequests(),
                        tally.invocations().toString().replace("Function", ""),
                        tally.operations()));
            }
        }
        out.append(String.format(
                Locale.ROOT,
                "item size of the typical item: %d bytes (DynamoDB's rules, approximated)%n",
                typicalSize));
        return out.toString();
    }
}
