package dev.groundwork.dynamodb.iam;

import java.time.Instant;
import java.util.OptionalInt;

/** AssumeRole's result: the session's temporary credentials and the assumed-role user. */
public record AssumedRole(
        String accessKeyId,
        String secretAccessKey,
        String sessionToken,
        Instant expiration,
        String assumedRoleId,
        String arn,
        OptionalInt packedPolicySize) {}
