package dev.groundwork.local;

import dev.groundwork.local.api.LocalIssuer;
import dev.groundwork.local.template.JwtAuthorizerSpec;
import dev.groundwork.local.template.LocalDeployment;
import dev.groundwork.local.template.Template;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Who the local API trusts, read from the template: the issuer is the runner itself ({@code http://localhost:PORT}),
 * the audience is the JWT authorizer's (its parameter default), and the tenant claim's name is the template parameter
 * whose name says "tenant" and "claim" (default {@code tenant_id}). The {@code token} command and the running API
 * derive the same values, so a printed token is accepted. {@code scopes} are every scope a route of the template
 * requires: what a token needs to call every route.
 */
public record LocalIdentity(String issuer, List<String> audience, String tenantClaim, List<String> scopes) {

    private static final String FALLBACK_AUDIENCE = "groundwork-local";
    private static final String FALLBACK_TENANT_CLAIM = "tenant_id";

    public static LocalIdentity of(Template template, int port) {
        return of(template, port, Map.of());
    }

    public static LocalIdentity of(Template template, int port, Map<String, String> parameterOverrides) {
        LocalDeployment deployment = new LocalDeployment(
                template,
                new LocalDeployment.Settings(
                        LocalApplication.STACK_NAME,
                        LocalApplication.REGION,
                        LocalApplication.ACCOUNT_ID,
                        parameterOverrides,
                        URI.create("http://localhost:9324"),
                        URI.create("http://localhost:" + port)),
                logicalId -> null);
        List<String> audience = new ArrayList<>();
        for (JwtAuthorizerSpec authorizer : deployment.authorizers().values()) {
            authorizer.audience().stream()
                    .filter(value -> value != null && !value.isBlank() && !value.equals("null"))
                    .forEach(audience::add);
        }
        if (audience.isEmpty()) {
            audience.add(FALLBACK_AUDIENCE);
        }
        String claim = FALLBACK_TENANT_CLAIM;
        for (Map.Entry<String, Object> parameter : template.parameterDefaults().entrySet()) {
            String name = parameter.getKey().toLowerCase(Locale.ROOT);
            if (name.contains("tenant") && name.contains("claim") && parameter.getValue() != null) {
                claim = String.valueOf(parameter.getValue());
            }
        }
        SortedSet<String> scopes = new TreeSet<>();
        deployment
                .functions(skipped -> {})
                .forEach(function -> function.routes().forEach(route -> scopes.addAll(route.scopes())));
        return new LocalIdentity("http://localhost:" + port, List.copyOf(audience), claim, List.copyOf(scopes));
    }

    /** A token request with every scope the template's routes require. */
    public LocalIssuer.TokenRequest tokenRequest(String tenant, String subject, Duration timeToLive) {
        return tokenRequest(tenant, subject, scopes, timeToLive);
    }

    /** A token request with exactly these scopes (none: a token that no route with scopes accepts). */
    public LocalIssuer.TokenRequest tokenRequest(
            String tenant, String subject, List<String> scopes, Duration timeToLive) {
        return new LocalIssuer.TokenRequest(subject, List.of(audience.get(0)), tenantClaim, tenant, scopes, timeToLive);
    }
}
