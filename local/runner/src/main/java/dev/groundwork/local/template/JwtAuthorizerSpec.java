package dev.groundwork.local.template;

import java.util.List;

/** A JWT authorizer of the HTTP API: the token must come from {@code issuer} for one of {@code audience}. */
public record JwtAuthorizerSpec(String name, String issuer, List<String> audience, String identitySource) {
    public JwtAuthorizerSpec {
        audience = List.copyOf(audience);
    }
}
