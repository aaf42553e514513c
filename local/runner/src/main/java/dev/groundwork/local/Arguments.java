package dev.groundwork.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} options (repeatable), {@code --flag} switches, and positional words. */
record Arguments(Map<String, List<String>> options, List<String> positional) {

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    static Arguments parse(List<String> args) {
        Map<String, List<String>> options = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
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
                }
                options.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
            } else {
                positional.add(arg);
            }
        }
        return new Arguments(options, positional);
    }

    /**
     * Refuses an option the command does not take: a mistyped {@code --prot 8080} or {@code --datadir} would otherwise
     * run the command with its defaults (another port, nothing kept), saying nothing.
     */
    Arguments takingOnly(String command, java.util.Set<String> known) {
        for (String name : options.keySet()) {
            if (!known.contains(name)) {
                throw new UsageException("unknown option --" + name + "; " + command + " takes "
                        + known.stream().sorted().map(option -> "--" + option).toList()
                        + " (./groundwork " + command + " --help)");
            }
        }
        return this;
    }

    boolean has(String name) {
        return options.containsKey(name);
    }

    String value(String name) {
        List<String> values = options.get(name);
        return values == null ? null : values.get(values.size() - 1);
    }

    String value(String name, String fallback) {
        String value = value(name);
        return value == null ? fallback : value;
    }

    List<String> values(String name) {
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
