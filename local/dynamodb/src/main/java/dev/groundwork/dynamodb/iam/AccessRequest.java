package dev.groundwork.dynamodb.iam;

import java.util.List;
import java.util.Objects;

/**
 * One action on one resource, as a service asks IAM to decide it: {@code dynamodb:GetItem} on a table's ARN, with the
 * request's {@code dynamodb:LeadingKeys} (the partition key values it touches).
 *
 * @param leadingKeys the values of {@code dynamodb:LeadingKeys}; empty when the request names no partition (a Scan, a
 *     table operation), which IAM treats as the key being absent from the request context
 */
public record AccessRequest(String action, String resource, List<String> leadingKeys) {
    public AccessRequest {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        leadingKeys = List.copyOf(leadingKeys);
    }

    /** A request with no partition key in its context. */
    public static AccessRequest on(String action, String resource) {
        return new AccessRequest(action, resource, List.of());
    }
}
