package dev.groundwork.platform.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.groundwork.platform.testing.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Lambda's runtime serializer ({@code aws-lambda-java-serialization}) as the oracle of {@link EventJson}: an event the
 * runtime writes, with one of its values replaced by a value of another shape (a number for text, text for a flag, an
 * array for an object...), is read by both as the runtime reads it, or refused by both.
 */
final class RuntimeSerializerOracle {
    private RuntimeSerializerOracle() {}

    /** Where {@link EventJson} may refuse what the runtime reads: nowhere, but for a type that says why. */
    static final BiPredicate<JsonPointer, JsonNode> NOWHERE = (at, shape) -> false;

    /**
     * The event written by the runtime, its {@code where}-th value (in document order, modulo their number) replaced
     * by {@code shape}, read by {@code json} as the runtime reads it, or refused where the runtime refuses it, or where
     * {@code oursMayRefuse} says.
     */
    static <E> void assertReadOrRefusedAsTheRuntimeDoes(
            EventJson json,
            E event,
            int where,
            String shape,
            Class<E> type,
            PojoSerializer<E> runtime,
            BiPredicate<JsonPointer, JsonNode> oursMayRefuse) {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        runtime.toJson(event, written);
        JsonNode tree = Json.parse(written.toString(StandardCharsets.UTF_8));
        List<JsonPointer> values = new ArrayList<>();
        valuesOf(tree, JsonPointer.empty(), values);
        JsonPointer replaced = values.get(where % values.size());
        JsonNode other = Json.parse(shape);
        if (replaced.matches()) {
            tree = other;
        } else {
            JsonNode parent = tree.at(replaced.head());
            if (parent instanceof ObjectNode object) {
                object.set(replaced.last().getMatchingProperty(), other);
            } else {
                ((ArrayNode) parent).set(replaced.last().getMatchingIndex(), other);
            }
        }
        byte[] wire = tree.toString().getBytes(StandardCharsets.UTF_8);

        E theirs;
        try {
            theirs = runtime.fromJson(new ByteArrayInputStream(wire));
        } catch (RuntimeException refused) {
            assertThat(catchThrowable(() -> json.fromJson(new ByteArrayInputStream(wire), type)))
                    .as("refused by the runtime: %s", tree)
                    .isInstanceOf(UncheckedIOException.class);
            return;
        }
        Throwable ourRefusal = catchThrowable(() -> json.fromJson(new ByteArrayInputStream(wire), type));
        if (ourRefusal != null && oursMayRefuse.test(replaced, other)) {
            assertThat(ourRefusal).as("refused: %s", tree).isInstanceOf(UncheckedIOException.class);
            return;
        }
        assertThat(ourRefusal).as("read by the runtime: %s", tree).isNull();
        E ours = json.fromJson(new ByteArrayInputStream(wire), type);
        assertThat((Object) ours).as("read by the runtime: %s", tree).isEqualTo(theirs);
    }

    /** The answer (or event) written by {@code json} as the runtime writes it, as JSON: members in any order. */
    static <A> void assertWrittenAsTheRuntimeWritesIt(
            EventJson json, A answer, Class<A> type, PojoSerializer<A> runtime) {
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        json.toJson(answer, ours, type);
        ByteArrayOutputStream runtimes = new ByteArrayOutputStream();
        runtime.toJson(answer, runtimes);

        assertThat(Json.parse(ours.toString(StandardCharsets.UTF_8)))
                .isEqualTo(Json.parse(runtimes.toString(StandardCharsets.UTF_8)));
    }

    private static void valuesOf(JsonNode node, JsonPointer at, List<JsonPointer> into) {
        into.add(at);
        if (node.isObject()) {
            node.properties().forEach(member -> valuesOf(member.getValue(), at.appendProperty(member.getKey()), into));
        } else if (node.isArray()) {
            for (int index = 0; index < node.size(); index++) {
                valuesOf(node.get(index), at.appendIndex(index), into);
            }
        }
    }

    /** How many values the runtime writes for the event, itself included: the {@code where}s that differ. */
    static <E> int valueCount(E event, PojoSerializer<E> runtime) {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        runtime.toJson(event, written);
        List<JsonPointer> values = new ArrayList<>();
        valuesOf(Json.parse(written.toString(StandardCharsets.UTF_8)), JsonPointer.empty(), values);
        return values.size();
    }

    /** Values of every shape, and text that a coercion reads as a number, a flag, binary, an index or nothing. */
    static final List<String> SHAPES = List.of(
            "1",
            "-7",
            "0",
            "3",
            "12345678901234567890",
            "1.5",
            "1e3",
            "\"12\"",
            "\" 2 \"",
            "\"02\"",
            "\"1.5\"",
            "\"true\"",
            "\"False\"",
            "\"\"",
            "\" \"",
            "true",
            "false",
            "null",
            "[]",
            "[\"a\"]",
            "[1]",
            "[1, null]",
            "[null]",
            "\"\\u3000\"",
            "\"\\u0001\"",
            "\"\\u0661\"",
            "\"\\t\"",
            "[[1]]",
            "{}",
            "{\"a\":\"b\"}",
            "{\"a\":null}",
            "\"YWJj\"",
            "\"not base64!\"",
            "-0",
            "\"null\"",
            "\"tRuE\"",
            "\"TRUE\"",
            "\" KEYS_ONLY\"",
            "[\"NEW_IMAGE\"]");

    static Arbitrary<String> otherShapes() {
        return Arbitraries.of(SHAPES);
    }
}
