package dev.groundwork.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The API's answers are written with Jackson's stream, byte for byte as databind wrote them before. */
class ApiJsonTest {
    /** What ApiJson wrote with until 2026-12-07: databind, BigDecimals plain. */
    private static final ObjectMapper DATABIND = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    @Property(tries = 500)
    void anAnswerIsWrittenAsDatabindWroteIt(@ForAll("plainValues") Object value) throws Exception {
        assertThat(ApiJson.write(value)).isEqualTo(DATABIND.writeValueAsString(value));
    }

    @Property(tries = 300)
    void anObjectWrittenReadsBackAsTheSameValues(@ForAll("objects") Map<String, Object> object) {
        Object read = ApiJson.readObject(ApiJson.write(object).getBytes(StandardCharsets.UTF_8));

        assertThat(read).isEqualTo(object);
    }

    @Test
    void aProblemBodyKeepsItsMembersInOrderAndEscapesControlCharacters() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://groundwork.dev/problems/validation");
        body.put("status", 422);
        body.put("detail", "line\nbreak \u0000 \"quoted\" \u2028");
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("field", "name");
        error.put("message", "must not be blank");
        body.put("errors", List.of(error));
        body.put("errorsTruncated", true);

        assertThat(ApiJson.write(body))
                .isEqualTo("{\"type\":\"https://groundwork.dev/problems/validation\",\"status\":422,"
                        + "\"detail\":\"line\\nbreak \\u0000 \\\"quoted\\\" \u2028\","
                        + "\"errors\":[{\"field\":\"name\",\"message\":\"must not be blank\"}],"
                        + "\"errorsTruncated\":true}");
    }

    @Test
    void aNumberIsWrittenPlainAsDynamoDbReturnsIt() {
        assertThat(ApiJson.write(Map.of("n", new BigDecimal("1E+3")))).isEqualTo("{\"n\":1000}");
        assertThat(ApiJson.write(List.of(new BigDecimal("-1.5E-7"), 9_007_199_254_740_993L)))
                .isEqualTo("[-0.00000015,9007199254740993]");
    }

    @Test
    void aValueThatIsNotPlainJsonIsABugNotAnAnswer() {
        assertThatThrownBy(() -> ApiJson.write(Map.of("at", Instant.EPOCH)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.time.Instant");
        Map<Object, Object> numberKeyed = new HashMap<>();
        numberKeyed.put(1, "one");
        assertThatThrownBy(() -> ApiJson.write(numberKeyed)).isInstanceOf(IllegalArgumentException.class);
    }

    @Provide
    Arbitrary<Object> plainValues() {
        return value(3);
    }

    @Provide
    Arbitrary<Map<String, Object>> objects() {
        return object(value(2), true).filter(ApiJsonTest::readsBackUnchanged);
    }

    private static Arbitrary<Object> value(int depth) {
        Arbitrary<Object> scalar = Arbitraries.oneOf(
                text().map(Object.class::cast),
                Arbitraries.of(Boolean.TRUE, Boolean.FALSE).map(Object.class::cast),
                Arbitraries.just(null),
                numbers().map(Object.class::cast));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<Object> inner = Arbitraries.lazy(() -> value(depth - 1));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, scalar),
                net.jqwik.api.Tuple.of(1, inner.list().ofMaxSize(4).map(Object.class::cast)),
                net.jqwik.api.Tuple.of(1, object(inner, false).map(Object.class::cast)));
    }

    /** Objects as the representations build them: insertion order, or key order (an item's attributes). */
    private static Arbitrary<Map<String, Object>> object(Arbitrary<Object> values, boolean readable) {
        Arbitrary<Map<String, Object>> members = Arbitraries.maps(text(), readable ? readableValues(values) : values)
                .ofMaxSize(4);
        return Arbitraries.oneOf(members.map(LinkedHashMap::new), members.map(TreeMap::new));
    }

    /** What reading gives back as it was written: BigDecimals already in DynamoDB's form, no Integer or Long. */
    private static Arbitrary<Object> readableValues(Arbitrary<Object> values) {
        return values.filter(ApiJsonTest::readsBackUnchanged);
    }

    private static boolean readsBackUnchanged(Object value) {
        return switch (value) {
            case Integer number -> false;
            case Long number -> false;
            case BigDecimal number -> number.equals(ApiJson.number(number.toPlainString()));
            case String text -> wellFormed(text);
            case Map<?, ?> object ->
                object.keySet().stream().allMatch(ApiJsonTest::readsBackUnchanged)
                        && object.values().stream().allMatch(ApiJsonTest::readsBackUnchanged);
            case List<?> array -> array.stream().allMatch(ApiJsonTest::readsBackUnchanged);
            case null, default -> true;
        };
    }

    /** No lone surrogate: a body is UTF-8, which has none. */
    private static boolean wellFormed(String text) {
        return text.equals(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }

    private static Arbitrary<String> text() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12),
                Arbitraries.strings().all().ofMaxLength(6),
                Arbitraries.of("", "\u0000", "\u001f", "\u007f", "\u2028", "\uD83D\uDE00", "\uD800", "</script>"));
    }

    private static Arbitrary<Object> numbers() {
        return Arbitraries.oneOf(
                Arbitraries.integers().map(Object.class::cast),
                Arbitraries.longs().map(Object.class::cast),
                Arbitraries.bigIntegers()
                        .between(
                                new java.math.BigInteger("-" + "9".repeat(38)),
                                new java.math.BigInteger("9".repeat(38)))
                        .flatMap(unscaled ->
                                Arbitraries.integers().between(-130, 130).map(scale -> new BigDecimal(unscaled, scale)))
                        .map(Object.class::cast),
                Arbitraries.of(Arrays.asList(BigDecimal.ZERO, new BigDecimal("-0.0"), new BigDecimal("1E+125")))
                        .map(Object.class::cast));
    }
}
