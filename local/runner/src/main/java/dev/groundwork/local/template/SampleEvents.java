package dev.groundwork.local.template;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Where a function's sample events live in {@code events/} (house style rule 11): {@code http/<module>} for a route,
 * {@code sqs/<queue, kebab-case, without "Queue">} for a queue, {@code dynamodb/<table>-stream} for a stream.
 */
public final class SampleEvents {
    private SampleEvents() {}

    /** The folder of the function's first event source, relative to {@code events/}. */
    public static String folder(FunctionSpec function) {
        if (!function.routes().isEmpty()) {
            return "http/" + function.codeUri().getFileName();
        }
        if (!function.sqsSources().isEmpty()) {
            String queue = function.sqsSources().getFirst().queueName();
            return "sqs/" + kebab(queue.substring(queue.indexOf('-') + 1).replaceFirst("Queue$", ""));
        }
        return "dynamodb/"
                + kebab(function.streamSources().getFirst().tableLogicalId().replaceFirst("Table$", "")) + "-stream";
    }

    /** The function's sample events in {@code events}, sorted by file name; empty when it has none. */
    public static List<Path> of(Path events, FunctionSpec function) throws IOException {
        Path folder = events.resolve(folder(function));
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.toString().endsWith(".json"))
                    .sorted()
                    .toList();
        }
    }

    private static String kebab(String pascal) {
        return pascal.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
