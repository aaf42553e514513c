package dev.groundwork.dynamodb.iam;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Which access keys the embedded DynamoDB acts for, and what each may do: roles with their identity policies (assumed
 * through the STS stand-in, {@link #assumeRole}), long-term principals with theirs, and the role sessions minted so
 * far. Give it to {@code EmbeddedDynamoDb.builder().accessControl(...)}.
 *
 * <pre>{@code
 * AccessControl access = AccessControl.builder()
 *         .role("arn:aws:iam::000000000000:role/tenant-access", List.of(tenantPolicyJson))
 *         .principal("AKIAFUNCTION0000001", "arn:aws:iam::000000000000:role/get-item-function", List.of(functionPolicyJson))
 *         .strict(true)
 *         .build();
 * }</pre>
 *
 * <p>Trust is kept simple: a role may be assumed by any caller the server accepts (any known key, and in non-strict
 * mode any key at all), unless its builder entry names the principals that may assume it. Sessions live in memory:
 * a restarted server has forgotten them, as it has forgotten nothing else that its builder does not say.
 */
public final class AccessControl {
    /** The account the embedded DynamoDB puts in every table's ARN. */
    public static final String DEFAULT_ACCOUNT_ID = "000000000000";

    /** STS's bounds for DurationSeconds, and its default (the AssumeRole API reference). */
    static final int MIN_DURATION = 900;

    static final int MAX_DURATION = 43_200;
    static final int DEFAULT_DURATION = 3_600;
    /** A session assuming another role (role chaining) gets at most an hour. */
    static final int CHAINED_MAX_DURATION = 3_600;

    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):role/(?:[^/]+/)*([^/]+)");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]*");
    private static final Pattern TAG_KEY = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");
    private static final Pattern TAG_VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
    private static final char[] KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private final String accountId;
    private final boolean strict;
    private final Map<String, Role> roles;
    private final Map<String, Caller> principals;
    private final Caller unrestricted;
    private final Map<String, Caller> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    private AccessControl(Builder builder) {
        this.accountId = builder.accountId;
        this.strict = builder.strict;
        this.roles = Map.copyOf(builder.roles);
        this.principals = Map.copyOf(builder.principals);
        this.unrestricted = Caller.unrestricted(accountId);
    }

    public static Builder builder() {
        return new Builder();
    }

    public String accountId() {
        return accountId;
    }

    public boolean strict() {
        return strict;
    }

    /**
     * The caller behind an access key at {@code now}.
     *
     * @throws RefusedCredentials for an expired session's key, and, in strict mode, for a key nobody configured
     */
    public Caller identify(String accessKeyId, Instant now) {
        Caller session = sessions.get(accessKeyId);
        if (session != null) {
            if (!now.isBefore(session.expiration().orElseThrow()))
                throw new RefusedCredentials(RefusedCredentials.Reason.EXPIRED);
            return session;
        }
        Caller principal = principals.get(accessKeyId);
        if (principal != null) return principal;
        if (strict) throw new RefusedCredentials(RefusedCredentials.Reason.UNRECOGNIZED);
        return unrestricted;
    }

    /**
     * STS AssumeRole for {@code caller}: checks the parameters as STS does, then mints a session whose key acts as the
     * role, with the session tags as {@code aws:PrincipalTag/...} and the optional session policy narrowing the role's.
     *
     * @throws StsException ValidationError for a parameter STS would refuse, AccessDenied for a role this server does
     *     not know or that {@code caller} may not assume, MalformedPolicyDocument for a session policy it cannot read
     */
    public AssumedRole assumeRole(Caller caller, AssumeRoleRequest request, Instant now) {
        checkParameters(request);
        Role role = roles.get(request.roleArn());
        if (role == null || !role.mayBeAssumedBy(caller)) {
            throw StsException.accessDenied("User: " + caller.arn()
                    + " is not authorized to perform: sts:AssumeRole on resource: " + request.roleArn());
        }
        int duration = request.durationSeconds() == null ? DEFAULT_DURATION : request.durationSeconds();
        if (caller.isSession() && duration > CHAINED_MAX_DURATION) {
            throw StsException.validation(
                    "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        Set<String> lowerKeys = new HashSet<>();
        for (AssumeRoleRequest.Tag tag : request.tags()) {
            if (!lowerKeys.add(tag.key().toLowerCase(Locale.ROOT)))
                throw StsException.validation(
                        "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
            tags.put(tag.key(), tag.value());
        }
        for (String key : request.transitiveTagKeys()) {
            if (!lowerKeys.contains(key.toLowerCase(Locale.ROOT)))
                throw StsException.validation(
                        "The specified transitive tag key must be included in the requested tags.");
        }
        Policy sessionPolicy = null;
        if (request.policy() != null) {
            try {
                sessionPolicy = Policy.parse(request.policy());
            } catch (IllegalArgumentException e) {
                throw StsException.malformedPolicy(e.getMessage());
            }
        }
        String sessionName = request.roleSessionName();
        String assumedRoleId = role.id + ":" + sessionName;
        String arn = "arn:aws:sts::" + role.accountId + ":assumed-role/" + role.name + "/" + sessionName;
        Instant expiration = now.plus(Duration.ofSeconds(duration));
        String accessKeyId = accessKeyId("ASIA");
        sessions.put(
                accessKeyId,
                Caller.session(
                        arn, role.arn, assumedRoleId, role.accountId, role.policies, sessionPolicy, tags, expiration));
        forgetSessionsExpiredBefore(now.minus(Duration.ofSeconds(MAX_DURATION)));
        return new AssumedRole(
                accessKeyId, randomText(30), randomText(96), expiration, assumedRoleId, arn, packedPolicySize(request));
    }

    /**
     * Keys that expired long ago are forgotten, so that a long local run does not keep every session ever minted; a
     * call with one then answers that the token is invalid (in strict mode) rather than expired.
     */
    private void forgetSessionsExpiredBefore(Instant limit) {
        if (sessions.size() < 10_000) return;
        sessions.values().removeIf(session -> session.expiration().orElseThrow().isBefore(limit));
    }

    /**
     * STS reports how much of its packed limit for session policies and tags a request used, as a percentage, when it
     * had either. STS's packing (a compression) is not documented; this estimate counts their characters against
     * 2,048, the documented limit of a session policy's plain text.
     */
    private static OptionalInt packedPolicySize(AssumeRoleRequest request) {
        if (request.policy() == null && request.tags().isEmpty()) return OptionalInt.empty();
        int characters = request.policy() == null ? 0 : request.policy().length();
        for (AssumeRoleRequest.Tag tag : request.tags())
            characters += tag.key().length() + tag.value().length();
        return OptionalInt.of(Math.max(1, (characters * 100 + 2047) / 2048));
    }

    /**
     * Checks every constraint of STS's model of AssumeRole and reports all the broken ones in one message, as STS
     * does ("2 validation errors detected: ...; ...").
     */
    private static void checkParameters(AssumeRoleRequest request) {
        List<String> errors = new ArrayList<>();
        checkLength(errors, request.roleArn(), "roleArn", 20, 2048);
        checkLength(errors, request.roleSessionName(), "roleSessionName", 2, 64);
        if (request.roleSessionName() != null
                && !SESSION_NAME.matcher(request.roleSessionName()).matches()) {
            errors.add(violation(
                    request.roleSessionName(),
                    "roleSessionName",
                    "Member must satisfy regular expression pattern: [\\w+=,.@-]*"));
        }
        Integer duration = request.durationSeconds();
        if (duration != null && duration < MIN_DURATION)
            errors.add(violation(
                    duration, "durationSeconds", "Member must have value greater than or equal to " + MIN_DURATION));
        if (duration != null && duration > MAX_DURATION)
            errors.add(violation(
                    duration, "durationSeconds", "Member must have value less than or equal to " + MAX_DURATION));
        if (request.tags().size() > 50) {
            errors.add(violation(request.tags(), "tags", "Member must have length less than or equal to 50"));
        }
        for (int i = 0; i < request.tags().size(); i++) {
            AssumeRoleRequest.Tag tag = request.tags().get(i);
            String member = "tags." + (i + 1) + ".member.";
            checkLength(errors, tag.key(), member + "key", 1, 128);
            if (tag.key() != null
                    && !tag.key().isEmpty()
                    && !TAG_KEY.matcher(tag.key()).matches())
                errors.add(violation(
                        tag.key(),
                        member + "key",
                        "Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+"));
            checkLength(errors, tag.value(), member + "value", 0, 256);
            if (tag.value() != null && !TAG_VALUE.matcher(tag.value()).matches())
                errors.add(violation(
                        tag.value(),
                        member + "value",
                        "Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*"));
        }
        if (request.transitiveTagKeys().size() > 50)
            errors.add(violation(
                    request.transitiveTagKeys(),
                    "transitiveTagKeys",
                    "Member must have length less than or equal to 50"));
        if (request.policy() != null && request.policy().isEmpty())
            errors.add(violation("", "policy", "Member must have length greater than or equal to 1"));
        if (request.policy() != null && request.policy().length() > 2048)
            errors.add(violation(request.policy(), "policy", "Member must have length less than or equal to 2048"));
        if (errors.isEmpty()) return;
        throw StsException.validation(errors.size() + " validation error" + (errors.size() == 1 ? "" : "s")
                + " detected: " + String.join("; ", errors));
    }

    private static void checkLength(List<String> errors, String value, String member, int min, int max) {
        if (value == null) {
            errors.add("Value null at '" + member + "' failed to satisfy constraint: Member must not be null");
        } else if (value.length() < min) {
            errors.add(violation(value, member, "Member must have length greater than or equal to " + min));
        } else if (value.length() > max) {
            errors.add(violation(value, member, "Member must have length less than or equal to " + max));
        }
    }

    private static String violation(Object value, String member, String constraint) {
        return "Value '" + value + "' at '" + member + "' failed to satisfy constraint: " + constraint;
    }

    /** An AWS-shaped access key id: a four-letter prefix (ASIA for session keys) and 16 base-32 characters. */
    private String accessKeyId(String prefix) {
        char[] id = new char[16];
        for (int i = 0; i < id.length; i++) id[i] = KEY_ALPHABET[random.nextInt(KEY_ALPHABET.length)];
        return prefix + new String(id);
    }

    private String randomText(int bytes) {
        byte[] secret = new byte[bytes];
        random.nextBytes(secret);
        return Base64.getEncoder().encodeToString(secret);
    }

    /** A role as IAM holds it: its ARN, its unique id (AROA...), its identity policies and who may assume it. */
    private record Role(
            String arn, String accountId, String name, String id, List<Policy> policies, Set<String> assumableBy) {
        boolean mayBeAssumedBy(Caller caller) {
            return assumableBy.isEmpty() || assumableBy.contains(caller.arn());
        }
    }

    public static final class Builder {
        private String accountId = DEFAULT_ACCOUNT_ID;
        private boolean strict;
        private final Map<String, Role> roles = new LinkedHashMap<>();
        private final Map<String, Caller> principals = new LinkedHashMap<>();
        private final List<PendingPrincipal> pending = new ArrayList<>();

        private record PendingPrincipal(String accessKeyId, String arn, List<Policy> policies) {}

        private Builder() {}

        /** The account of long-term principals' caller identity and of unknown keys; roles carry their own. */
        public Builder accountId(String accountId) {
            if (!accountId.matches("\\d{12}")) throw new IllegalArgumentException("account id " + accountId);
            this.accountId = accountId;
            return this;
        }

        /** Refuses keys nobody configured with UnrecognizedClientException, as AWS refuses unknown keys. */
        public Builder strict(boolean strict) {
            this.strict = strict;
            return this;
        }

        /** A role that any accepted caller may assume, with its identity policies (IAM policy JSON documents). */
        public Builder role(String roleArn, List<String> identityPolicies) {
            return role(roleArn, identityPolicies, Set.of());
        }

        /**
         * A role that only the principals with the given ARNs (long-term principals' ARNs, or sessions'
         * {@code assumed-role} ARNs) may assume; empty means any accepted caller.
         *
         * @throws IllegalArgumentException for an ARN that is not an IAM role's, or a policy this subset cannot read
         */
        public Builder role(String roleArn, List<String> identityPolicies, Collection<String> assumableBy) {
            var matcher = ROLE_ARN.matcher(roleArn);
            if (!matcher.matches()) throw new IllegalArgumentException("Not an IAM role ARN: " + roleArn);
            roles.put(
                    roleArn,
                    new Role(
                            roleArn,
                            matcher.group(1),
                            matcher.group(2),
                            roleId(roleArn),
                            parse(identityPolicies, roleArn),
                            Set.copyOf(assumableBy)));
            return this;
        }

        /**
         * A long-term access key and the principal it acts as (an IAM user's or role's ARN, as a Lambda function's
         * execution role hands its keys to the function), with that principal's identity policies.
         */
        public Builder principal(String accessKeyId, String principalArn, List<String> identityPolicies) {
            Objects.requireNonNull(accessKeyId, "accessKeyId");
            Objects.requireNonNull(principalArn, "principalArn");
            pending.add(new PendingPrincipal(accessKeyId, principalArn, parse(identityPolicies, principalArn)));
            return this;
        }

        public AccessControl build() {
            principals.clear();
            for (PendingPrincipal principal : pending) {
                principals.put(
                        principal.accessKeyId(),
                        Caller.principal(
                                principal.arn(),
                                principal.accessKeyId(),
                                accountOf(principal.arn()),
                                principal.policies()));
            }
            return new AccessControl(this);
        }

        /** The account in an IAM ARN ({@code arn:aws:iam::<account>:...}), else the configured one. */
        private String accountOf(String arn) {
            String[] parts = arn.split(":", 6);
            return parts.length == 6 && parts[4].matches("\\d{12}") ? parts[4] : accountId;
        }

        private static List<Policy> parse(List<String> documents, String owner) {
            List<Policy> policies = new ArrayList<>();
            for (String document : documents) {
                try {
                    policies.add(Policy.parse(document));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Policy of " + owner + ": " + e.getMessage(), e);
                }
            }
            return List.copyOf(policies);
        }

        /** IAM's role ids are AROA and 17 characters; this one is derived from the ARN, so it is stable across runs. */
        private static String roleId(String roleArn) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(roleArn.getBytes(StandardCharsets.UTF_8));
                char[] id = new char[17];
                for (int i = 0; i < id.length; i++) id[i] = KEY_ALPHABET[(digest[i] & 0xff) % KEY_ALPHABET.length];
                return "AROA" + new String(id);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
        }
    }
}
