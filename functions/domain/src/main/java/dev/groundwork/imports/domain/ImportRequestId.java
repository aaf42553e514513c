package dev.groundwork.imports.domain;

import java.util.regex.Pattern;

/**
 * What names one import request across its retries: a digest of the tenant's {@code Idempotency-Key} with the route
 * and the body. A retry of a request that failed half way carries the same one, and finishes the same job.
 */
public record ImportRequestId(String value) {
    private static final Pattern SHA_256_HEX = Pattern.compile("[0-9a-f]{64}");

    public ImportRequestId {
        if (value == null || !SHA_256_HEX.matcher(value).matches()) {
            throw new IllegalArgumentException("an import request id is a SHA-256 digest in lower-case hex");
        }
    }
}
