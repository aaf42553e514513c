package dev.groundwork.platform.http;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.groundwork.kernel.OutOfTime;
import dev.groundwork.kernel.TenantId;
import dev.groundwork.platform.dynamodb.TransactionCancellations;
import dev.groundwork.platform.logging.InvocationLogging;
import dev.groundwork.platform.observability.Correlation;
import dev.groundwork.platform.observability.RequestMetrics;
import dev.groundwork.platform.runtime.EventJson;
import dev.groundwork.platform.snapstart.PrimingContext;
import dev.groundwork.platform.tenancy.TenantScope;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

/**
 * What every item function does around its route, in one place: structured logging with the tenant and request id
 * (Powertools, functional form), the tenant check, the mapping of every failure to a problem (never a stack trace in
 * a body), the {@code API-Version} header, an access log line and the request's metrics.
 */
public final class HttpFunction {
    public static final String API_VERSION = "1";
    private static final Logger LOG = LoggerFactory.getLogger(HttpFunction.class);
    private static final Pattern PROBLEM_TYPE =
            Pattern.compile("^\\{\"type\":\"https://groundwork\\.dev/problems/([a-z-]+)\"");

    private final String tenantClaim;
    private final RequestMetrics metrics;
    private final RequestMetrics primingMetrics;
    private final TenantScope tenants;

    /**
     * @param tenants runs each route as the token's tenant: with that tenant's credentials, so that IAM refuses any
     *                other tenant's partition (docs/security.md, "Isolation below the code")
     */
    public HttpFunction(String tenantClaim, RequestMetrics metrics, TenantScope tenants) {
        this.tenantClaim = tenantClaim;
        this.metrics = metrics;
        this.primingMetrics = metrics.forPriming();
        this.tenants = tenants;
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context, Route route) {
        return handle(event, context, route, metrics);
    }

    /**
     * Answers a synthetic request of a made-up tenant exactly as {@link #handle} answers a real one (logging, the
     * tenant check, problem mapping, the metrics' code), except that its metrics are dropped: a SnapStart priming.
     */
    public APIGatewayV2HTTPResponse prime(PrimingRequest request, Route route) {
        try {
            // Through the runtime's serialisation both ways, so that its first use is in the snapshot too.
            APIGatewayV2HTTPEvent event =
                    EventJson.asDelivered(request.event(tenantClaim), APIGatewayV2HTTPEvent.class);
            APIGatewayV2HTTPResponse response = handle(event, new PrimingContext(), route, primingMetrics);
            EventJson.asPosted(response, APIGatewayV2HTTPResponse.class);
            return response;
        } finally {
            // The made-up tenant's credentials (the priming primes the STS call too) must not live in the snapshot.
            tenants.forget(request.tenant());
        }
    }

    private APIGatewayV2HTTPResponse handle(
            APIGatewayV2HTTPEvent event, Context context, Route route, RequestMetrics metrics) {
        return InvocationLogging.withLogging(context, () -> {
            long started = System.nanoTime();
            String requestId = requestId(event, context);
            MDC.put("request_id", requestId);
            String correlationId = Correlation.of(event, context);
            Correlation.set(correlationId);
            Optional<TenantId> tenant = ApiRequest.tenantOf(event, tenantClaim);
            tenant.ifPresent(id -> MDC.put("tenant_id", id.value()));
            APIGatewayV2HTTPResponse response = tenant.map(id -> tenants.actingFor(
                            id,
                            () -> answer(
                                    route,
                                    new ApiRequest(event, id, Duration.ofMillis(context.getRemainingTimeInMillis())))))
                    .orElseGet(() -> ApiResponses.problem(Problem.of(
                            ProblemType.FORBIDDEN, "The token has no well-formed '" + tenantClaim + "' claim.")));
            Map<String, String> headers =
                    new HashMap<>(response.getHeaders() == null ? Map.of() : response.getHeaders());
            headers.put("API-Version", API_VERSION);
            headers.put(Correlation.HEADER, correlationId);
            response.setHeaders(headers);
            Duration latency = Duration.ofNanos(System.nanoTime() - started);
            Optional<String> problem = problemType(response);
            LOG.info(
                    "request handled",
                    entry("route", event.getRouteKey()),
                    entry("status", response.getStatusCode()),
                    entry("latency_ms", latency.toMillis()),
                    entry("problem", problem.orElse(null)));
            record(metrics, context, requestId, response.getStatusCode(), problem, latency, tenant);
            return response;
        });
    }

    private static APIGatewayV2HTTPResponse answer(Route route, ApiRequest request) {
        try {
            return route.handle(request);
        } catch (Rejection rejected) {
            return ApiResponses.problem(rejected.problem());
        } catch (ProvisionedThroughputExceededException | RequestLimitExceededException | SdkClientException busy) {
            LOG.warn("DynamoDB is unavailable or throttling", busy);
            return retryInAMoment();
        } catch (OutOfTime late) {
            // The work stopped, and recorded where, before the gateway would answer for it; what a retry does is the
            // route's to say (an import's: docs/async.md, "All or nothing per request").
            LOG.warn("the request ran out of time", late);
            return retryInAMoment();
        } catch (TransactionConflictException held) {
            // A transaction holds the item for milliseconds: one of the tenant's own import chunks, delivered again,
            // whose condition finds the item (docs/async.md). The SDK does not retry it; the client may.
            LOG.warn("an item the request writes is held by a transaction", held);
            return retryInAMoment();
        } catch (TransactionCanceledException cancelled) {
            if (!TransactionCancellations.onlyTransient(cancelled)) {
                // A condition a route expects is read by the route itself: one that reaches here is a bug.
                LOG.error("request failed", cancelled);
                return internalError();
            }
            // The request's own transaction met another one, or throttling: nothing was written, and the SDK does
            // not retry a cancellation.
            LOG.warn("the request's transaction was cancelled by a conflict or throttling", cancelled);
            return retryInAMoment();
        } catch (RuntimeException failure) {
            // A bug or a misconfiguration: the log gets the stack trace, the client a problem without detail.
            LOG.error("request failed", failure);
            return internalError();
        }
    }

    private static APIGatewayV2HTTPResponse retryInAMoment() {
        return ApiResponses.problem(Problem.of(ProblemType.SERVICE_UNAVAILABLE, "Please retry in a moment.")
                .withHeader("Retry-After", "1"));
    }

    private static APIGatewayV2HTTPResponse internalError() {
        return ApiResponses.problem(Problem.of(
                ProblemType.INTERNAL_ERROR,
                // Every route answers this; only a request sent with an Idempotency-Key knows its retry is safe.
                "The request could not be completed. Sent with an Idempotency-Key, it is safe to retry with the same"
                        + " key; without one, a write may have taken effect: read before you send it again."));
    }

    private static void record(
            RequestMetrics metrics,
            Context context,
            String requestId,
            int status,
            Optional<String> problem,
            Duration latency,
            Optional<TenantId> tenant) {
        try {
            metrics.record(context, requestId, status, problem, latency, tenant.map(TenantId::value));
        } catch (RuntimeException metricsFailure) {
            // Metrics watch the answer; they never change it.
            LOG.warn("metrics could not be recorded", metricsFailure);
        }
    }

    private static Optional<String> problemType(APIGatewayV2HTTPResponse response) {
        String body = response.getBody();
        if (body == null || response.getStatusCode() < 400) {
            return Optional.empty();
        }
        Matcher matcher = PROBLEM_TYPE.matcher(body);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private static String requestId(APIGatewayV2HTTPEvent event, Context context) {
        return Optional.ofNullable(event.getRequestContext())
                .map(APIGatewayV2HTTPEvent.RequestContext::getRequestId)
                .orElseGet(context::getAwsRequestId);
    }
}
