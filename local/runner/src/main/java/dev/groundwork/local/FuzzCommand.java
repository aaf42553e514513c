package dev.groundwork.local;

import dev.groundwork.local.api.LocalIssuer;
import dev.groundwork.local.fuzz.Fuzzer;
import dev.groundwork.local.template.Template;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * {@code fuzz}: the contract-driven fuzzer ({@link Fuzzer}) against a fresh in-memory application started in this JVM
 * as {@code local} starts it, or against {@code --url} of a running one. One summary line, then the first example of
 * each kind of violation; exit status 1 on any violation.
 */
final class FuzzCommand {

    static final String USAGE =
            "[--requests 2000] [--seed 1] [--tenants 3] [--url http://localhost:3000] [--template template.yaml]";

    private FuzzCommand() {}

    static int run(Arguments arguments) throws Exception {
        int requests = arguments.integer("requests", 2000);
        long seed;
        try {
            seed = Long.parseLong(arguments.value("seed", "1"));
        } catch (NumberFormatException e) {
            throw new Arguments.UsageException("--seed must be a whole number, got " + arguments.value("seed"));
        }
        // Each tenant is a token and a name made up front: a thousand is more than any run tells apart.
        int tenants = arguments.integer("tenants", 3, 1, 1_000);
        if (requests < 1) {
            throw new Arguments.UsageException("--requests must be at least 1");
        }
        Path template = Path.of(arguments.value("template", "template.yaml")).toAbsolutePath();
        Path contract = template.getParent().resolve("api/openapi.yaml");
        Path state = Path.of(".groundwork").toAbsolutePath();
        PrintStream terminal = System.out;
        Fuzzer.Report report;
        if (arguments.has("url")) {
            URI url = arguments.httpUrl("url");
            refuseUnreachable(url);
            LocalIdentity identity = LocalIdentity.of(Template.load(template), url.getPort());
            LocalIssuer issuer = LocalIssuer.load(state, identity.issuer(), Clock.systemUTC());
            report = Fuzzer.run(Fuzzer.Settings.of(url, issuer, identity, contract, requests, seed, tenants), terminal);
        } else {
            // The application's console (a line per request, every function's logs) goes to a file: the terminal gets
            // the report.
            Files.createDirectories(state);
            Path log = state.resolve("fuzz-local.log");
            PrintStream logStream = new PrintStream(new FileOutputStream(log.toFile()), true, StandardCharsets.UTF_8);
            System.setOut(logStream);
            System.setErr(logStream);
            terminal.println("fuzz: starting the application in memory (its console goes to " + log + ")");
            try (LocalApplication application = LocalApplication.start(LocalApplication.Options.forTemplate(template)
                    .stateDirectory(state)
                    .buildingMissingFunctions()
                    // The fuzzer probes what inputs do, at full speed; a throttle would only turn its requests into
                    // 429s.
                    .throttling(false)
                    .build())) {
                report = Fuzzer.run(
                        Fuzzer.Settings.of(
                                application.endpoint(),
                                application.issuer(),
                                application.identity(),
                                contract,
                                requests,
                                seed,
                                tenants),
                        terminal);
            }
        }
        terminal.println(report.summary());
        if (!report.clean()) {
            terminal.print(report.examples());
        }
        terminal.flush();
        return report.clean() ? 0 : 1;
    }

    /** A URL nothing answers on is a mistake to say at once, not 30 s of requests that time out, each a violation. */
    private static void refuseUnreachable(URI url) {
        try (java.net.Socket probe = new java.net.Socket()) {
            probe.connect(new java.net.InetSocketAddress(url.getHost(), url.getPort()), 2_000);
        } catch (java.io.IOException unreachable) {
            throw new Arguments.UsageException("cannot connect to " + url + " (" + unreachable.getMessage()
                    + "); start the API with ./groundwork local, or leave out --url to fuzz one started for the run");
        }
    }
}
