package dev.groundwork.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value} options (repeatable only where a command reads them with {@link #values}), {@code --flag}
 * switches, and positional words. An option a command reads with {@link #value} is given once, with its value.
 *
 * @param bare the options given without a value: switches, or a value forgotten
 */
record Arguments(Map<String, List<String>> options, List<String> positional, Set<String> bare) {

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    static Arguments parse(List<String> args) {
        Map<String, List<String>> options = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        Set<String> bare = new HashSet<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--")) {
                String name = arg.substring(2);
                String value = "true";
                int equals = name.indexOf('=');
                if (equals >= 0) {
                    value = name.substring(equals + 1);
                    name = name.substring(0, equals);
                } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                    value = args.get(++i);
                } else {
                    bare.add(name);
                }
                options.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
            } else if (arg.startsWith("-") && arg.length() > 1) {
                // -p, -e: another tool's short options, which would otherwise be taken for a word and ignored
                throw new UsageException(
                        "unknown option " + arg + "; options are written with two dashes, like --port");
            } else {
                positional.add(arg);
            }
        }
        return new Arguments(options, positional, bare);
    }

    /**
     * Refuses an option the command does not take, and words beyond those it takes: a mistyped {@code --prot 8080}
     * or {@code --datadir} would otherwise run the command with its defaults (another port, nothing kept), saying
     * nothing.
     */
    Arguments takingOnly(String command, Set<String> known, int words) {
        for (String name : options.keySet()) {
            if (!known.contains(name)) {
                throw new UsageException("unknown option --" + name + "; " + command + " takes "
                        + known.stream().sorted().map(option -> "--" + option).toList()
                        + " (./groundwork " + command + " --help)");
            }
        }
        if (positional.size() > words) {
            throw new UsageException("unexpected " + positional.subList(words, positional.size()) + "; " + command
                    + " takes " + (words == 0 ? "no words" : "at most " + words) + " besides its options"
                    + " (./groundwork " + command + " --help)");
        }
        return this;
    }

    boolean has(String name) {
        return options.containsKey(name);
    }

    /** The option's value, given once; {@code null} when it is not given. */
    String value(String name) {
        List<String> values = values(name);
        if (values.size() > 1) {
            throw new UsageException("--" + name + " is given " + values.size() + " times; give it once");
        }
        return values.isEmpty() ? null : values.getFirst();
    }

    String value(String name, String fallback) {
        String value = value(name);
        return value == null ? fallback : value;
    }

    /** Every value of a repeatable option, in order. */
    List<String> values(String name) {
        if (bare.contains(name)) {
            throw new UsageException("--" + name + " needs a value");
        }
        return options.getOrDefault(name, List.of());
    }

    int integer(String name, int fallback) {
        String value = value(name);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a number, got " + value);
        }
    }

    /** A folder, absolute: one that exists, or one that can be made (nothing else stands at its path). */
    Path directory(String name) {
        Path folder = Path.of(value(name)).toAbsolutePath();
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new UsageException("--" + name + " " + folder + " is a file; name a directory");
        }
        return folder;
    }

    /** A whole number from {@code min} to {@code max}, both included. */
    int integer(String name, int fallback, int min, int max) {
        int value = integer(name, fallback);
        if (value < min || value > max) {
            throw new UsageException("--" + name + " must be from " + min + " to " + max + ", got " + value);
        }
        return value;
    }

    /** A TCP port, 1 to 65535. */
    int port(String name, int fallback) {
        int port = integer(name, fallback);
        if (port < 1 || port > 65_535) {
            throw new UsageException("--" + name + " must be a port from 1 to 65535, got " + port);
        }
        return port;
    }

    /** An http or https URL with a host and a port ({@code http://localhost:3000}): the local API's address. */
    java.net.URI httpUrl(String name) {
        String value = value(name);
        java.net.URI url;
        try {
            url = new java.net.URI(value);
        } catch (java.net.URISyntaxException | NullPointerException e) {
            throw new UsageException("--" + name + " must be a URL like http://localhost:3000, got " + value);
        }
        if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
                || url.getHost() == null
                || url.getPort() < 1) {
            throw new UsageException("--" + name + " must be a URL like http://localhost:3000 (http or https, a host"
                    + " and a port), got " + value);
        }
        return url;
    }

    /** {@code 90s}, {@code 15m}, {@code 1h}, {@code 7d}, or ISO-8601 ({@code PT1H}). */
    Duration duration(String name, Duration fallback) {
        String value = value(name);
        if (value == null) {
            return fallback;
        }
        try {
            if (value.startsWith("P") || value.startsWith("p")) {
                return Duration.parse(value);
            }
            long amount = Long.parseLong(value.substring(0, value.length() - 1));
            return switch (value.charAt(value.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> throw new NumberFormatException(value);
            };
        } catch (RuntimeException e) {
            throw new UsageException("--" + name + " must be a duration like 30m, 1h or 7d, got " + value);
        }
    }
}
