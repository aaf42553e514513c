package dev.groundwork.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.groundwork.kernel.OutOfTime;
import dev.groundwork.kernel.TenantId;
import dev.groundwork.platform.tenancy.TenantScope;
import dev.groundwork.platform.testing.Json;
import dev.groundwork.platform.testing.RecordingMetrics;
import dev.groundwork.platform.testing.Requests;
import dev.groundwork.platform.testing.TestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

class HttpFunctionTest {
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final HttpFunction http = new HttpFunction("tenant_id", metrics, TenantScope.IN_MEMORY);

    private APIGatewayV2HTTPResponse run(Route route) {
        return http.handle(Requests.from("get-item/valid.json").event(), new TestContext("GetItemFunction"), route);
    }

    /** Records which tenant each route ran as, and which tenants were forgotten. */
    private static final class RecordingTenantScope implements TenantScope {
        final List<String> actedFor = new ArrayList<>();
        final List<String> forgotten = new ArrayList<>();
        String servedDuringRoute;

        @Override
        public <T> T actingFor(TenantId tenant, Supplier<T> work) {
            actedFor.add(tenant.value());
            servedDuringRoute = tenant.value();
            try {
                return work.get();
            } finally {
                servedDuringRoute = null;
            }
        }

        @Override
        public void forget(TenantId tenant) {
            forgotten.add(tenant.value());
        }
    }

    @Test
    void runsTheRouteAsTheTenantOfTheTokenOnly() {
        RecordingTenantScope tenants = new RecordingTenantScope();
        HttpFunction scoped = new HttpFunction("tenant_id", metrics, tenants);
        List<String> seenByRoute = new ArrayList<>();

        scoped.handle(
                Requests.from("get-item/valid.json").tenant("globex").event(),
                new TestContext("GetItemFunction"),
                request -> {
                    seenByRoute.add(tenants.servedDuringRoute);
                    return ApiResponses.json(200, Map.of(), Map.of());
                });
        APIGatewayV2HTTPResponse noTenant = scoped.handle(
                Requests.from("get-item/valid.json").tenant("../acme").event(),
                new TestContext("GetItemFunction"),
                request -> ApiResponses.json(200, Map.of(), Map.of()));

        assertThat(seenByRoute).containsExactly("globex");
        assertThat(tenants.actedFor)
                .as("a token without a well-formed tenant acts for nobody")
                .containsExactly("globex");
        assertThat(noTenant.getStatusCode()).isEqualTo(403);
    }

    @Test
    void forgetsAPrimingsMadeUpTenantOnceItIsPrimed() {
        RecordingTenantScope tenants = new RecordingTenantScope();
        HttpFunction scoped = new HttpFunction("tenant_id", metrics, tenants);

        scoped.prime(
                PrimingRequest.of("GET /v1/items/{itemId}", "/v1/items/x"),
                request -> ApiResponses.json(200, Map.of(), Map.of()));

        assertThat(tenants.actedFor).singleElement().asString().startsWith("snapstart-priming-");
        assertThat(tenants.forgotten).isEqualTo(tenants.actedFor);
    }

    @Test
    void answersABugWith500AndNoDetailOfIt() {
        APIGatewayV2HTTPResponse response = run(request -> {
            throw new IllegalStateException("secret internals at line 42");
        });

        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(response.getBody()).doesNotContain("secret internals", "IllegalStateException", "at dev.");
        assertThat(Json.parse(response.getBody()).get("type").asText()).endsWith("/internal-error");
        // helper-86: it told every client that a retry was safe; only a request with an Idempotency-Key knows.
        assertThat(Json.parse(response.getBody()).get("detail").asText())
                .isEqualTo("The request could not be completed. Sent with an Idempotency-Key, it is safe to retry"
                        + " with the same key; without one, a write may have taken effect: read before you send it"
                        + " again.");
        assertThat(metrics.recorded())
                .singleElement()
                .satisfies(recorded -> assertThat(recorded.problemType()).contains("internal-error"));
    }

    @Test
    void answersThrottlingAndNetworkFailuresWith503AndRetryAfter() {
        APIGatewayV2HTTPResponse throttled = run(request -> {
            throw ProvisionedThroughputExceededException.builder()
                    .message("slow down")
                    .build();
        });
        APIGatewayV2HTTPResponse unreachable = run(request -> {
            throw SdkClientException.create("connection refused");
        });

        assertThat(throttled.getStatusCode()).isEqualTo(503);
        assertThat(throttled.getHeaders()).containsEntry("Retry-After", "1");
        assertThat(unreachable.getStatusCode()).isEqualTo(503);
        assertThat(unreachable.getBody()).doesNotContain("connection refused");
    }

    @Test
    void answersAWriteThatMeetsAnImportsTransactionOnItsItemWith503AndRetryAfter() {
        APIGatewayV2HTTPResponse held = run(request -> {
            throw TransactionConflictException.builder()
                    .message("Operation was rejected because there is an ongoing transaction for the item.")
                    .build();
        });

        assertThat(held.getStatusCode()).isEqualTo(503);
        assertThat(held.getHeaders()).containsEntry("Retry-After", "1");
        assertThat(held.getBody()).doesNotContain("TransactionConflict", "ongoing transaction");
    }

    @Test
    void answersWorkThatRanOutOfTimeWith503AndRetryAfterWithoutSayingWhere() {
        APIGatewayV2HTTPResponse late = run(request -> {
            throw new OutOfTime("import 01JBZ3NDEKTSV4RRFFQ69G5FZZ: 20 of 35 chunks sent when its time ran out");
        });

        assertThat(late.getStatusCode()).isEqualTo(503);
        assertThat(late.getHeaders()).containsEntry("Retry-After", "1");
        assertThat(late.getBody()).doesNotContain("OutOfTime", "chunks");
    }

    @Test
    void answersATransactionCancelledByAConflictWith503AndOneCancelledByAConditionWith500() {
        APIGatewayV2HTTPResponse conflicted = run(request -> {
            throw cancelled("None", "TransactionConflict");
        });
        APIGatewayV2HTTPResponse throttled = run(request -> {
            throw cancelled("ThrottlingError", "None");
        });
        APIGatewayV2HTTPResponse unexpected = run(request -> {
            throw cancelled("ConditionalCheckFailed", "TransactionConflict");
        });

        assertThat(conflicted.getStatusCode()).isEqualTo(503);
        assertThat(conflicted.getHeaders()).containsEntry("Retry-After", "1");
        assertThat(throttled.getStatusCode()).isEqualTo(503);
        assertThat(unexpected.getStatusCode()).isEqualTo(500);
        assertThat(unexpected.getBody()).doesNotContain("ConditionalCheckFailed", "Transaction");
    }

    private static TransactionCanceledException cancelled(String... reasons) {
        return TransactionCanceledException.builder()
                .message("Transaction cancelled")
                .cancellationReasons(java.util.Arrays.stream(reasons)
                        .map(code -> CancellationReason.builder().code(code).build())
                        .toList())
                .build();
    }

    @Test
    void putsTheApiVersionOnEveryResponse() {
        APIGatewayV2HTTPResponse ok = run(request -> ApiResponses.json(200, Map.of("ok", true), Map.of()));
        APIGatewayV2HTTPResponse rejected = run(request -> {
            throw new Rejection(Problem.invalid("limit", "bad"));
        });

        assertThat(ok.getHeaders()).containsEntry("API-Version", "1");
        assertThat(rejected.getHeaders())
                .containsEntry("API-Version", "1")
                .containsEntry("Content-Type", "application/problem+json");
    }

    @Test
    void neverRunsTheRouteWithoutAWellFormedTenant() {
        APIGatewayV2HTTPResponse response = http.handle(
                Requests.from("get-item/valid.json").tenant("a b").event(),
                new TestContext("GetItemFunction"),
                request -> {
                    throw new AssertionError("the route must not run");
                });

        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(metrics.recorded())
                .singleElement()
                .satisfies(recorded -> assertThat(recorded.tenant()).isEmpty());
    }

    @Test
    void recordsTheTenantAsAPropertyOfTheRequest() {
        run(request -> ApiResponses.empty(204, Map.of()));

        assertThat(metrics.recorded()).singleElement().satisfies(recorded -> {
            assertThat(recorded.status()).isEqualTo(204);
            assertThat(recorded.tenant()).contains("acme");
        });
    }
}
