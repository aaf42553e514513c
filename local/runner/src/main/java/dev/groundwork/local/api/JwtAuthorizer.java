package dev.groundwork.local.api;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.math.BigDecimal;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a bearer token as API Gateway's HTTP API JWT authorizer does: an RS256 signature by a key of the issuer's
 * JWKS (by {@code kid}), {@code iss} equal to the issuer, {@code aud} (or {@code client_id}) one of the audiences,
 * {@code exp} in the future, {@code nbf} and {@code iat} not in the future, and at least one of the route's scopes.
 * One check more than API Gateway: a tenant claim that is present but not a JSON string is refused (see
 * docs/security.md, "Tenant claim").
 * See https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html
 */
public final class JwtAuthorizer {

    /** The outcome: the claims and scopes for {@code requestContext.authorizer.jwt}, or why the token was refused. */
    public sealed interface Decision {
        record Allowed(Map<String, String> claims, List<String> scopes) implements Decision {}

        /**
         * 401: no token, or a token that is not valid.
         *
         * @param reason what the console says, claims quoted
         * @param description what the answer's {@code www-authenticate} says, as API Gateway's does: a fixed phrase
         *     that quotes nothing of the token, or empty for a request without one (RFC 6750, section 3.1)
         */
        record Unauthorized(String reason, String description) implements Decision {
            /** API Gateway's challenge: {@code Bearer scope="" error="invalid_token" error_description="..."}. */
            public String challenge() {
                return description.isEmpty()
                        ? "Bearer"
                        : "Bearer scope=\"\" error=\"invalid_token\" error_description=\"" + description + "\"";
            }
        }

        /** 403: a valid token without any of the route's scopes. */
        record Forbidden(String reason) implements Decision {}
    }

    /** Verified signatures, by token: the RSA check is the costly part, and a client sends one token many times. */
    private static final int VERIFIED_CACHE_SIZE = 4096;
    /** The registered claims that hold a time, in seconds (RFC 7519, section 4.1). */
    private static final List<String> TIME_CLAIMS = List.of("exp", "nbf", "iat");
    /** The most seconds a time claim may hold: in milliseconds, they still fit a long. */
    private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(Long.MAX_VALUE / 1000);

    private final String issuer;
    private final List<String> audience;
    private final String tenantClaim;
    private final JWKSet keys;
    private final Clock clock;
    private final Map<String, JWTClaimsSet> verified = new java.util.concurrent.ConcurrentHashMap<>();

    /** @param tenantClaim the claim that names the tenant (template parameter TenantClaim, default {@code tenant_id}) */
    public JwtAuthorizer(String issuer, List<String> audience, String tenantClaim, JWKSet keys, Clock clock) {
        this.issuer = issuer;
        this.audience = List.copyOf(audience);
        this.tenantClaim = tenantClaim;
        this.keys = keys;
        this.clock = clock;
    }

    private static final String NOT_A_JWT = "the token is not a signed JWT";

    private static final Pattern COMPACT_JWS = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

    /** The claim that names the tenant. */
    public String tenantClaim() {
        return tenantClaim;
    }

    public Decision check(String authorizationHeader, List<String> routeScopes) {
        if (authorizationHeader == null || authorizationHeader.isBlank()) {
            return new Decision.Unauthorized("no token", "");
        }
        String token = authorizationHeader.strip();
        // API Gateway accepts the token with or without the "Bearer " prefix.
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = token.substring(7).strip();
        }
        // A JWS in compact form is three base64url parts without padding (RFC 7515, section 7.1; RFC 7519). The
        // parser would read a token with anything after its signature (a comma and a second header API Gateway
        // joined to the first, padding, garbage) as that token.
        if (!COMPACT_JWS.matcher(token).matches()) {
            return new Decision.Unauthorized("not a JWT in compact form", NOT_A_JWT);
        }
        JWTClaimsSet claims = verified.get(token);
        if (claims == null) {
            Object checked = verifySignature(token);
            if (checked instanceof Decision.Unauthorized refused) {
                return refused;
            }
            claims = (JWTClaimsSet) checked;
            if (verified.size() >= VERIFIED_CACHE_SIZE) {
                verified.clear();
            }
            verified.put(token, claims);
        }
        // The claims' times are checked on every request: a cached token still expires.
        return checkClaims(claims, routeScopes);
    }

    /** The token's claims when its signature verifies with a key of the issuer, else why not. */
    private Object verifySignature(String token) {
        JWTClaimsSet claims;
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
                return new Decision.Unauthorized(
                        "algorithm " + jwt.getHeader().getAlgorithm() + " is not accepted",
                        "the token is not signed with an accepted algorithm");
            }
            JWK key = jwt.getHeader().getKeyID() == null
                    ? null
                    : keys.getKeyByKeyId(jwt.getHeader().getKeyID());
            if (!(key instanceof RSAKey rsa) || !jwt.verify(new RSASSAVerifier(rsa))) {
                return new Decision.Unauthorized("signature does not verify", "the token's signature does not verify");
            }
            // Nimbus reads a time claim as seconds times 1000 in a long: beyond that, a time far in the future wraps
            // into the past, and a token not valid for millions of years would be valid now.
            Map<String, Object> payload = jwt.getPayload().toJSONObject();
            if (payload == null) {
                return new Decision.Unauthorized("not a signed JWT", NOT_A_JWT);
            }
            for (String time : TIME_CLAIMS) {
                // Exactly, not as a double: near the bound a double rounds several longs to one.
                if (payload.get(time) instanceof Number seconds
                        && new BigDecimal(seconds.toString()).abs().compareTo(MAX_SECONDS) > 0) {
                    return new Decision.Unauthorized(
                            "the " + time + " claim is out of range", "the token's " + time + " claim is out of range");
                }
            }
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | JOSEException e) {
            return new Decision.Unauthorized("not a signed JWT", NOT_A_JWT);
        }
        return claims;
    }

    private Decision checkClaims(JWTClaimsSet claims, List<String> routeScopes) {
        Instant now = clock.instant();
        if (!issuer.equals(claims.getIssuer())) {
            return new Decision.Unauthorized(
                    "issuer " + claims.getIssuer() + " is not " + issuer, "the token does not have a valid issuer");
        }
        if (!audienceMatches(claims)) {
            return new Decision.Unauthorized(
                    "audience " + claims.getAudience() + " is not one of " + audience,
                    "the token does not have a valid audience");
        }
        Date expires = claims.getExpirationTime();
        if (expires == null || !expires.toInstant().isAfter(now)) {
            return new Decision.Unauthorized("the token has expired", "the token has expired");
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && notBefore.toInstant().isAfter(now)) {
            return new Decision.Unauthorized("the token is not valid yet", "the token is not valid yet");
        }
        Date issued = claims.getIssueTime();
        if (issued != null && issued.toInstant().isAfter(now)) {
            return new Decision.Unauthorized(
                    "the token was issued in the future", "the token was issued in the future");
        }
        // Deployed, API Gateway hands every claim to the function as a string, so tenant_id 745025986 and "745025986"
        // look alike there and a number would read that tenant's items. Locally the raw token is at hand: refuse it.
        // A JSON null is a claim that is there and no string (getClaim cannot tell it from an absent claim).
        Object tenant = claims.getClaim(tenantClaim);
        if (claims.getClaims().containsKey(tenantClaim) && !(tenant instanceof String)) {
            return new Decision.Unauthorized(
                    "the " + tenantClaim + " claim is not a string",
                    "the token's " + tenantClaim + " claim is not a string");
        }
        List<String> scopes = scopes(claims);
        if (!routeScopes.isEmpty() && routeScopes.stream().noneMatch(scopes::contains)) {
            return new Decision.Forbidden("none of the scopes " + routeScopes);
        }
        return new Decision.Allowed(claimsAsStrings(claims), scopes);
    }

    private boolean audienceMatches(JWTClaimsSet claims) {
        List<String> tokenAudience = claims.getAudience();
        if (tokenAudience != null && !tokenAudience.isEmpty()) {
            return tokenAudience.stream().anyMatch(audience::contains);
        }
        Object clientId = claims.getClaim("client_id");
        return clientId != null && audience.contains(String.valueOf(clientId));
    }

    private static List<String> scopes(JWTClaimsSet claims) {
        List<String> scopes = new ArrayList<>();
        for (String name : List.of("scope", "scp")) {
            Object value = claims.getClaim(name);
            if (value instanceof String text) {
                for (String scope : text.split(" ")) {
                    if (!scope.isBlank()) {
                        scopes.add(scope);
                    }
                }
            } else if (value instanceof Collection<?> list) {
                list.forEach(scope -> scopes.add(String.valueOf(scope)));
            }
        }
        return scopes;
    }

    /** API Gateway passes every claim as a string: numbers and dates as numbers, arrays as "[a b]". */
    private static Map<String, String> claimsAsStrings(JWTClaimsSet claims) {
        Map<String, String> strings = new LinkedHashMap<>();
        claims.toJSONObject().forEach((name, value) -> {
            if (value instanceof Collection<?> list) {
                List<String> parts = new ArrayList<>();
                list.forEach(part -> parts.add(String.valueOf(part)));
                strings.put(name, "[" + String.join(" ", parts) + "]");
            } else {
                strings.put(name, String.valueOf(value));
            }
        });
        return strings;
    }
}
