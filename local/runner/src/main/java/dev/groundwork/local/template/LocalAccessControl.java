package dev.groundwork.local.template;

import static dev.groundwork.local.template.Template.asMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.groundwork.dynamodb.iam.AccessControl;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The template's IAM as the embedded DynamoDB enforces it, built from template.yaml and nothing else: every
 * {@code AWS::IAM::Role} with its inline policies, assumable by the roles its trust policy names; and every function's
 * execution role as a principal with keys of its own, holding the function's inline {@code Policies} and the
 * {@code AWS::IAM::RolePolicy}/{@code AWS::IAM::Policy} resources attached to it. So a handler that calls DynamoDB with
 * its own role where the template gives that role no right to, or as a tenant outside the tenant's partition, is
 * refused locally exactly as deployed. The one place that does this, for {@code ./groundwork local}, the cold-start
 * bench and {@code LambdaRuntimeIT}.
 *
 * <p>What it cannot evaluate, it leaves out, which makes the local stack stricter than the deployed one, never looser:
 * managed policies and SAM policy templates named under a function's {@code Policies}, and trust in anything but a
 * role of the template. Keys nobody configured (the runner's own, seeding in tests) stay unrestricted.
 */
public final class LocalAccessControl {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String POLICY_VERSION = "2012-10-17";

    /** The keys of one function's execution role, as Lambda hands them to the function. */
    public record FunctionKeys(String accessKeyId, String secretAccessKey) {
        /** What the runner puts in the function's environment: these keys, and the STS stand-in's endpoint. */
        public Map<String, String> environment(URI stsEndpoint) {
            Map<String, String> environment = new LinkedHashMap<>();
            environment.put("AWS_ACCESS_KEY_ID", accessKeyId);
            environment.put("AWS_SECRET_ACCESS_KEY", secretAccessKey);
            environment.put("STS_ENDPOINT", stsEndpoint.toString());
            return environment;
        }
    }

    private LocalAccessControl() {}

    /**
     * The access control of the template deployed as each of these stacks (a runner has one; LambdaRuntimeIT one per
     * run). Built before the embedded DynamoDB starts: ARNs do not depend on where the local services listen.
     */
    public static AccessControl of(
            Template template,
            Map<String, String> parameterOverrides,
            String region,
            String accountId,
            List<String> stackNames) {
        AccessControl.Builder access =
                AccessControl.builder().accountId(accountId).strict(false);
        for (String stackName : stackNames) {
            LocalDeployment deployment = new LocalDeployment(
                    template,
                    new LocalDeployment.Settings(
                            stackName,
                            region,
                            accountId,
                            parameterOverrides,
                            URI.create("http://localhost:9324"),
                            URI.create("http://localhost:3000")),
                    table -> null);
            for (String role : template.resourcesOfType(Set.of(LocalDeployment.ROLE_TYPE))) {
                List<String> trusted = trustedRoles(deployment, role);
                if (!trusted.isEmpty()) {
                    access.role(deployment.roleArn(role), identityPolicies(deployment, role), trusted);
                }
            }
            for (FunctionSpec function : deployment.functions(skipped -> {})) {
                String logicalId = function.logicalId();
                access.principal(
                        keysOf(deployment, logicalId).accessKeyId(),
                        deployment.executionRoleArn(logicalId),
                        functionPolicies(deployment, logicalId));
            }
        }
        return access.build();
    }

    /** A function's own keys, the same in every run of the same stack (so a restarted runner hands the same ones). */
    public static FunctionKeys keysOf(LocalDeployment deployment, String functionLogicalId) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256")
                    .digest((deployment.functionName(functionLogicalId)).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException absent) {
            throw new IllegalStateException("every JVM has SHA-256", absent);
        }
        StringBuilder key = new StringBuilder("AKIA");
        for (int i = 0; i < 16; i++) {
            key.append(BASE32.charAt(digest[i] & 31));
        }
        return new FunctionKeys(key.toString(), "local-" + functionLogicalId);
    }

    /** The roles of this stack that the role's trust policy lets assume it (with {@code sts:AssumeRole}). */
    private static List<String> trustedRoles(LocalDeployment deployment, String role) {
        List<String> trusted = new ArrayList<>();
        Object document = deployment
                .resolver()
                .resolve(deployment.template().properties(role).get("AssumeRolePolicyDocument"));
        for (Object each : listOf(asMap(document).get("Statement"))) {
            Map<String, Object> statement = asMap(each);
            if ("Allow".equals(statement.get("Effect"))
                    && listOf(statement.get("Action")).contains("sts:AssumeRole")) {
                listOf(asMap(statement.get("Principal")).get("AWS")).stream()
                        .map(String::valueOf)
                        .filter(arn -> arn.startsWith("arn:aws:iam::"))
                        .forEach(trusted::add);
            }
        }
        return trusted;
    }

    private static List<String> identityPolicies(LocalDeployment deployment, String role) {
        List<String> policies = new ArrayList<>();
        Object resolved = deployment
                .resolver()
                .resolve(deployment.template().properties(role).get("Policies"));
        for (Object policy : listOf(resolved)) {
            policies.add(json(asMap(policy).get("PolicyDocument")));
        }
        return policies;
    }

    /** The function's inline statements, and the policies attached to its execution role apart from it. */
    private static List<String> functionPolicies(LocalDeployment deployment, String function) {
        Template template = deployment.template();
        List<String> policies = new ArrayList<>();
        Object declared = deployment
                .resolver()
                .resolve(template.propertiesWithGlobals(function, "Function").get("Policies"));
        for (Object policy : listOf(declared)) {
            if (policy instanceof Map<?, ?> map && map.containsKey("Statement")) {
                Map<String, Object> document = new LinkedHashMap<>();
                document.put("Version", POLICY_VERSION);
                document.put("Statement", map.get("Statement"));
                policies.add(json(document));
            }
        }
        Map<String, Object> executionRole = Map.of("Ref", function + "Role");
        for (String attached : template.resourcesOfType(Set.of("AWS::IAM::RolePolicy", "AWS::IAM::Policy"))) {
            Map<String, Object> properties = template.properties(attached);
            if (executionRole.equals(properties.get("RoleName"))
                    || listOf(properties.get("Roles")).contains(executionRole)) {
                policies.add(json(deployment.resolver().resolve(properties.get("PolicyDocument"))));
            }
        }
        return policies;
    }

    private static List<Object> listOf(Object value) {
        if (value instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        return value == null ? List.of() : List.of(value);
    }

    private static String json(Object document) {
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException unwritable) {
            throw new TemplateException("a policy document that is not JSON: " + document);
        }
    }
}
