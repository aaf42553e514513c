package dev.groundwork.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.groundwork.kernel.TenantId;
import dev.groundwork.platform.dynamodb.TableAccess;
import dev.groundwork.platform.testing.Contract;
import dev.groundwork.platform.testing.Json;
import dev.groundwork.platform.testing.LocalCloud;
import dev.groundwork.platform.testing.Requests;
import dev.groundwork.platform.testing.TestContext;
import dev.groundwork.usage.domain.RunKey;
import dev.groundwork.usage.domain.UsageCounters;
import dev.groundwork.usage.domain.UsageLedger;
import dev.groundwork.usage.dynamodb.DynamoDbUsageLedger;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GetUsageHandlerIT {
    private static final TenantId ACME = new TenantId("acme");
    private GetUsageHandler handler;
    private DynamoDbUsageLedger ledger;

    @BeforeEach
    void wire() {
        LocalCloud cloud = LocalCloud.get();
        String usageTable = cloud.table("usage", false);
        Map<String, String> env = cloud.routeEnvironment(Map.of(UsageConfig.USAGE_TABLE_NAME, usageTable));
        handler = new GetUsageHandler(UsageApplication.api(env));
        ledger = new DynamoDbUsageLedger(cloud.dynamoDb(), usageTable, TableAccess.asFunction(), Clock.systemUTC());
        count(ACME, "1", LocalDate.parse("2026-11-02"), new UsageCounters(3, 1, 0, 4, 3, 900));
        count(ACME, "2", LocalDate.parse("2026-11-25"), new UsageCounters(1, 0, 2, 3, -1, -250));
        count(ACME, "3", LocalDate.parse("2026-12-01"), new UsageCounters(5, 0, 0, 5, 5, 1000));
        count(new TenantId("globex"), "4", LocalDate.parse("2026-11-03"), new UsageCounters(7, 0, 0, 7, 7, 700));
    }

    private void count(TenantId tenant, String sequence, LocalDate day, UsageCounters counters) {
        UsageLedger.Outcome outcome =
                ledger.count(tenant, Set.of(new RunKey(tenant, "stream", sequence, sequence)), Map.of(day, counters));
        assertThat(outcome).isInstanceOf(UsageLedger.Counted.class);
    }

    private APIGatewayV2HTTPResponse call(Requests request) {
        return Contract.checked(
                request.event(), handler.handleRequest(request.event(), new TestContext("GetUsageFunction")));
    }

    @Test
    void showsTheCallersDailyMetersWithinTheRangeAndTheirTotals() {
        APIGatewayV2HTTPResponse response = call(Requests.from("get-usage/valid.json"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders())
                .containsEntry("API-Version", "1")
                .containsEntry("Content-Type", "application/json");
        JsonNode body = Json.parse(response.getBody());
        assertThat(body.get("days").findValuesAsText("day")).containsExactly("2026-11-02", "2026-11-25");
        assertThat(body.get("totals").get("itemsCreated").asLong()).isEqualTo(4);
        assertThat(body.get("totals").get("itemsStored").asLong()).isEqualTo(2);
        assertThat(body.get("totals").get("bytesStored").asLong()).isEqualTo(650);
    }

    @Test
    void neverShowsAnotherTenantsUsage() {
        JsonNode globex = Json.parse(
                call(Requests.from("get-usage/valid.json").tenant("globex")).getBody());
        JsonNode initech = Json.parse(
                call(Requests.from("get-usage/valid.json").tenant("initech")).getBody());

        assertThat(globex.get("days").findValuesAsText("day")).containsExactly("2026-11-03");
        assertThat(globex.get("totals").get("itemsCreated").asLong()).isEqualTo(7);
        assertThat(initech.get("days")).isEmpty();
        assertThat(initech.get("totals").get("writeRequests").asLong()).isZero();
    }

    @Test
    void answers400ForARangeOfMoreThan92Days() {
        APIGatewayV2HTTPResponse response = call(Requests.from("get-usage/range-too-long.json"));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        assertThat(Json.parse(response.getBody()).get("errors").findValuesAsText("field"))
                .containsExactly("to");
    }

    @Test
    void answers400ForMissingOrMalformedDates() {
        assertThat(call(Requests.from("get-usage/valid.json").withoutQuery()).getStatusCode())
                .isEqualTo(400);
        assertThat(call(Requests.from("get-usage/valid.json").query("from", "2026-13-01"))
                        .getStatusCode())
                .isEqualTo(400);
        assertThat(call(Requests.from("get-usage/valid.json").query("to", "2026-10-01"))
                        .getStatusCode())
                .isEqualTo(400);
    }

    @Test
    void answers403WithoutAWellFormedTenantClaim() {
        assertThat(call(Requests.from("get-usage/valid.json").tenant("not a tenant"))
                        .getStatusCode())
                .isEqualTo(403);
    }
}
