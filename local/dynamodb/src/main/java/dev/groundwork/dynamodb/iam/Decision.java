package dev.groundwork.dynamodb.iam;

/**
 * IAM's answer to one {@link AccessRequest}, with the reason AWS gives in its denial messages since 2021 ("because no
 * identity-based policy allows the dynamodb:GetItem action", "with an explicit deny in an identity-based policy").
 */
public enum Decision {
    ALLOWED(null),
    NO_IDENTITY_POLICY_ALLOWS("because no identity-based policy allows the %s action"),
    EXPLICIT_DENY_IN_IDENTITY_POLICY("with an explicit deny in an identity-based policy"),
    NO_SESSION_POLICY_ALLOWS("because no session policy allows the %s action"),
    EXPLICIT_DENY_IN_SESSION_POLICY("with an explicit deny in a session policy");

    private final String reason;

    Decision(String reason) {
        this.reason = reason;
    }

    public boolean allowed() {
        return this == ALLOWED;
    }

    /**
     * AWS's denial message: {@code User: <principal> is not authorized to perform: <action> on resource: <resource>
     * <reason>}.
     */
    public String denialMessage(String principalArn, String action, String resource) {
        if (allowed()) throw new IllegalStateException("allowed");
        return "User: " + principalArn + " is not authorized to perform: " + action + " on resource: " + resource + " "
                + reason.formatted(action);
    }
}
