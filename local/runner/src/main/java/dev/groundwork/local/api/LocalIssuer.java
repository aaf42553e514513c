package dev.groundwork.local.api;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * The runner's own token issuer: an RSA key, kept in {@code .groundwork/local-issuer-key.json} so that a token
 * printed by {@code ./groundwork token} keeps working across restarts, and its public half served as a JWKS. It
 * stands in for the identity provider (Cognito, Auth0 ...) that the deployed API trusts.
 */
public final class LocalIssuer {

    public static final String KEY_FILE = "local-issuer-key.json";

    private final RSAKey key;
    private final String issuer;
    private final Clock clock;

    private LocalIssuer(RSAKey key, String issuer, Clock clock) {
        this.key = key;
        this.issuer = issuer;
        this.clock = clock;
    }

    /** The issuer with the key kept in {@code stateFolder}, made (and saved) when there is none yet. */
    public static LocalIssuer load(Path stateFolder, String issuer, Clock clock) {
        Path file = stateFolder.resolve(KEY_FILE);
        try {
            if (Files.isRegularFile(file)) {
                return new LocalIssuer(RSAKey.parse(Files.readString(file)), issuer, clock);
            }
            RSAKey key = new RSAKeyGenerator(2048)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint(true)
                    .generate();
            Files.createDirectories(stateFolder);
            Path temporary = Files.createTempFile(stateFolder, "key", ".tmp");
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the folder's own permissions apply
            }
            Files.writeString(temporary, key.toJSONString());
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                Files.deleteIfExists(temporary); // another process saved one first: use that one
            }
            return new LocalIssuer(RSAKey.parse(Files.readString(file)), issuer, clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException(
                    "cannot read or make the local issuer's key in " + file + ": " + e.getMessage(), e);
        }
    }

    public String issuer() {
        return issuer;
    }

    /** The public keys, as an identity provider serves them at its {@code jwks_uri}. */
    public JWKSet publicKeys() {
        return new JWKSet(key.toPublicJWK());
    }

    /** What a token needs beyond the issuer's own claims. */
    public record TokenRequest(
            String subject,
            List<String> audience,
            String tenantClaim,
            String tenant,
            List<String> scopes,
            Duration timeToLive) {}

    public String mint(TokenRequest request) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(request.subject())
                .audience(request.audience())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(request.timeToLive())))
                .jwtID(UUID.randomUUID().toString());
        if (request.tenant() != null) {
            claims.claim(request.tenantClaim(), request.tenant());
        }
        if (!request.scopes().isEmpty()) {
            claims.claim("scope", String.join(" ", request.scopes()));
        }
        return sign(claims.build());
    }

    /** Signs any claims with the issuer's key; tests use it to make expired or foreign-audience tokens. */
    public String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .type(JOSEObjectType.JWT)
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
