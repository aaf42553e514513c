package dev.groundwork.local;

import dev.groundwork.kernel.TenantId;
import dev.groundwork.local.api.LocalIssuer;
import dev.groundwork.local.console.Console;
import dev.groundwork.local.template.Template;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * {@code token}: prints a JWT signed by the local issuer's key, for the issuer, audience and claim the API checks, with
 * every scope the template's routes require, or only the {@code --scope}s given (to try a read-only token, say).
 */
final class TokenCommand {

    /** Ten years: far past any local session, and far inside the instants a token's expiry can name. */
    private static final Duration LONGEST = Duration.ofDays(3650);

    private TokenCommand() {}

    static int run(Arguments arguments) throws Exception {
        String tenant = arguments.value("tenant");
        if (tenant == null) {
            throw new Arguments.UsageException("--tenant ID is required, e.g. --tenant acme");
        }
        if (TenantId.parse(tenant).isEmpty()) {
            // The API answers such a token 403 on every route: no use printing it.
            throw new Arguments.UsageException("--tenant must be 1 to 64 of A-Z a-z 0-9 . _ -, starting with a letter"
                    + " or digit, as the API reads a tenant claim; got '" + Console.printable(tenant) + "'");
        }
        Template template = Template.load(Path.of(arguments.value("template", "template.yaml")));
        LocalIdentity identity = LocalIdentity.of(template, arguments.port("port", 3000));
        LocalIssuer issuer =
                LocalIssuer.load(Path.of(".groundwork").toAbsolutePath(), identity.issuer(), Clock.systemUTC());
        String subject = arguments.value("sub", tenant + "-user");
        Duration timeToLive = arguments.duration("ttl", Duration.ofHours(1));
        if (timeToLive.isNegative() || timeToLive.isZero() || timeToLive.compareTo(LONGEST) > 0) {
            throw new Arguments.UsageException(
                    "--ttl must be positive and at most 3650d, like 30m, 1h or 7d, got " + arguments.value("ttl"));
        }
        String token = issuer.mint(
                arguments.has("scope")
                        ? identity.tokenRequest(tenant, subject, arguments.values("scope"), timeToLive)
                        : identity.tokenRequest(tenant, subject, timeToLive));
        System.out.println(token);
        return 0;
    }
}
