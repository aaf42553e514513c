package dev.groundwork.platform.idempotency;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.groundwork.kernel.TenantId;
import dev.groundwork.platform.http.ApiRequest;
import dev.groundwork.platform.http.ApiResponses;
import dev.groundwork.platform.http.Problem;
import dev.groundwork.platform.http.ProblemType;
import dev.groundwork.platform.http.Rejection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs a request at most once per tenant and {@code Idempotency-Key}: the first one does the work and its response is
 * kept; a retry with the same body gets that response again; the key with another body is a 422; a retry while the
 * first still runs is a 409 with {@code Retry-After}. Only successful responses are kept: after a failure the key is
 * released and a retry does the work.
 */
public final class IdempotentRequests {
    /** The header that marks an answer replayed from a key's record. */
    public static final String REPLAYED = "Idempotent-Replayed";

    /** The API promises replays for at least 24 hours; a little more absorbs clock skew between clients and us. */
    public static final Duration RETENTION = Duration.ofHours(25);

    /** What a 400 says of a value that is several headers joined, or a bare key with a comma. */
    private static final String SEVERAL_KEYS =
            "must be sent once: this value is several keys, or a bare key with a comma"
                    + " (send such a key quoted, as \"a,b\")";
    /** What a 400 says of any other value that is no key. */
    private static final String NOT_A_KEY = "must have 1 to " + IdempotencyKey.MAX_LENGTH
            + " visible ASCII characters, with no blanks, control"
            + " characters or quotes (but one pair around the key, inside which a backslash is written twice)";

    private final IdempotencyRecords records;
    private final Clock clock;

    public IdempotentRequests(IdempotencyRecords records, Clock clock) {
        this.records = records;
        this.clock = clock;
    }

    /**
     * The request's {@code Idempotency-Key}, when it sent one.
     *
     * @throws Rejection when the header is not a valid key, or was sent more than once
     */
    public static Optional<IdempotencyKey> keyOf(ApiRequest request) {
        return request.header("Idempotency-Key")
                .map(value -> IdempotencyKey.parse(value)
                        .orElseThrow(() -> new Rejection(Problem.invalid(
                                "Idempotency-Key", IdempotencyKey.isSeveral(value) ? SEVERAL_KEYS : NOT_A_KEY))));
    }

    /**
     * @param body the request body as sent: with the route, its SHA-256 is the fingerprint that tells a retry from a
     *             different request, so a key used on one route is refused on another instead of replaying its answer
     * @param lock how long the work may take (the invocation's remaining time): an older claim counts as abandoned
     * @param work the request's work, given the request's digest: a SHA-256 (lower-case hex) that names it across its
     *             retries (its key, media type, route and body), by which work a failed attempt left half done can be
     *             found and finished by the retry. Made from the fingerprint, so the body is hashed once.
     */
    public APIGatewayV2HTTPResponse run(
            ApiRequest request,
            IdempotencyKey key,
            byte[] body,
            Duration lock,
            Function<String, APIGatewayV2HTTPResponse> work) {
        TenantId tenant = request.tenant();
        String fingerprint = fingerprint(request.routeKey(), request.mediaType(), body);
        Instant now = clock.instant();
        return switch (records.claim(tenant, key, fingerprint, now, now.plus(lock))) {
            case IdempotencyRecords.Completed completed -> replay(completed.response());
            // The work finds what the first attempt did by the request's digest, as a retry after a 5xx does.
            case IdempotencyRecords.CompletedUnkept unkept ->
                replayed(work.apply(digest(key, request.mediaType(), fingerprint)));
            // A second, not the claim's remaining lock: the first request is usually done within one, and the lock
            // only bounds how long a crashed one holds the key (the invocation's whole timeout, up to 15 s here).
            case IdempotencyRecords.InProgress inProgress ->
                ApiResponses.problem(
                        Problem.of(ProblemType.IDEMPOTENCY_KEY_IN_USE, "Retry after the first request has finished.")
                                .withHeader("Retry-After", "1"));
            case IdempotencyRecords.KeyReused reused ->
                ApiResponses.problem(Problem.of(
                        ProblemType.IDEMPOTENCY_KEY_REUSED,
                        "This Idempotency-Key was used for another request (another body, media type or route); use a new"
                                + " key."));
            case IdempotencyRecords.Claimed claimed ->
                doOnce(tenant, key, fingerprint, () -> work.apply(digest(key, request.mediaType(), fingerprint)));
        };
    }

    private APIGatewayV2HTTPResponse doOnce(
            TenantId tenant, IdempotencyKey key, String fingerprint, Supplier<APIGatewayV2HTTPResponse> work) {
        APIGatewayV2HTTPResponse response;
        try {
            response = work.get();
        } catch (RuntimeException failure) {
            records.release(tenant, key, fingerprint);
            throw failure;
        }
        if (response.getStatusCode() >= 200 && response.getStatusCode() < 300) {
            records.complete(
                    tenant,
                    key,
                    fingerprint,
                    new StoredResponse(response.getStatusCode(), response.getHeaders(), response.getBody()),
                    clock.instant());
        } else {
            records.release(tenant, key, fingerprint);
        }
        return response;
    }

    /** The kept answer again (only successful answers are kept), marked as a replay. */
    private static APIGatewayV2HTTPResponse replay(StoredResponse stored) {
        return replayed(APIGatewayV2HTTPResponse.builder()
                .withStatusCode(stored.status())
                .withHeaders(stored.headers())
                .withBody(stored.body())
                .withIsBase64Encoded(false)
                .build());
    }

    /**
     * An answer given again, marked as a replay when it is the answer (a 2xx), not a failure of this attempt: the
     * one place {@value #REPLAYED} is set, whether the answer was kept or the work made it again.
     */
    private static APIGatewayV2HTTPResponse replayed(APIGatewayV2HTTPResponse answer) {
        if (answer.getStatusCode() < 200 || answer.getStatusCode() >= 300) {
            return answer;
        }
        Map<String, String> headers = new HashMap<>(answer.getHeaders() == null ? Map.of() : answer.getHeaders());
        headers.put(REPLAYED, "true");
        answer.setHeaders(headers);
        return answer;
    }

    /** The request's digest, handed to its work ({@link #run}): its key and media type, then its fingerprint. */
    private static String digest(IdempotencyKey key, String mediaType, String fingerprint) {
        // The media type as the fingerprint reads it, not the header as sent: a retry that spells it otherwise (a
        // charset, capitals) is the same request, finishes the same job, and claims the same key. The header as most
        // clients send it is the media type itself, so a digest made before this rule is made the same way now.
        return sha256(utf8(key.value() + "\n" + mediaType + "\n"), utf8(fingerprint));
    }

    /**
     * What tells one request from another under the same key: its route, its media type and its body. The same bytes
     * are other lines as NDJSON than as a JSON array, so a key used with one is refused with the other instead of
     * replaying its answer.
     */
    public static String fingerprint(String route, String mediaType, byte[] body) {
        // A route or media type never holds a newline, and no JSON body starts with a media type, so no two requests'
        // parts run together. JSON is left out, as it was before the media type counted: a key used on a JSON route
        // before this version still replays its answer.
        return mediaType.equals(ApiResponses.JSON)
                ? sha256(utf8(route + "\n"), body)
                : sha256(utf8(route + "\n" + mediaType + "\n"), body);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The SHA-256 of the parts one after the other, in lower-case hex. */
    private static String sha256(byte[]... parts) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                sha256.update(part);
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException unavailable) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", unavailable);
        }
    }
}
