package dev.groundwork.local.fuzz;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.groundwork.local.LocalIdentity;
import dev.groundwork.local.api.LocalIssuer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bearer tokens: a valid one per tenant, minted by the runner's own issuer, and a fixed set of hostile ones (expired,
 * foreign audience or issuer, unknown key, {@code alg: none}, tenant claims that are missing or malformed). A
 * hostile token must never be let through to a 2xx. (A numeric tenant claim is not hostile: API Gateway hands every
 * claim to the function as a string, so {@code 42} arrives as {@code "42"}, a well-formed tenant.)
 */
final class Tokens {

    private final LocalIssuer issuer;
    private final LocalIdentity identity;
    private final Map<String, String> valid = new HashMap<>();
    private final Map<String, String> hostile = new LinkedHashMap<>();

    Tokens(LocalIssuer issuer, LocalIdentity identity, Clock clock) {
        this.issuer = issuer;
        this.identity = identity;
        Instant now = clock.instant();
        String audience = identity.audience().get(0);
        String claim = identity.tenantClaim();
        hostile.put(
                "expired",
                issuer.sign(claims(now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)), audience)
                        .claim(claim, "acme")
                        .build()));
        hostile.put(
                "not yet valid",
                issuer.sign(claims(now.plus(Duration.ofHours(1)), now.plus(Duration.ofHours(2)), audience)
                        .claim(claim, "acme")
                        .build()));
        hostile.put(
                "foreign audience",
                issuer.sign(claims(now, now.plus(Duration.ofHours(1)), "someone-else")
                        .claim(claim, "acme")
                        .build()));
        hostile.put(
                "foreign issuer",
                issuer.sign(claims(now, now.plus(Duration.ofHours(1)), audience)
                        .issuer("https://evil.example")
                        .claim(claim, "acme")
                        .build()));
        hostile.put(
                "no tenant claim",
                issuer.sign(claims(now, now.plus(Duration.ofHours(1)), audience).build()));
        hostile.put(
                "tenant claim with a space",
                issuer.sign(claims(now, now.plus(Duration.ofHours(1)), audience)
                        .claim(claim, "ac me")
                        .build()));
        hostile.put(
                "tenant claim of 65 characters",
                issuer.sign(claims(now, now.plus(Duration.ofHours(1)), audience)
                        .claim(claim, "a".repeat(65))
                        .build()));
        hostile.put(
                "empty tenant claim",
                issuer.sign(claims(now, now.plus(Duration.ofHours(1)), audience)
                        .claim(claim, "")
                        .build()));
        hostile.put(
                "tenant claim ../acme",
                issuer.sign(claims(now, now.plus(Duration.ofHours(1)), audience)
                        .claim(claim, "../acme")
                        .build()));
        hostile.put(
                "tenant claim TENANT#acme",
                issuer.sign(claims(now, now.plus(Duration.ofHours(1)), audience)
                        .claim(claim, "TENANT#acme")
                        .build()));
        hostile.put(
                "tenant claim with NUL",
                issuer.sign(claims(now, now.plus(Duration.ofHours(1)), audience)
                        .claim(claim, "acme\u0000")
                        .build()));
        hostile.put(
                "array tenant claim",
                issuer.sign(claims(now, now.plus(Duration.ofHours(1)), audience)
                        .claim(claim, List.of("acme", "globex"))
                        .build()));
        hostile.put(
                "unknown signing key",
                foreignKey(claims(now, now.plus(Duration.ofHours(1)), audience)
                        .claim(claim, "acme")
                        .build()));
        String payload = base64(claims(now, now.plus(Duration.ofHours(1)), audience)
                .claim(claim, "acme")
                .build()
                .toString());
        hostile.put("alg none", base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + payload + ".");
        String good = issuer.sign(claims(now, now.plus(Duration.ofHours(1)), audience)
                .claim(claim, "acme")
                .build());
        hostile.put("signature cut", good.substring(0, good.lastIndexOf('.') + 5));
        hostile.put("not a JWT", "abc.def.ghi");
        hostile.put("empty", "");
    }

    private JWTClaimsSet.Builder claims(Instant issued, Instant expires, String audience) {
        return new JWTClaimsSet.Builder()
                .issuer(identity.issuer())
                .subject("fuzz")
                .audience(audience)
                .issueTime(Date.from(issued))
                .notBeforeTime(Date.from(issued))
                .expirationTime(Date.from(expires));
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String foreignKey(JWTClaimsSet claims) {
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyID("foreign").generate();
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid token for the tenant, good for an hour (minted once per tenant and run). */
    String valid(String tenant) {
        return valid.computeIfAbsent(
                tenant, name -> issuer.mint(identity.tokenRequest(name, name + "-fuzz", Duration.ofHours(1))));
    }

    List<String> hostileNames() {
        return List.copyOf(hostile.keySet());
    }

    String hostile(String name) {
        return hostile.get(name);
    }
}
