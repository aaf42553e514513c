package dev.groundwork.platform.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.lambda.powertools.logging.argument.StructuredArgument;
import software.amazon.lambda.powertools.logging.internal.JsonSerializer;
import software.amazon.lambda.powertools.logging.internal.PowertoolsLoggedFields;

/**
 * One log event as one line of Powertools' Lambda JSON: the fields, order and types of Powertools'
 * {@code LambdaJsonLayout.json} (its Log4j layout), so that every query and metric filter written for Powertools' logs
 * reads these.
 *
 * <ul>
 *   <li>{@code level}, {@code message}, and {@code error} ({@code message}, {@code name}, {@code stack}) when the event
 *       carries an exception;
 *   <li>Powertools' Lambda fields from the MDC: {@code cold_start} (a boolean) and {@code function_memory_size} (a
 *       number) when set, {@code function_arn}, {@code function_name}, {@code function_request_id},
 *       {@code function_version} and {@code service} always (null outside an invocation), {@code sampling_rate} when
 *       above 0, {@code timestamp} (UTC, milliseconds), {@code xray_trace_id} and {@code correlation_id} when set;
 *   <li>every other MDC key ({@code tenant_id}, {@code request_id}, ...) as a string, in key order;
 *   <li>the event's structured arguments ({@code StructuredArguments.entry(...)}), written by Powertools' own
 *       serializer.
 * </ul>
 *
 * <p>Strings are escaped by Jackson's encoder, every control character included, and cut at
 * {@value #MAX_STRING_LENGTH} characters: a line is one valid JSON object whatever a message, an MDC value or a
 * structured argument holds.
 */
public final class PowertoolsJsonEncoder extends EncoderBase<ILoggingEvent> {
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Set<String> POWERTOOLS_FIELDS = Set.copyOf(PowertoolsLoggedFields.stringValues());
    private static final String COLD_START = PowertoolsLoggedFields.FUNCTION_COLD_START.getName();
    private static final String MEMORY_SIZE = PowertoolsLoggedFields.FUNCTION_MEMORY_SIZE.getName();
    private static final String SAMPLING_RATE = PowertoolsLoggedFields.SAMPLING_RATE.getName();
    private static final String TRACE_ID = PowertoolsLoggedFields.FUNCTION_TRACE_ID.getName();
    private static final String CORRELATION_ID = PowertoolsLoggedFields.CORRELATION_ID.getName();
    // Written whether set or not, as Powertools' layout does (null outside an invocation).
    private static final String FUNCTION_ARN = PowertoolsLoggedFields.FUNCTION_ARN.getName();
    private static final String FUNCTION_NAME = PowertoolsLoggedFields.FUNCTION_NAME.getName();
    private static final String FUNCTION_REQUEST_ID = PowertoolsLoggedFields.FUNCTION_REQUEST_ID.getName();
    private static final String FUNCTION_VERSION = PowertoolsLoggedFields.FUNCTION_VERSION.getName();
    private static final String SERVICE = PowertoolsLoggedFields.SERVICE.getName();

    /** Log4j's JSON template layout's default {@code maxStringLength}. */
    static final int MAX_STRING_LENGTH = 16_384;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final JsonStringEncoder strings = JsonStringEncoder.getInstance();

    @Override
    public byte[] headerBytes() {
        return new byte[0];
    }

    @Override
    public byte[] footerBytes() {
        return new byte[0];
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        Map<String, String> mdc = event.getMDCPropertyMap();
        StringBuilder line = new StringBuilder(512);
        line.append('{');
        field(line, "level", event.getLevel().toString());
        line.append(',');
        field(line, "message", String.valueOf(event.getFormattedMessage()));
        error(line, event.getThrowableProxy());
        String coldStart = mdc.get(COLD_START);
        if (coldStart != null) {
            name(line.append(','), COLD_START).append(Boolean.parseBoolean(coldStart));
        }
        field(line.append(','), FUNCTION_ARN, mdc.get(FUNCTION_ARN));
        memorySize(line, mdc.get(MEMORY_SIZE));
        field(line.append(','), FUNCTION_NAME, mdc.get(FUNCTION_NAME));
        field(line.append(','), FUNCTION_REQUEST_ID, mdc.get(FUNCTION_REQUEST_ID));
        field(line.append(','), FUNCTION_VERSION, mdc.get(FUNCTION_VERSION));
        samplingRate(line, mdc.get(SAMPLING_RATE));
        field(line.append(','), SERVICE, mdc.get(SERVICE));
        field(line.append(','), "timestamp", TIMESTAMP.format(Instant.ofEpochMilli(event.getTimeStamp())));
        optionalField(line, TRACE_ID, mdc.get(TRACE_ID));
        optionalField(line, CORRELATION_ID, mdc.get(CORRELATION_ID));
        for (Map.Entry<String, String> entry : new TreeMap<>(mdc).entrySet()) {
            if (!POWERTOOLS_FIELDS.contains(entry.getKey())) {
                field(line.append(','), entry.getKey(), entry.getValue());
            }
        }
        structuredArguments(line, event.getArgumentArray());
        line.append("}\n");
        return line.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void error(StringBuilder line, IThrowableProxy thrown) {
        if (thrown == null) {
            return;
        }
        name(line.append(','), "error").append('{');
        field(line, "message", thrown.getMessage());
        field(line.append(','), "name", className(thrown));
        field(line.append(','), "stack", stackTrace(thrown));
        line.append('}');
    }

    /** As Powertools' Log4j layout named it: {@code Outer.Inner}, not {@code Outer$Inner}. */
    private static String className(IThrowableProxy thrown) {
        if (thrown instanceof ThrowableProxy proxy) {
            Class<?> type = proxy.getThrowable().getClass();
            return type.getCanonicalName() != null ? type.getCanonicalName() : type.getName();
        }
        return thrown.getClassName();
    }

    /** As {@code Throwable.printStackTrace} writes it, causes and suppressed exceptions included. */
    private static String stackTrace(IThrowableProxy thrown) {
        if (thrown instanceof ThrowableProxy proxy) {
            StringWriter text = new StringWriter();
            proxy.getThrowable().printStackTrace(new PrintWriter(text));
            return text.toString();
        }
        return ThrowableProxyUtil.asString(thrown);
    }

    /**
     * Structured arguments write themselves, with Powertools' own serializer (as both of its layouts do). It escapes
     * only quotes, backslashes and {@code \b \f \n \r \t}, and writes any other control character as it is,
     * which no JSON parser accepts: those are escaped here. A raw control character can only stand inside a string
     * of what it wrote, never in its structure, so escaping it keeps the value and makes the line valid.
     */
    private static void structuredArguments(StringBuilder line, Object[] arguments) {
        if (arguments == null) {
            return;
        }
        StringBuilder written = new StringBuilder();
        try (JsonSerializer serializer = new JsonSerializer(written)) {
            for (Object argument : arguments) {
                if (argument instanceof StructuredArgument structured) {
                    written.append(',');
                    structured.writeTo(serializer);
                }
            }
        } catch (IOException cannotHappen) {
            // it writes into a StringBuilder
            throw new IllegalStateException(cannotHappen);
        }
        for (int i = 0; i < written.length(); i++) {
            char c = written.charAt(i);
            if (c < 0x20) {
                line.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            } else {
                line.append(c);
            }
        }
    }

    /** Written only when set and a number, as Powertools' layout does. */
    private void memorySize(StringBuilder line, String value) {
        if (value == null) {
            return;
        }
        try {
            int megabytes = Integer.parseInt(value);
            name(line.append(','), MEMORY_SIZE).append(megabytes);
        } catch (NumberFormatException notANumber) {
            // left out
        }
    }

    /** Written only when a number above 0, as Powertools' layout does. */
    private void samplingRate(StringBuilder line, String value) {
        if (value == null) {
            return;
        }
        try {
            float rate = Float.parseFloat(value);
            if (rate > 0f) {
                name(line.append(','), SAMPLING_RATE).append(rate);
            }
        } catch (NumberFormatException notANumber) {
            // left out
        }
    }

    private void optionalField(StringBuilder line, String name, String value) {
        if (value != null) {
            field(line.append(','), name, value);
        }
    }

    private void field(StringBuilder line, String name, String value) {
        name(line, name);
        if (value == null) {
            line.append("null");
        } else {
            line.append('"');
            strings.quoteAsString(capped(value), line);
            line.append('"');
        }
    }

    /**
     * At most {@value #MAX_STRING_LENGTH} characters and an ellipsis, as Log4j's JSON layout cut every string: a line
     * must stay within a CloudWatch Logs event (256 KB), or it is cut there and is no longer JSON.
     */
    private static CharSequence capped(String value) {
        if (value.length() <= MAX_STRING_LENGTH) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(MAX_STRING_LENGTH - 1))
                ? MAX_STRING_LENGTH - 1
                : MAX_STRING_LENGTH;
        return value.substring(0, end) + "…";
    }

    private StringBuilder name(StringBuilder line, String name) {
        line.append('"');
        strings.quoteAsString(name, line);
        return line.append("\":");
    }
}
