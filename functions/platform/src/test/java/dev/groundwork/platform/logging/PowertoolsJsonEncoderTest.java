package dev.groundwork.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** A log event as CloudWatch Logs gets it: one line of Powertools' Lambda JSON. */
class PowertoolsJsonEncoderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOGGER = new LoggerContext().getLogger("dev.groundwork.items.CreateItem");

    private final PowertoolsJsonEncoder encoder = new PowertoolsJsonEncoder();

    @Test
    void writesPowertoolsLambdaFieldsInTheOrderOfItsLayoutAndTheOtherMdcKeysAfterThem() throws Exception {
        // given: an event inside an invocation, as PowertoolsLogging.withLogging and the handler fill the MDC
        LoggingEvent event = event(Level.INFO, "request handled", null, entry("status", 201));
        event.setMDCPropertyMap(Map.of(
                "function_name", "CreateItemFunction",
                "function_version", "$LATEST",
                "function_arn", "arn:aws:lambda:eu-west-1:123456789012:function:CreateItemFunction",
                "function_memory_size", "512",
                "function_request_id", "8f5ba8b3-0d6e-4a4f-9d9e-6c1e0f1a2b3c",
                "cold_start", "true",
                "service", "items",
                "sampling_rate", "0.0",
                "tenant_id", "acme",
                "request_id", "JkT4rgUvjoEEMbQ="));
        event.setTimeStamp(1_796_601_600_007L);

        // when
        String line = encode(event);

        // then
        assertThat(line).endsWith("}\n").doesNotContain("\n{");
        JsonNode json = JSON.readTree(line);
        assertThat(fieldNames(json))
                .containsExactly(
                        "level",
                        "message",
                        "cold_start",
                        "function_arn",
                        "function_memory_size",
                        "function_name",
                        "function_request_id",
                        "function_version",
                        "service",
                        "timestamp",
                        "request_id",
                        "tenant_id",
                        "status");
        assertThat(json.get("level").asText()).isEqualTo("INFO");
        assertThat(json.get("message").asText()).isEqualTo("request handled");
        assertThat(json.get("cold_start").isBoolean()).isTrue();
        assertThat(json.get("cold_start").asBoolean()).isTrue();
        assertThat(json.get("function_memory_size").isInt()).isTrue();
        assertThat(json.get("function_memory_size").asInt()).isEqualTo(512);
        assertThat(json.get("timestamp").asText()).isEqualTo("2026-12-07T00:00:00.007Z");
        assertThat(json.get("tenant_id").asText()).isEqualTo("acme");
        assertThat(json.get("status").isInt()).isTrue();
        assertThat(json.get("status").asInt()).isEqualTo(201);
    }

    @Test
    void writesTheFunctionFieldsAsNullOutsideAnInvocationAndLeavesTheOptionalOnesOut() throws Exception {
        // given: a line of the init phase, before any invocation
        LoggingEvent event = event(Level.WARN, "starting", null);
        event.setMDCPropertyMap(Map.of());

        // when
        JsonNode json = JSON.readTree(encode(event));

        // then
        assertThat(fieldNames(json))
                .containsExactly(
                        "level",
                        "message",
                        "function_arn",
                        "function_name",
                        "function_request_id",
                        "function_version",
                        "service",
                        "timestamp");
        assertThat(json.get("function_name").isNull()).isTrue();
        assertThat(json.get("level").asText()).isEqualTo("WARN");
    }

    @Test
    void writesASampledRequestsRateTraceAndCorrelationIds() throws Exception {
        // given
        LoggingEvent event = event(Level.DEBUG, "sampled", null);
        event.setMDCPropertyMap(Map.of(
                "sampling_rate", "0.25",
                "xray_trace_id", "1-5759e988-bd862e3fe1be46a994272793",
                "correlation_id", "c-1"));

        // when
        JsonNode json = JSON.readTree(encode(event));

        // then
        assertThat(json.get("sampling_rate").isNumber()).isTrue();
        assertThat(json.get("sampling_rate").asDouble()).isEqualTo(0.25);
        assertThat(json.get("xray_trace_id").asText()).isEqualTo("1-5759e988-bd862e3fe1be46a994272793");
        assertThat(json.get("correlation_id").asText()).isEqualTo("c-1");
    }

    @Test
    void writesAnExceptionAsPowertoolsErrorObjectWithItsWholeStackTrace() throws Exception {
        // given
        IllegalStateException failure = new IllegalStateException("table not found", new RuntimeException("cause"));
        LoggingEvent event = event(Level.ERROR, "request failed", failure);
        event.setMDCPropertyMap(Map.of());

        // when
        JsonNode error = JSON.readTree(encode(event)).get("error");

        // then
        assertThat(fieldNames(error)).containsExactly("message", "name", "stack");
        assertThat(error.get("message").asText()).isEqualTo("table not found");
        assertThat(error.get("name").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.get("stack").asText())
                .startsWith("java.lang.IllegalStateException: table not found")
                .contains("Caused by: java.lang.RuntimeException: cause");
    }

    @Property(tries = 500)
    void writesOneValidJsonLineHoldingTheMessageAndMdcValuesWhateverCharactersTheyHold(
            @ForAll String message, @ForAll String mdcValue) throws Exception {
        // given: any text, control characters, quotes, backslashes, line separators and lone surrogates included
        LoggingEvent event = event(Level.INFO, message, null);
        event.setMDCPropertyMap(Map.of("tenant_id", mdcValue));

        // when
        String line = encode(event);

        // then: one line, valid JSON, the text as UTF-8 carries it (a lone surrogate has no UTF-8 form: '?')
        assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
        assertThat(line.indexOf('\r')).isEqualTo(-1);
        JsonNode json = JSON.readTree(line);
        assertThat(json.get("message").asText()).isEqualTo(asUtf8(message));
        assertThat(json.get("tenant_id").asText()).isEqualTo(asUtf8(mdcValue));
    }

    @Property(tries = 500)
    void writesStructuredArgumentsAsValidJsonWhateverCharactersTheirValuesHold(@ForAll String value) throws Exception {
        // given: a structured argument, which Powertools' own serializer writes
        LoggingEvent event = event(Level.INFO, "message rejected", null, entry("reason", value));
        event.setMDCPropertyMap(Map.of());

        // when
        String line = encode(event);

        // then
        assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
        assertThat(JSON.readTree(line).get("reason").asText()).isEqualTo(asUtf8(value));
    }

    @Test
    void cutsAStringLongerThanLog4jsLayoutDidWithAnEllipsis() throws Exception {
        // given
        String message = "x".repeat(PowertoolsJsonEncoder.MAX_STRING_LENGTH - 1) + "\uD83D\uDE00" + "y".repeat(300_000);
        LoggingEvent event = event(Level.INFO, message, null);
        event.setMDCPropertyMap(Map.of());

        // when
        String line = encode(event);

        // then: the pair that straddles the limit is left out whole
        assertThat(line.length()).isLessThan(17_000);
        assertThat(JSON.readTree(line).get("message").asText())
                .isEqualTo("x".repeat(PowertoolsJsonEncoder.MAX_STRING_LENGTH - 1) + "…");
    }

    @Test
    void leavesOutAFunctionMemorySizeThatIsNoNumberAndWritesANullMessageAsLog4jDid() throws Exception {
        // given
        LoggingEvent event = event(Level.INFO, null, null);
        event.setMDCPropertyMap(Map.of("function_memory_size", "4294967296", "sampling_rate", "often"));

        // when
        JsonNode json = JSON.readTree(encode(event));

        // then
        assertThat(json.has("function_memory_size")).isFalse();
        assertThat(json.has("sampling_rate")).isFalse();
        assertThat(json.get("message").asText()).isEqualTo("null");
    }

    @Test
    void namesANestedExceptionClassByItsCanonicalName() throws Exception {
        // given
        LoggingEvent event = event(Level.ERROR, "failed", new NestedFailure());
        event.setMDCPropertyMap(Map.of());

        // when
        JsonNode error = JSON.readTree(encode(event)).get("error");

        // then
        assertThat(error.get("name").asText())
                .isEqualTo("dev.groundwork.platform.logging.PowertoolsJsonEncoderTest.NestedFailure");
        assertThat(error.get("message").isNull()).isTrue();
    }

    private static final class NestedFailure extends RuntimeException {}

    private String encode(LoggingEvent event) {
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }

    private static LoggingEvent event(Level level, String message, Throwable thrown, Object... arguments) {
        return new LoggingEvent(Logger.class.getName(), LOGGER, level, message, thrown, arguments);
    }

    private static String asUtf8(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    private static List<String> fieldNames(JsonNode json) {
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
