package dev.groundwork.dynamodb.iam;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Who signed a request, as {@link AccessControl#identify} found them from the access key: a role session minted by
 * the STS stand-in, a long-term principal the server was configured with, or (unless access control is strict) a key
 * nobody configured, which may do anything, as every key could before access control existed.
 */
public final class Caller {
    private final String arn;
    /** aws:PrincipalArn: for a session, the role's ARN rather than the session's. */
    private final String principalArn;

    private final String userId;
    private final String accountId;
    private final List<Policy> identityPolicies;
    private final Policy sessionPolicy;
    /** Session tags by lower-case key: IAM compares tag keys case-insensitively. */
    private final Map<String, String> tags;

    private final Instant expiration;
    private final boolean unrestricted;

    private Caller(
            String arn,
            String principalArn,
            String userId,
            String accountId,
            List<Policy> identityPolicies,
            Policy sessionPolicy,
            Map<String, String> tags,
            Instant expiration,
            boolean unrestricted) {
        this.arn = arn;
        this.principalArn = principalArn;
        this.userId = userId;
        this.accountId = accountId;
        this.identityPolicies = List.copyOf(identityPolicies);
        this.sessionPolicy = sessionPolicy;
        Map<String, String> lower = new LinkedHashMap<>();
        tags.forEach((key, value) -> lower.put(key.toLowerCase(Locale.ROOT), value));
        this.tags = Map.copyOf(lower);
        this.expiration = expiration;
        this.unrestricted = unrestricted;
    }

    static Caller principal(String arn, String userId, String accountId, List<Policy> policies) {
        return new Caller(arn, arn, userId, accountId, policies, null, Map.of(), null, false);
    }

    static Caller session(
            String arn,
            String roleArn,
            String userId,
            String accountId,
            List<Policy> rolePolicies,
            Policy sessionPolicy,
            Map<String, String> tags,
            Instant expiration) {
        return new Caller(arn, roleArn, userId, accountId, rolePolicies, sessionPolicy, tags, expiration, false);
    }

    /** A key nobody configured, in a non-strict server: the account's root, allowed everything. */
    static Caller unrestricted(String accountId) {
        String root = "arn:aws:iam::" + accountId + ":root";
        return new Caller(root, root, accountId, accountId, List.of(), null, Map.of(), null, true);
    }

    /** The principal's ARN, as AWS names it in denial messages and GetCallerIdentity. */
    public String arn() {
        return arn;
    }

    /** GetCallerIdentity's UserId: {@code <role id>:<session name>} for a session. */
    public String userId() {
        return userId;
    }

    public String accountId() {
        return accountId;
    }

    /** When a session's credentials expire; empty for long-term keys. */
    public Optional<Instant> expiration() {
        return Optional.ofNullable(expiration);
    }

    /** True for a role session minted by {@link AccessControl#assumeRole}. */
    public boolean isSession() {
        return expiration != null;
    }

    /** A session tag's value, by case-insensitive key. */
    public Optional<String> tag(String key) {
        return Optional.ofNullable(tags.get(key.toLowerCase(Locale.ROOT)));
    }

    /**
     * IAM's policy evaluation for one principal in its own account: an explicit deny in any identity-based or session
     * policy denies; otherwise an identity-based policy must allow, and, for a session given a session policy, that
     * policy too (the session's permissions are the intersection of both).
     */
    public Decision authorize(AccessRequest request) {
        if (unrestricted) return Decision.ALLOWED;
        Policy.RequestContext context = key -> values(key, request);
        boolean allowed = false;
        for (Policy policy : identityPolicies) {
            switch (policy.evaluate(request, context)) {
                case EXPLICIT_DENY -> {
                    return Decision.EXPLICIT_DENY_IN_IDENTITY_POLICY;
                }
                case ALLOW -> allowed = true;
                case NONE -> {}
            }
        }
        Policy.Match session = sessionPolicy == null ? Policy.Match.ALLOW : sessionPolicy.evaluate(request, context);
        if (session == Policy.Match.EXPLICIT_DENY) return Decision.EXPLICIT_DENY_IN_SESSION_POLICY;
        if (!allowed) return Decision.NO_IDENTITY_POLICY_ALLOWS;
        if (session != Policy.Match.ALLOW) return Decision.NO_SESSION_POLICY_ALLOWS;
        return Decision.ALLOWED;
    }

    /** The request context's keys (lower case), for conditions and policy variables alike. */
    private List<String> values(String key, AccessRequest request) {
        if (key.equals(Policy.LEADING_KEYS)) return request.leadingKeys();
        if (key.startsWith("aws:principaltag/")) {
            String value = tags.get(key.substring("aws:principaltag/".length()));
            return value == null ? List.of() : List.of(value);
        }
        return switch (key) {
            case "aws:principalarn" -> List.of(principalArn);
            case "aws:principalaccount" -> List.of(accountId);
            case "aws:userid" -> List.of(userId);
            default -> List.of();
        };
    }
}
