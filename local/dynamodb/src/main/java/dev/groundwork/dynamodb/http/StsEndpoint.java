package dev.groundwork.dynamodb.http;

import dev.groundwork.dynamodb.iam.AccessControl;
import dev.groundwork.dynamodb.iam.AssumeRoleRequest;
import dev.groundwork.dynamodb.iam.AssumedRole;
import dev.groundwork.dynamodb.iam.Caller;
import dev.groundwork.dynamodb.iam.RefusedCredentials;
import dev.groundwork.dynamodb.iam.StsException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The STS stand-in: STS's AssumeRole and GetCallerIdentity over AWS's Query protocol (a form-encoded POST with
 * {@code Action} and {@code Version}, answered in XML), on the embedded DynamoDB's own port, so that the AWS SDK's
 * {@code StsClient} pointed at the server works unchanged. The shapes are the STS API reference's
 * ({@code AssumeRoleResponse}, {@code GetCallerIdentityResponse}, and {@code ErrorResponse} with Type, Code and
 * Message); the rules are {@link AccessControl}'s.
 */
final class StsEndpoint {
    private static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
    private static final String XML = "text/xml";

    private final AccessControl accessControl;
    private final Clock clock;

    StsEndpoint(AccessControl accessControl, Clock clock) {
        this.accessControl = accessControl;
        this.clock = clock;
    }

    Http11Server.Response answer(String authorization, byte[] body) {
        String requestId = UUID.randomUUID().toString();
        try {
            Map<String, String> form = form(body);
            String action = form.get("Action");
            if (action == null) throw StsException.missingAction();
            return switch (action) {
                case "AssumeRole" -> ok(action, assumeRole(caller(authorization), form), requestId);
                case "GetCallerIdentity" -> ok(action, callerIdentity(caller(authorization)), requestId);
                default -> throw StsException.invalidAction(action);
            };
        } catch (StsException error) {
            return error(error, requestId);
        }
    }

    private Caller caller(String authorization) {
        SigningScope scope = SigningScope.of(authorization);
        if (scope == null) throw StsException.missingAuthenticationToken();
        try {
            return accessControl.identify(scope.accessKeyId(), clock.instant());
        } catch (RefusedCredentials refused) {
            throw refused.reason() == RefusedCredentials.Reason.EXPIRED
                    ? StsException.expiredToken()
                    : StsException.invalidClientTokenId();
        }
    }

    private String assumeRole(Caller caller, Map<String, String> form) {
        List<AssumeRoleRequest.Tag> tags = new ArrayList<>();
        for (int i = 1;
                form.containsKey("Tags.member." + i + ".Key") || form.containsKey("Tags.member." + i + ".Value");
                i++) {
            tags.add(new AssumeRoleRequest.Tag(
                    form.get("Tags.member." + i + ".Key"), form.get("Tags.member." + i + ".Value")));
        }
        List<String> transitive = new ArrayList<>();
        for (int i = 1; form.containsKey("TransitiveTagKeys.member." + i); i++)
            transitive.add(form.get("TransitiveTagKeys.member." + i));
        AssumeRoleRequest request = new AssumeRoleRequest(
                form.get("RoleArn"),
                form.get("RoleSessionName"),
                duration(form.get("DurationSeconds")),
                tags,
                transitive,
                form.get("Policy"));
        AssumedRole role = accessControl.assumeRole(caller, request, clock.instant());
        StringBuilder xml = new StringBuilder("  <AssumeRoleResult>\n    <AssumedRoleUser>\n");
        element(xml, "      ", "AssumedRoleId", role.assumedRoleId());
        element(xml, "      ", "Arn", role.arn());
        xml.append("    </AssumedRoleUser>\n    <Credentials>\n");
        element(xml, "      ", "AccessKeyId", role.accessKeyId());
        element(xml, "      ", "SecretAccessKey", role.secretAccessKey());
        element(xml, "      ", "SessionToken", role.sessionToken());
        element(xml, "      ", "Expiration", iso(role.expiration()));
        xml.append("    </Credentials>\n");
        role.packedPolicySize().ifPresent(size -> element(xml, "    ", "PackedPolicySize", Integer.toString(size)));
        xml.append("  </AssumeRoleResult>\n");
        return xml.toString();
    }

    private static String callerIdentity(Caller caller) {
        StringBuilder xml = new StringBuilder("  <GetCallerIdentityResult>\n");
        element(xml, "    ", "Arn", caller.arn());
        element(xml, "    ", "UserId", caller.userId());
        element(xml, "    ", "Account", caller.accountId());
        xml.append("  </GetCallerIdentityResult>\n");
        return xml.toString();
    }

    /** DurationSeconds is an integer member; text that is not one fails validation as a value out of its range. */
    private static Integer duration(String text) {
        if (text == null) return null;
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw StsException.validation("1 validation error detected: Value '" + text
                    + "' at 'durationSeconds' failed to satisfy constraint: Member must be a whole number");
        }
    }

    /** STS's answer to {@code action}: {@code <ActionResponse>} with the action's result and ResponseMetadata. */
    private static Http11Server.Response ok(String action, String result, String requestId) {
        String xml = "<" + action + "Response xmlns=\"" + NAMESPACE + "\">\n" + result
                + "  <ResponseMetadata>\n    <RequestId>" + requestId + "</RequestId>\n  </ResponseMetadata>\n</"
                + action + "Response>\n";
        return response(200, xml, requestId);
    }

    private static Http11Server.Response error(StsException error, String requestId) {
        StringBuilder xml = new StringBuilder("<ErrorResponse xmlns=\"" + NAMESPACE + "\">\n  <Error>\n");
        // STS blames the caller (Sender) for every error it answers with a 4xx.
        element(xml, "    ", "Type", "Sender");
        element(xml, "    ", "Code", error.code());
        element(xml, "    ", "Message", error.getMessage());
        xml.append("  </Error>\n");
        element(xml, "  ", "RequestId", requestId);
        xml.append("</ErrorResponse>\n");
        return response(error.httpStatus(), xml.toString(), requestId);
    }

    private static Http11Server.Response response(int status, String xml, String requestId) {
        return new Http11Server.Response(
                status, XML, xml.getBytes(StandardCharsets.UTF_8), new String[] {"x-amzn-RequestId", requestId});
    }

    private static void element(StringBuilder xml, String indent, String name, String text) {
        xml.append(indent).append('<').append(name).append('>');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> xml.append("&lt;");
                case '>' -> xml.append("&gt;");
                case '&' -> xml.append("&amp;");
                case '"' -> xml.append("&quot;");
                default -> xml.append(c);
            }
        }
        xml.append("</").append(name).append(">\n");
    }

    /** ISO 8601 in UTC to the second, as STS writes Expiration. */
    private static String iso(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** An {@code application/x-www-form-urlencoded} body; a name given twice keeps its first value. */
    private static Map<String, String> form(byte[] body) {
        Map<String, String> form = new HashMap<>();
        String text = new String(body, StandardCharsets.UTF_8);
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) continue;
            int equals = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                form.putIfAbsent(name, value);
            } catch (IllegalArgumentException e) {
                throw StsException.validation("The request body is not a valid form: " + pair);
            }
        }
        return form;
    }
}
