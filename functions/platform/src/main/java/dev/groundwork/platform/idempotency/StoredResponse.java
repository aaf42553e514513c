package dev.groundwork.platform.idempotency;

import java.util.Map;

/** The first response to an idempotent request, kept to answer its retries identically. */
public record StoredResponse(int status, Map<String, String> headers, String body) {
    public StoredResponse {
        headers = Map.copyOf(headers);
    }
}
