package dev.groundwork.dynamodb.iam;

import java.util.List;

/**
 * STS AssumeRole's parameters, as read from the request: absent ones are null (or empty lists), and every constraint
 * is checked by {@link AccessControl#assumeRole}, so that the answer names them as STS does.
 */
public record AssumeRoleRequest(
        String roleArn,
        String roleSessionName,
        Integer durationSeconds,
        List<Tag> tags,
        List<String> transitiveTagKeys,
        String policy) {
    public AssumeRoleRequest {
        tags = List.copyOf(tags);
        transitiveTagKeys = List.copyOf(transitiveTagKeys);
    }

    /** A session tag; a null key or value is one the request left out. */
    public record Tag(String key, String value) {}
}
