package dev.groundwork.platform.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

/** Trees read and written without a mapper are the trees and the text a mapper reads and writes. */
class PlainJsonTest {
    /** What the queue messages were read with until 2026-12-07: decimals exact, as written. */
    private static final ObjectMapper DATABIND = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private static final JsonFactory JSON = new JsonFactory();

    @Property(tries = 500)
    void aTreeIsReadAsAMapperReadsIt(@ForAll("texts") String text) throws Exception {
        assertThat(PlainJson.readTree(JSON, text)).isEqualTo(DATABIND.readTree(text));
    }

    @Property(tries = 500)
    void aTreeIsWrittenAsAMapperWritesIt(@ForAll("texts") String text) throws Exception {
        JsonNode tree = DATABIND.readTree(text);

        assertThat(PlainJson.write(JSON, tree)).isEqualTo(DATABIND.writeValueAsString(tree));
    }

    @Property(tries = 300)
    void aPlainValueIsWrittenAsAMapperWritesIt(@ForAll("values") Object value) throws Exception {
        assertThat(PlainJson.write(JSON, value)).isEqualTo(DATABIND.writeValueAsString(value));
    }

    @Test
    void aTreesTokensReadBackItsText() throws Exception {
        JsonNode tree =
                DATABIND.readTree("{\"n\":1.50,\"big\":123456789012345678901234567890,\"a\":[true,null,\"x\"]}");

        try (JsonParser tokens = PlainJson.tokens(tree)) {
            assertThat(PlainJson.readTree(tokens)).isEqualTo(tree);
        }
        assertThat(PlainJson.write(JSON, tree))
                .isEqualTo("{\"n\":1.50,\"big\":123456789012345678901234567890,\"a\":[true,null,\"x\"]}");
    }

    @Test
    void aNumberBeyondWhatADecimalHoldsIsMalformedText() throws Exception {
        for (String text : new String[] {"{\"n\":1e9999999999}", "[1E-2147483649]"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> PlainJson.readTree(JSON, text))
                    .as(text)
                    .isInstanceOf(com.fasterxml.jackson.core.JsonParseException.class);
        }
    }

    @Test
    void anEmptyTextIsNoTree() throws Exception {
        assertThat(PlainJson.readTree(JSON, "")).isNull();
    }

    @Provide
    Arbitrary<String> texts() {
        return value(3).map(value -> {
            try {
                return DATABIND.writeValueAsString(value);
            } catch (Exception bug) {
                throw new IllegalStateException(bug);
            }
        });
    }

    @Provide
    Arbitrary<Object> values() {
        return value(3);
    }

    private static Arbitrary<Object> value(int depth) {
        Arbitrary<Object> scalar = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(8).map(Object.class::cast),
                Arbitraries.of(Boolean.TRUE, Boolean.FALSE).map(Object.class::cast),
                Arbitraries.just(null),
                Arbitraries.integers().map(Object.class::cast),
                Arbitraries.longs().map(Object.class::cast),
                Arbitraries.bigIntegers()
                        .between(new BigInteger("-" + "9".repeat(40)), new BigInteger("9".repeat(40)))
                        .flatMap(unscaled ->
                                Arbitraries.integers().between(-20, 20).map(scale -> new BigDecimal(unscaled, scale)))
                        .map(Object.class::cast));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<Object> inner = Arbitraries.lazy(() -> value(depth - 1));
        return Arbitraries.frequencyOf(
                Tuple.of(4, scalar),
                Tuple.of(1, inner.list().ofMaxSize(4).map(Object.class::cast)),
                Tuple.of(
                        1,
                        Arbitraries.maps(Arbitraries.strings().ofMaxLength(6), inner)
                                .ofMaxSize(4)
                                .map(members -> (Object) new LinkedHashMap<>(members))));
    }
}
