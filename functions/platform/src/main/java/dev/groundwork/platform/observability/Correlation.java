package dev.groundwork.platform.observability;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * The correlation id that follows one request through every hop: the log lines of the function that answers it
 * (Powertools' JSON layout writes the MDC's {@code correlation_id} key), the {@code X-Correlation-Id} response header,
 * the {@code correlation_id} attribute of every SQS message the request causes, and the log lines of the consumers that
 * read those messages.
 *
 * <p>It is the client's {@code X-Correlation-Id} when that is well-formed (1 to 128 of {@code [A-Za-z0-9._=+/-]}: the
 * characters of UUIDs, ULIDs and base64, which API Gateway's own ids use; safe in a header, a log field and an SQS
 * attribute, and too short to smuggle a body), else API Gateway's request id, else the Lambda request id. A malformed client value is dropped rather than cleaned, so that a log line never holds text
 * a client chose freely.
 */
public final class Correlation {
    /** The request and response header. */
    public static final String HEADER = "X-Correlation-Id";
    /** The MDC key, hence the JSON log field, and the SQS message attribute's name. */
    public static final String KEY = "correlation_id";

    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._=+/-]{1,128}");

    private Correlation() {}

    /** The id of an HTTP API request (payload format 2.0, whose header names are lower case). */
    public static String of(APIGatewayV2HTTPEvent event, Context context) {
        return wellFormed(header(event.getHeaders()))
                .or(() -> Optional.ofNullable(event.getRequestContext())
                        .map(APIGatewayV2HTTPEvent.RequestContext::getRequestId)
                        .flatMap(Correlation::wellFormed))
                .orElseGet(context::getAwsRequestId);
    }

    /** The value when it may be used as a correlation id as it is. */
    public static Optional<String> wellFormed(String candidate) {
        return Optional.ofNullable(candidate)
                .filter(value -> WELL_FORMED.matcher(value).matches());
    }

    /**
     * The well-formed ids of a comma-separated list (at most ten), joined again: a message that carries changes of
     * several requests (the usage relay's runs) names them all.
     */
    public static Optional<String> wellFormedList(String candidates) {
        if (candidates == null) {
            return Optional.empty();
        }
        String ids = java.util.Arrays.stream(candidates.split(",", 11))
                .limit(10)
                .map(String::strip)
                .filter(id -> WELL_FORMED.matcher(id).matches())
                .distinct()
                .collect(java.util.stream.Collectors.joining(","));
        return ids.isEmpty() ? Optional.empty() : Optional.of(ids);
    }

    /** The correlation id of the work this thread does now, if any (set by {@link #set}). */
    public static Optional<String> current() {
        return Optional.ofNullable(MDC.get(KEY));
    }

    /** Makes {@code id} the correlation id of this thread's log lines and of the messages it sends. */
    public static void set(String id) {
        MDC.put(KEY, id);
    }

    /**
     * Runs {@code work} under {@code id} (when present) and then restores the id that was current before: a batch
     * consumer handles messages of different requests one after the other.
     */
    public static void within(Optional<String> id, Runnable work) {
        String before = MDC.get(KEY);
        id.ifPresent(Correlation::set);
        try {
            work.run();
        } finally {
            if (before == null) {
                MDC.remove(KEY);
            } else {
                MDC.put(KEY, before);
            }
        }
    }

    private static String header(Map<String, String> headers) {
        if (headers == null) {
            return null;
        }
        String value = headers.get("x-correlation-id");
        if (value != null) {
            return value;
        }
        return headers.entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase(HEADER))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }
}
