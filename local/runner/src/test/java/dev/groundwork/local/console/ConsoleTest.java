package dev.groundwork.local.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
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

    @Test
    void showsAPlainLineAsItIs() throws Exception {
        assertThat(format("hello from println")).contains("GetItemFunction").endsWith("  hello from println");
    }

    @Test
    void splitsAFunctionsOutputIntoWholeLinesHoweverItIsWritten() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        Consumer<Console.FunctionLine> listener = line -> lines.add(line.function() + ": " + line.text());
        Console.addListener(listener);
        try {
            Console.Demultiplexer stream = new Console.Demultiplexer(new PrintStream(new ByteArrayOutputStream()));
            Thread function = Thread.ofPlatform().start(() -> {
                Console.runAs("CreateItemFunction");
                write(stream, "par");
                write(stream, "tial\nsecond line\r\nthird");
                write(stream, "\n");
                stream.write('x');
                stream.write('\n');
            });
            function.join();
        } finally {
            Console.removeListener(listener);
        }

        assertThat(lines)
                .containsExactly(
                        "CreateItemFunction: partial",
                        "CreateItemFunction: second line",
                        "CreateItemFunction: third",
                        "CreateItemFunction: x");
    }

    private static void write(Console.Demultiplexer stream, String text) {
        byte[] bytes = ("<" + text + ">").getBytes(StandardCharsets.UTF_8);
        stream.write(bytes, 1, bytes.length - 2);
    }
}
