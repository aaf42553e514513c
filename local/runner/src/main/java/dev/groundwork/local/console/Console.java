package dev.groundwork.local.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.groundwork.local.LocalJson;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The runner's console. Functions write to System.out as they do in Lambda (Powertools' JSON lines, EMF metrics,
 * println); the console knows which function a thread belongs to and shows each line readably, one line each:
 * time, function, level, tenant, message. The runner's own lines (routes, access log, reloads) go through it too.
 */
public final class Console {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final ObjectMapper JSON = LocalJson.mapper();

    /**
     * The console of this process's standard streams. A process has one System.out, so it has one console on it:
     * every application started in this JVM (several, in a test run) writes through the same one.
     */
    private static Console standardStreams;

    /** Which function the current thread (and the threads it starts) runs for. */
    private final InheritableThreadLocal<String> function = new InheritableThreadLocal<>();

    private final ThreadLocal<ByteArrayOutputStream> pending = ThreadLocal.withInitial(ByteArrayOutputStream::new);
    private final PrintStream out;
    private final List<Consumer<FunctionLine>> listeners = new CopyOnWriteArrayList<>();

    /** One line a function wrote, parsed when it was JSON ({@code json} is null otherwise). */
    public record FunctionLine(String function, String text, JsonNode json) {}

    /** A console writing to {@code out}; functions' lines reach it through {@link #lineSplitter}. */
    public Console(PrintStream out) {
        this.out = out;
    }

    /** The console that System.out and System.err are routed through, routed on the first call. */
    public static synchronized Console ofStandardStreams() {
        if (standardStreams == null) {
            Console console = new Console(System.out);
            PrintStream err = System.err;
            System.setOut(new PrintStream(console.lineSplitter(System.out), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(console.lineSplitter(err), true, StandardCharsets.UTF_8));
            standardStreams = console;
        }
        return standardStreams;
    }

    /** Marks the current thread, and the threads it starts, as running {@code function}. */
    public void runAs(String function) {
        this.function.set(function);
    }

    public void addListener(Consumer<FunctionLine> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<FunctionLine> listener) {
        listeners.remove(listener);
    }

    /** A line of the runner's own. */
    public void info(String message) {
        synchronized (out) {
            out.println(message);
        }
    }

    /** A stream onto {@code target} that shows a function thread's output as whole, formatted lines. */
    OutputStream lineSplitter(PrintStream target) {
        return new Demultiplexer(target);
    }

    private void functionLine(String function, String text) {
        JsonNode json = null;
        String trimmed = text.strip();
        if (trimmed.startsWith("{") && trimmed.endsWith("}")) {
            try {
                json = JSON.readTree(trimmed);
            } catch (Exception notJson) {
                json = null;
            }
        }
        FunctionLine line = new FunctionLine(function, text, json);
        listeners.forEach(listener -> listener.accept(line));
        info(format(line));
    }

    static String format(FunctionLine line) {
        String time = timeOfDay();
        JsonNode json = line.json();
        if (json == null || !json.isObject()) {
            return time + "  " + pad(line.function(), 20) + "  " + printable(line.text());
        }
        if (json.has("_aws")) {
            return time + "  " + pad(line.function(), 20) + "  METRIC " + metrics(json);
        }
        String level = text(json, "level", "log_level", "severity");
        String tenant = text(json, "tenant_id", "tenantId", "tenant");
        String message = text(json, "message", "msg");
        StringBuilder formatted = new StringBuilder(time)
                .append("  ")
                .append(pad(line.function(), 20))
                .append("  ")
                .append(pad(level == null ? "INFO" : level, 5));
        if (tenant != null) {
            formatted.append("  [").append(printable(tenant)).append(']');
        }
        formatted.append("  ").append(printable(message == null ? json.toString() : message));
        JsonNode error = json.get("error");
        if (error != null && error.isObject()) {
            formatted
                    .append("  (")
                    .append(printable(String.valueOf(text(error, "name", "type"))))
                    .append(": ")
                    .append(printable(String.valueOf(text(error, "message"))))
                    .append(')');
        }
        return formatted.toString();
    }

    private static String metrics(JsonNode json) {
        StringBuilder metrics = new StringBuilder();
        for (JsonNode directive : json.path("_aws").path("CloudWatchMetrics")) {
            for (JsonNode metric : directive.path("Metrics")) {
                String name = metric.path("Name").asText();
                if (metrics.length() > 0) {
                    metrics.append(", ");
                }
                metrics.append(name).append('=').append(json.path(name).toString());
                if (metric.has("Unit")) {
                    metrics.append(' ').append(metric.path("Unit").asText());
                }
            }
        }
        return metrics.toString();
    }

    private static String text(JsonNode json, String... names) {
        for (String name : names) {
            JsonNode value = json.get(name);
            if (value != null && !value.isNull()) {
                return value.isValueNode() ? value.asText() : value.toString();
            }
        }
        return null;
    }

    /** The time of day every console line starts with. */
    static String timeOfDay() {
        return LocalTime.now().format(TIME);
    }

    /**
     * Text from a request or a function (a path, a tenant, a log message), made safe for one console line: every
     * control character (a line break or a terminal escape), line and paragraph separator and bidirectional control
     * (which reorders what a terminal shows) becomes {@code ?}, so no client can write a line, colour or reorder one.
     */
    public static String printable(String text) {
        StringBuilder line = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (unsafe(c)) {
                if (line == null) {
                    line = new StringBuilder(text.length()).append(text, 0, i);
                }
                line.append('?');
            } else if (line != null) {
                line.append(c);
            }
        }
        return line == null ? text : line.toString();
    }

    private static boolean unsafe(char c) {
        return Character.isISOControl(c)
                || c == '\u2028'
                || c == '\u2029'
                || c == '\u061C'
                || c == '\u200E'
                || c == '\u200F'
                || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069');
    }

    public static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    /** Splits a stream into lines per thread; a function's lines are formatted, the runner's pass through. */
    private final class Demultiplexer extends OutputStream {
        private final PrintStream target;

        Demultiplexer(PrintStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            String function = Console.this.function.get();
            if (function == null) {
                synchronized (out) {
                    target.write(bytes, offset, length);
                }
                return;
            }
            ByteArrayOutputStream pending = Console.this.pending.get();
            int lineStart = offset;
            for (int i = offset; i < offset + length; i++) {
                if (bytes[i] == '\n') {
                    pending.write(bytes, lineStart, i - lineStart);
                    lineStart = i + 1;
                    String text = pending.toString(StandardCharsets.UTF_8);
                    pending.reset();
                    if (text.endsWith("\r")) {
                        text = text.substring(0, text.length() - 1);
                    }
                    functionLine(function, text);
                }
            }
            pending.write(bytes, lineStart, offset + length - lineStart);
        }

        @Override
        public void flush() {
            synchronized (out) {
                target.flush();
            }
        }
    }
}
