package dev.groundwork.local.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ConsoleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String format(String text) throws Exception {
        return Console.format(
                new Console.FunctionLine("GetItemFunction", text, text.startsWith("{") ? JSON.readTree(text) : null));
    }

    @Test
    void showsAStructuredLogLineAsFunctionLevelTenantAndMessage() throws Exception {
        String line = format("""
        {"level":"WARN","message":"stale version","tenant_id":"acme","function_name":"x","cold_start":false}""");

        assertThat(line)
                .contains("GetItemFunction")
                .contains("WARN")
                .contains("[acme]")
                .endsWith("stale version");
    }

    @Test
    void showsAnEmfLineAsItsMetrics() throws Exception {
        String line = format("""
        {"_aws":{"Timestamp":1,"CloudWatchMetrics":[{"Namespace":"Groundwork","Dimensions":[["service"]],
        "Metrics":[{"Name":"Latency","Unit":"Milliseconds"}]}]},"service":"items","Latency":12.5}""");

        assertThat(line).contains("METRIC Latency=12.5 Milliseconds");
    }

    /** What a client sends (a path) or a function logs cannot make a line, colour one, or reorder what it shows. */
    @Test
    void writesAClientsTextOnOneLineWithoutEscapesOrBidirectionalControls() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AccessLog log = new AccessLog(new Console(new PrintStream(out, true, StandardCharsets.UTF_8)));

        log.request("GET", "/v1/items/x\u2028FAKE\u0085LINE\u202E\u001b[31mred\u2066", 401, 100, null, null);
        log.note("answered GET /v1/items/a\nb\r\u2029c\u200F 401: no token");
        String structured = format("{\"level\":\"INFO\",\"message\":\"a\\nb\\u001b[2J\",\"tenant_id\":\"t\\u202e\"}");

        assertThat(out.toString(StandardCharsets.UTF_8).lines())
                .hasSize(2)
                .satisfiesExactly(
                        line -> assertThat(line).contains("/v1/items/x?FAKE?LINE??[31mred?"),
                        line -> assertThat(line).endsWith("/v1/items/a?b??c? 401: no token"));
        assertThat(structured).contains("[t?]").endsWith("a?b?[2J");
        assertThat(Console.printable("açé 😀 ⼀")).isEqualTo("açé 😀 ⼀");
    }

    @Test
    void showsAPlainLineAsItIs() throws Exception {
        assertThat(format("hello from println")).contains("GetItemFunction").endsWith("  hello from println");
    }

    @Test
    void splitsAFunctionsOutputIntoWholeLinesHoweverItIsWritten() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        Console console = new Console(new PrintStream(new ByteArrayOutputStream()));
        console.addListener(line -> lines.add(line.function() + ": " + line.text()));
        OutputStream stream = console.lineSplitter(new PrintStream(new ByteArrayOutputStream()));

        Thread function = Thread.ofPlatform().start(() -> {
            console.runAs("CreateItemFunction");
            write(stream, "par");
            write(stream, "tial\nsecond line\r\nthird");
            write(stream, "\n");
            writeByte(stream, 'x');
            writeByte(stream, '\n');
        });
        function.join();

        assertThat(lines)
                .containsExactly(
                        "CreateItemFunction: partial",
                        "CreateItemFunction: second line",
                        "CreateItemFunction: third",
                        "CreateItemFunction: x");
    }

    @Test
    void passesTheRunnersOwnLinesThroughAsTheyAre() throws Exception {
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        Console console = new Console(new PrintStream(new ByteArrayOutputStream()));
        List<String> functionLines = new CopyOnWriteArrayList<>();
        console.addListener(line -> functionLines.add(line.text()));
        OutputStream stream = console.lineSplitter(new PrintStream(terminal));

        write(stream, "listening on 3000\n");

        assertThat(terminal.toString(StandardCharsets.UTF_8)).isEqualTo("listening on 3000\n");
        assertThat(functionLines).isEmpty();
    }

    private static void writeByte(OutputStream stream, int b) {
        try {
            stream.write(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(OutputStream stream, String text) {
        byte[] bytes = ("<" + text + ">").getBytes(StandardCharsets.UTF_8);
        try {
            stream.write(bytes, 1, bytes.length - 2);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
