package dev.groundwork.local.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtAuthorizerTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path state;

    @Test
    void acceptsItsOwnTokenAndPassesClaimsAsStrings() {
        LocalIssuer issuer = LocalIssuer.load(state, "http://localhost:3000", clock);
        JwtAuthorizer authorizer =
                new JwtAuthorizer("http://localhost:3000", List.of("api"), "tenant_id", issuer.publicKeys(), clock);
        String token = issuer.mint(new LocalIssuer.TokenRequest(
                "alice", List.of("api"), "tenant_id", "acme", List.of("items:write"), Duration.ofHours(1)));

        JwtAuthorizer.Decision decision = authorizer.check("Bearer " + token, List.of("items:write"));

        assertThat(decision).isInstanceOfSatisfying(JwtAuthorizer.Decision.Allowed.class, allowed -> {
            assertThat(allowed.claims())
                    .containsEntry("tenant_id", "acme")
                    .containsEntry("sub", "alice")
                    .containsEntry("aud", "api")
                    .containsEntry("exp", Long.toString(NOW.plusSeconds(3600).getEpochSecond()));
            assertThat(allowed.scopes()).containsExactly("items:write");
        });
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {",", "!!", "==", ",Bearer x", " x", ".x"})
    void refusesAValidTokenWithAnythingAfterItsSignature(String after) {
        LocalIssuer issuer = LocalIssuer.load(state, "http://localhost:3000", clock);
        JwtAuthorizer authorizer =
                new JwtAuthorizer("http://localhost:3000", List.of("api"), "tenant_id", issuer.publicKeys(), clock);
        String token = issuer.mint(new LocalIssuer.TokenRequest(
                "alice", List.of("api"), "tenant_id", "acme", List.of("items:write"), Duration.ofHours(1)));

        // two Authorization headers joined as API Gateway joins them, a padded or trailing-garbage signature
        assertThat(authorizer.check("Bearer " + token + after, List.of("items:write")))
                .isInstanceOf(JwtAuthorizer.Decision.Unauthorized.class);
        assertThat(authorizer.check("Bearer " + token, List.of("items:write")))
                .isInstanceOf(JwtAuthorizer.Decision.Allowed.class);
    }

    @Test
    void keepsItsKeyAcrossRunsSoPrintedTokensStayValid() {
        LocalIssuer first = LocalIssuer.load(state, "http://localhost:3000", clock);
        LocalIssuer second = LocalIssuer.load(state, "http://localhost:3000", clock);

        assertThat(second.publicKeys().toString()).isEqualTo(first.publicKeys().toString());
    }

    @Test
    void refusesAnotherIssuersKeyAWrongIssuerAndAMissingExpiry() {
        LocalIssuer trusted = LocalIssuer.load(state.resolve("a"), "http://localhost:3000", clock);
        LocalIssuer stranger = LocalIssuer.load(state.resolve("b"), "http://localhost:3000", clock);
        JwtAuthorizer authorizer =
                new JwtAuthorizer("http://localhost:3000", List.of("api"), "tenant_id", trusted.publicKeys(), clock);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer("http://localhost:3000")
                .audience("api")
                .expirationTime(Date.from(NOW.plusSeconds(60)));

        assertThat(authorizer.check(stranger.sign(claims.build()), List.of()))
                .isInstanceOf(JwtAuthorizer.Decision.Unauthorized.class);
        assertThat(authorizer.check(
                        trusted.sign(claims.issuer("https://evil.example").build()), List.of()))
                .isInstanceOf(JwtAuthorizer.Decision.Unauthorized.class);
        assertThat(authorizer.check(
                        trusted.sign(new JWTClaimsSet.Builder()
                                .issuer("http://localhost:3000")
                                .audience("api")
                                .build()),
                        List.of()))
                .isInstanceOf(JwtAuthorizer.Decision.Unauthorized.class);
        assertThat(authorizer.check(
                        trusted.sign(new JWTClaimsSet.Builder()
                                .issuer("http://localhost:3000")
                                .audience("api")
                                .expirationTime(Date.from(NOW.plusSeconds(60)))
                                .build()),
                        List.of()))
                .isInstanceOf(JwtAuthorizer.Decision.Allowed.class);
    }

    @Test
    void refusesATimeClaimTooFarOffToBeADateRatherThanLetItWrapIntoThePast() {
        LocalIssuer issuer = LocalIssuer.load(state, "http://localhost:3000", clock);
        JwtAuthorizer authorizer =
                new JwtAuthorizer("http://localhost:3000", List.of("api"), "tenant_id", issuer.publicKeys(), clock);
        JWTClaimsSet valid = new JWTClaimsSet.Builder()
                .issuer("http://localhost:3000")
                .audience("api")
                .expirationTime(Date.from(NOW.plusSeconds(60)))
                .issueTime(Date.from(NOW.minusSeconds(60)))
                .notBeforeTime(Date.from(NOW.minusSeconds(60)))
                .build();
        assertThat(authorizer.check(issuer.sign(valid), List.of())).isInstanceOf(JwtAuthorizer.Decision.Allowed.class);

        for (String time : List.of("nbf", "iat", "exp")) {
            for (Object seconds : List.of(
                    1e19, Long.MAX_VALUE, 9.3e18, -1e19, 9223372036854776L, -9223372036854776L, 9.223372036854776E15)) {
                JWTClaimsSet claims =
                        new JWTClaimsSet.Builder(valid).claim(time, seconds).build();
                assertThat(authorizer.check(issuer.sign(claims), List.of()))
                        .as(time + "=" + seconds)
                        .isInstanceOfSatisfying(
                                JwtAuthorizer.Decision.Unauthorized.class,
                                refused -> assertThat(refused.reason()).contains(time + " claim is out of range"));
            }
        }
        // Far off, but a date: judged as any other time.
        assertThat(authorizer.check(
                        issuer.sign(new JWTClaimsSet.Builder(valid)
                                .claim("nbf", 1e15)
                                .build()),
                        List.of()))
                .isInstanceOfSatisfying(
                        JwtAuthorizer.Decision.Unauthorized.class,
                        refused -> assertThat(refused.reason()).contains("not valid yet"));
    }

    @Test
    void refusesASignedTokenWhosePayloadIsNoJsonObject() throws Exception {
        LocalIssuer issuer = LocalIssuer.load(state, "http://localhost:3000", clock);
        JwtAuthorizer authorizer =
                new JwtAuthorizer("http://localhost:3000", List.of("api"), "tenant_id", issuer.publicKeys(), clock);
        RSAKey key = RSAKey.parse(Files.readString(state.resolve(LocalIssuer.KEY_FILE)));

        for (String payload : List.of("hello", "[1,2]", "\"text\"", "null")) {
            JWSObject token = new JWSObject(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .build(),
                    new Payload(payload));
            token.sign(new RSASSASigner(key));

            assertThat(authorizer.check("Bearer " + token.serialize(), List.of()))
                    .as(payload)
                    .isInstanceOf(JwtAuthorizer.Decision.Unauthorized.class);
        }
    }

    @Test
    void refusesATokenWhoseTenantClaimIsNotAString() {
        LocalIssuer issuer = LocalIssuer.load(state, "http://localhost:3000", clock);
        JwtAuthorizer authorizer =
                new JwtAuthorizer("http://localhost:3000", List.of("api"), "org", issuer.publicKeys(), clock);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer("http://localhost:3000")
                .audience("api")
                .expirationTime(Date.from(NOW.plusSeconds(60)));

        for (Object tenant : List.of(745025986, 7.5, true, java.util.Map.of("id", "acme"), List.of("acme"))) {
            assertThat(authorizer.check(issuer.sign(claims.claim("org", tenant).build()), List.of()))
                    .as(tenant.toString())
                    .isInstanceOfSatisfying(
                            JwtAuthorizer.Decision.Unauthorized.class,
                            refused -> assertThat(refused.reason()).contains("org claim is not a string"));
        }
        assertThat(authorizer.check(
                        issuer.sign(claims.claim("org", null)
                                .serializeNullClaims(true)
                                .build()),
                        List.of()))
                .as("null")
                .isInstanceOfSatisfying(
                        JwtAuthorizer.Decision.Unauthorized.class,
                        refused -> assertThat(refused.reason()).contains("org claim is not a string"));
        assertThat(authorizer.check(issuer.sign(claims.claim("org", "745025986").build()), List.of()))
                .isInstanceOf(JwtAuthorizer.Decision.Allowed.class);
    }
}
