package dev.groundwork.platform.observability;

import com.amazonaws.services.lambda.runtime.Context;
import java.time.Duration;
import java.util.Optional;

/** What each HTTP request reports: its outcome and latency, with the tenant as a property, never a dimension. */
public interface RequestMetrics {

    /**
     * @param requestId   the request's id as its log lines name it: API Gateway's, so the access log's line, the
     *                    function's lines and its metrics join on it
     * @param status      the HTTP status answered
     * @param problemType the problem's slug when the answer is a problem
     */
    void record(
            Context context,
            String requestId,
            int status,
            Optional<String> problemType,
            Duration latency,
            Optional<String> tenant);

    /**
     * Where a SnapStart priming reports (dev.groundwork.platform.snapstart.Priming): the same code path as far as it
     * can go without anything reaching CloudWatch. Reports nothing unless an implementation says otherwise.
     */
    default RequestMetrics forPriming() {
        return (context, requestId, status, problemType, latency, tenant) -> {};
    }
}
