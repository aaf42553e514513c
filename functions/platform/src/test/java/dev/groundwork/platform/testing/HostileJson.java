package dev.groundwork.platform.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators of JSON text as careless clients and attackers write it: valid values mixed with text that is not
 * Unicode (lone surrogates), noncharacters, control characters, numbers of any size and exponent, nesting around
 * DynamoDB's 32 levels, long keys, duplicate keys, and item documents built from all of these. Generated as text, not
 * as values, because the hostile part is often in the text (an escape, an exponent) that no value type can hold.
 */
public final class HostileJson {
    private HostileJson() {}

    /** A JSON string literal, quotes included. */
    public static Arbitrary<String> string() {
        Arbitrary<String> safe = Arbitraries.oneOf(
                Arbitraries.strings().alpha().numeric().ofMaxLength(12),
                Arbitraries.of(
                        "\\ud83d\\ude00",
                        "\\u0000",
                        "\\u001f",
                        "\\u007f",
                        "\\ufeff",
                        "\\\"",
                        "\\\\",
                        "\\n",
                        "é",
                        "😀",
                        "\u2028",
                        " "),
                Arbitraries.integers().between(60, 300).map("x"::repeat));
        Arbitrary<String> hostile = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(6).map(HostileJson::escapeAll),
                Arbitraries.of(
                        "\\ud800",
                        "\\udbff",
                        "\\udc00",
                        "\\udfff",
                        "\\ud83f\\udffe",
                        "\\uffff",
                        "\\ufffe",
                        "\\ufdd0",
                        "\\ufdef"));
        Arbitrary<String> piece =
                Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(12, safe), net.jqwik.api.Tuple.of(1, hostile));
        return piece.list().ofMaxSize(6).map(pieces -> "\"" + String.join("", pieces) + "\"");
    }

    /** A JSON number literal, from ordinary to far outside DynamoDB's range and precision. */
    public static Arbitrary<String> number() {
        return Arbitraries.oneOf(
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.integers().map(String::valueOf),
                Combinators.combine(Arbitraries.integers().between(-9, 9), Arbitraries.integers())
                        .as((mantissa, exponent) -> mantissa + "e" + exponent),
                Arbitraries.bigDecimals().ofScale(4).map(number -> number.toPlainString()),
                Arbitraries.of(
                        "0",
                        "-0",
                        "-0.0",
                        "0e-2147483649",
                        "1e-2147483649",
                        "-1e2147483648",
                        "1e999",
                        "1E+125",
                        "9.9999999999999999999999999999999999999E+125",
                        "1E+126",
                        "1e-130",
                        "1e-131",
                        "12345678901234567890123456789012345678",
                        "123456789012345678901234567890123456789",
                        "0.00000000000000000000000000000000000000001",
                        "1" + "0".repeat(200)),
                Combinators.combine(
                                Arbitraries.integers().between(-9, 9),
                                Arbitraries.integers().between(-140, 140))
                        .as((mantissa, exponent) -> mantissa + "e" + exponent));
    }

    /** Any JSON value, nested at most {@code depth} levels. */
    public static Arbitrary<String> value(int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(string(), number(), Arbitraries.of("true", "false", "null"));
        if (depth <= 0) {
            return scalar;
        }
        Arbitrary<String> inner = Arbitraries.lazy(() -> value(depth - 1));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, scalar),
                net.jqwik.api.Tuple.of(2, object(inner)),
                net.jqwik.api.Tuple.of(
                        2, inner.list().ofMaxSize(4).map(elements -> "[" + String.join(",", elements) + "]")));
    }

    /**
     * A key of one character repeated to 1,016–1,032 bytes of UTF-8, in characters of one to four bytes: either side
     * of the 1,024 bytes a key may take (docs/security.md, "Keys a process keeps").
     */
    public static Arbitrary<String> keyNearTheLimit() {
        return Combinators.combine(
                        Arbitraries.of("k", "é", "€", "😀"),
                        Arbitraries.integers().between(1_016, 1_032))
                .as((character, bytes) ->
                        "\"" + character.repeat(bytes / character.getBytes(StandardCharsets.UTF_8).length) + "\"");
    }

    /** A JSON object of the given values, sometimes with a repeated key or one near the longest a key may be. */
    public static Arbitrary<String> object(Arbitrary<String> values) {
        Arbitrary<String> keys = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(20, string()), net.jqwik.api.Tuple.of(1, keyNearTheLimit()));
        return Combinators.combine(
                        Combinators.combine(keys, values)
                                .as((key, value) -> key + ":" + value)
                                .list()
                                .ofMaxSize(5),
                        Arbitraries.integers().between(0, 29))
                .as((members, repeat) -> {
                    List<String> all = new java.util.ArrayList<>(members);
                    if (repeat == 0 && !all.isEmpty()) {
                        all.add(all.getFirst()); // a duplicate key
                    }
                    return "{" + String.join(",", all) + "}";
                });
    }

    /** Objects nested around DynamoDB's limit: {@code levels} objects around a scalar. */
    public static Arbitrary<String> deep() {
        return Combinators.combine(Arbitraries.integers().between(29, 36), Arbitraries.of("1", "\"s\"", "{}", "[]"))
                .as((levels, innermost) -> "{\"a\":".repeat(levels) + innermost + "}".repeat(levels));
    }

    /** An item document as a client might send it: mostly well formed, often with something wrong. */
    public static Arbitrary<String> itemDocument() {
        Arbitrary<String> name =
                Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(12, string()), net.jqwik.api.Tuple.of(1, value(1)));
        Arbitrary<String> attributes = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, object(value(3))),
                net.jqwik.api.Tuple.of(2, deep().map(deep -> "{\"d\":" + deep.substring(5))),
                net.jqwik.api.Tuple.of(1, value(2)));
        Arbitrary<String> tags = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(
                        5, string().list().ofMaxSize(21).map(list -> "[" + String.join(",", list) + "]")),
                net.jqwik.api.Tuple.of(1, value(1)));
        Arbitrary<String> extra = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(12, Arbitraries.just("")),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(",\"id\":\"x\"", ",\"colour\":1", ",\"name\":\"again\"")));
        return Combinators.combine(name, attributes.optional(), tags.optional(), extra)
                .as((n, a, t, e) -> "{\"name\":" + n
                        + a.map(value -> ",\"attributes\":" + value).orElse("")
                        + t.map(value -> ",\"tags\":" + value).orElse("") + e + "}");
    }

    private static String escapeAll(String text) {
        StringBuilder escaped = new StringBuilder();
        text.chars().forEach(unit -> escaped.append(String.format("\\u%04x", unit)));
        return escaped.toString();
    }
}
