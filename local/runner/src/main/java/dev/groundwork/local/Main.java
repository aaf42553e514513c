package dev.groundwork.local;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code java -jar groundwork-local.jar <command> ...}: the Java side of {@code ./groundwork local|token|invoke|bench|fuzz}. */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage(System.err);
            System.exit(2);
        }
        int status;
        try {
            Arguments arguments = Arguments.parse(List.of(args).subList(1, args.length));
            status = switch (args[0]) {
                case "local" ->
                    arguments
                                            .takingOnly(
                                                    "local",
                                                    Set.of("port", "data-dir", "debug", "template", "no-throttling"),
                                                    0)
                                            .has("debug")
                                    && !debuggerAttached()
                            ? reexecWithDebugger(args, arguments)
                            : LocalCommand.run(arguments);
                case "token" ->
                    TokenCommand.run(arguments.takingOnly(
                            "token", Set.of("tenant", "sub", "scope", "ttl", "port", "template"), 0));
                case "invoke" ->
                    InvokeCommand.run(arguments.takingOnly(
                            "invoke", Set.of("event", "data-dir", "template", "runtime", "snapstart"), 1));
                case "bench" ->
                    BenchCommand.run(arguments.takingOnly(
                            "bench",
                            Set.of(
                                    "clients",
                                    "warmup",
                                    "max-warmup",
                                    "seconds",
                                    "template",
                                    "runs",
                                    "snapstart",
                                    "functions",
                                    "jvm-option",
                                    "class-logs",
                                    "logs"),
                            1));
                case "fuzz" ->
                    FuzzCommand.run(
                            arguments.takingOnly("fuzz", Set.of("requests", "seed", "tenants", "template", "url"), 0));
                case "help", "--help", "-h" -> {
                    usage(System.out);
                    yield 0;
                }
                default -> {
                    System.err.println("groundwork: unknown command " + args[0]);
                    usage(System.err);
                    yield 2;
                }
            };
        } catch (Arguments.UsageException e) {
            System.err.println("groundwork " + args[0] + ": " + e.getMessage());
            status = 2;
        } catch (java.nio.file.NoSuchFileException e) {
            boolean template = e.getFile() != null && e.getFile().matches(".*\\.ya?ml");
            System.err.println("groundwork " + args[0] + ": no such file: " + e.getFile()
                    + (template ? " (run it at the repository root, or name the template with --template)" : ""));
            status = 1;
        } catch (java.net.BindException e) {
            System.err.println("groundwork " + args[0] + ": " + e.getMessage()
                    + " (is another ./groundwork local running?); stop it, or choose another port with --port");
            status = 1;
        } catch (dev.groundwork.dynamodb.DataDirectoryInUseException e) {
            System.err.println("groundwork " + args[0] + ": " + e.getMessage()
                    + " (is another ./groundwork local or invoke using it?); stop it, or choose another --data-dir");
            status = 1;
        } catch (dev.groundwork.local.template.TemplateException e) {
            System.err.println("groundwork " + args[0] + ": template: " + e.getMessage());
            status = 1;
        } catch (RuntimeException | java.io.IOException e) {
            // A file named by an option that cannot be read as one (a directory, a file where a folder goes): said,
            // not a stack trace. Anything else is a bug, and is thrown on.
            java.io.IOException unreadable = unreadableFile(e);
            if (unreadable == null) {
                throw e;
            }
            System.err.println("groundwork " + args[0] + ": " + describe(unreadable));
            status = 1;
        }
        if (status >= 0) {
            System.exit(status);
        }
    }

    /** The I/O failure behind {@code failure} (itself, or a cause: a YAML reader wraps one), or null. */
    private static java.io.IOException unreadableFile(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.io.IOException io) {
                return io;
            }
        }
        return null;
    }

    private static String describe(java.io.IOException unreadable) {
        if (unreadable instanceof java.nio.file.FileSystemException named && named.getFile() != null) {
            String reason = named.getReason() == null
                    ? named.getClass().getSimpleName().replace("Exception", "")
                    : named.getReason();
            return named.getFile() + ": " + reason;
        }
        return String.valueOf(unreadable.getMessage());
    }

    private static void usage(PrintStream out) {
        out.println("""
        Usage: groundwork-local.jar <command> [options]
          local  [--port 3000] [--data-dir DIR] [--debug PORT] [--template template.yaml] [--no-throttling]
                 (each route throttled as template.yaml's stage says, 429 beyond it; --no-throttling: never)
          token  --tenant ID [--sub S] [--scope S]... [--ttl 1h] [--port 3000] [--template template.yaml]
                 (every scope the routes require, or only the --scope given)
          invoke <FunctionLogicalId> [--event events/....json] [--data-dir DIR]""");
        out.println("  bench  " + BenchCommand.USAGE);
        out.println("  fuzz   " + FuzzCommand.USAGE);
    }

    private static boolean debuggerAttached() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream().anyMatch(arg -> arg.contains("jdwp"));
    }

    /**
     * {@code --debug PORT}: the runner starts itself again in a JVM with the JDWP agent listening on PORT, so the
     * debugger attaches to the one JVM that runs every function and stays attached across requests and reloads.
     * Ctrl-C reaches both processes (same process group); this one also stops the child and waits for it.
     */
    private static int reexecWithDebugger(String[] args, Arguments arguments) throws Exception {
        String port = Integer.toString(arguments.port("debug", 5005));
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // Loopback only, as every other port the runner opens: a debug port takes code from whoever reaches it.
        command.add("-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:" + port);
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).inheritIO().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            child.destroy(); // SIGTERM: its own shutdown hook stops the application cleanly
            try {
                if (!child.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
            } catch (InterruptedException e) {
                child.destroyForcibly();
            }
        }));
        // This JVM only waits for the one it started: its console is the terminal as it is.
        System.out.println("groundwork: debugger port " + port + " (JDWP); attach your IDE to localhost:" + port);
        return child.waitFor();
    }
}
