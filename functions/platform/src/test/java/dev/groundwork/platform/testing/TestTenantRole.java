package dev.groundwork.platform.testing;

import dev.groundwork.dynamodb.iam.AccessControl;
import java.util.List;

/**
 * The tenant role the tests' embedded DynamoDB knows, so that a function wired from its environment runs as deployed:
 * its DynamoDB calls made as the request's tenant, through the STS stand-in, and refused outside that tenant's
 * partition. Its policy is template.yaml's tenant-partition rule, for every action a tenant-scoped function calls, on
 * any table (each test makes fresh ones), and only the route functions' key may assume it, as only a function's own
 * role may assume its tenant role deployed. Keys nobody configured (the tests' own set-up and seeding) stay
 * unrestricted.
 */
public final class TestTenantRole {
    public static final String ARN = "arn:aws:iam::000000000000:role/groundwork-test-tenant";

    /** template.yaml's tenant-partition rule (PoliciesTemplateTest holds this copy to the template). */
    public static final String POLICY = """
            {"Version": "2012-10-17",
             "Statement": [{
               "Effect": "Allow",
               "Action": ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
                          "dynamodb:Query"],
               "Resource": "arn:aws:dynamodb:*:*:table/*",
               "Condition": {
                 "ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["TENANT#${aws:PrincipalTag/tenant_id}"]},
                 "Null": {"dynamodb:LeadingKeys": "false"}}}]}
            """;

    /**
     * The access key a route function is handed ({@link TestTable#environment()}): a role that may assume the tenant
     * role and touch no table itself, as template.yaml's route functions' roles, so that a call made with the
     * function's own credentials is refused here as it would be deployed.
     */
    public static final String FUNCTION_ACCESS_KEY = "AKIAGROUNDWORKFUNCTN";

    public static final String FUNCTION_ROLE_ARN = "arn:aws:iam::000000000000:role/groundwork-test-function";

    private static final String FUNCTION_POLICY = """
            {"Version": "2012-10-17",
             "Statement": [{"Effect": "Allow", "Action": ["sts:AssumeRole", "sts:TagSession"],
                            "Resource": "arn:aws:iam::000000000000:role/groundwork-test-tenant"}]}
            """;

    private TestTenantRole() {}

    public static AccessControl accessControl() {
        return AccessControl.builder()
                .role(ARN, List.of(POLICY), List.of(FUNCTION_ROLE_ARN))
                .principal(FUNCTION_ACCESS_KEY, FUNCTION_ROLE_ARN, List.of(FUNCTION_POLICY))
                .strict(false)
                .build();
    }
}
