package dev.groundwork.dynamodb.model;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One DynamoDB value. Immutable; equality follows DynamoDB: numbers compare numerically ({@code 1.0 == 1}) because
 * they are kept in canonical form, sets are unordered, maps compare by their entries.
 */
public sealed interface AttributeValue
        permits AttributeValue.S,
                AttributeValue.N,
                AttributeValue.B,
                AttributeValue.Bool,
                AttributeValue.Null,
                AttributeValue.L,
                AttributeValue.M,
                AttributeValue.SS,
                AttributeValue.NS,
                AttributeValue.BS {

    /** The type's name on the wire: S, N, B, BOOL, NULL, L, M, SS, NS or BS. */
    String typeName();

    static S s(String value) {
        return new S(value);
    }

    static N n(String value) {
        return new N(Numbers.parse(value));
    }

    static N n(long value) {
        return new N(BigDecimal.valueOf(value));
    }

    static B b(byte[] value) {
        return new B(Bytes.of(value));
    }

    static Bool bool(boolean value) {
        return new Bool(value);
    }

    static Null nul() {
        return Null.INSTANCE;
    }

    static L l(AttributeValue... values) {
        return new L(List.of(values));
    }

    static SS ss(String... values) {
        return new SS(new LinkedHashSet<>(List.of(values)));
    }

    static NS ns(String... values) {
        LinkedHashSet<BigDecimal> numbers = new LinkedHashSet<>();
        for (String value : values) numbers.add(Numbers.parse(value));
        return new NS(numbers);
    }

    static BS bs(byte[]... values) {
        LinkedHashSet<Bytes> bytes = new LinkedHashSet<>();
        for (byte[] value : values) bytes.add(Bytes.of(value));
        return new BS(bytes);
    }

    record S(String value) implements AttributeValue {
        public S {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String typeName() {
            return "S";
        }
    }

    /** A number, kept canonical (no trailing zeros) so that record equality is numeric equality. */
    record N(BigDecimal value) implements AttributeValue {
        public N {
            value = Numbers.checked(value);
        }

        @Override
        public String typeName() {
            return "N";
        }

        @Override
        public String toString() {
            return "N[" + Numbers.format(value) + "]";
        }
    }

    record B(Bytes value) implements AttributeValue {
        public B {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String typeName() {
            return "B";
        }
    }

    record Bool(boolean value) implements AttributeValue {
        public static final Bool TRUE = new Bool(true);
        public static final Bool FALSE = new Bool(false);

        @Override
        public String typeName() {
            return "BOOL";
        }
    }

    record Null() implements AttributeValue {
        public static final Null INSTANCE = new Null();

        @Override
        public String typeName() {
            return "NULL";
        }
    }

    record L(List<AttributeValue> values) implements AttributeValue {
        public L {
            values = List.copyOf(values);
        }

        @Override
        public String typeName() {
            return "L";
        }
    }

    /** A map; keeps its entries' order for readable output, compares without regard to it. */
    record M(Map<String, AttributeValue> values) implements AttributeValue {
        public M {
            values.forEach((name, value) -> Objects.requireNonNull(value, name));
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        @Override
        public String typeName() {
            return "M";
        }
    }

    record SS(Set<String> values) implements AttributeValue {
        public SS {
            values = nonEmptyCopy(values, "SS");
        }

        @Override
        public String typeName() {
            return "SS";
        }
    }

    record NS(Set<BigDecimal> values) implements AttributeValue {
        public NS {
            LinkedHashSet<BigDecimal> canonical = new LinkedHashSet<>();
            for (BigDecimal value : values) canonical.add(Numbers.checked(value));
            values = nonEmptyCopy(canonical, "NS");
        }

        @Override
        public String typeName() {
            return "NS";
        }
    }

    record BS(Set<Bytes> values) implements AttributeValue {
        public BS {
            values = nonEmptyCopy(values, "BS");
        }

        @Override
        public String typeName() {
            return "BS";
        }
    }

    private static <T> Set<T> nonEmptyCopy(Collection<T> values, String type) {
        if (values.isEmpty()) throw new IllegalArgumentException("A " + type + " set is never empty");
        values.forEach(value -> Objects.requireNonNull(value, type));
        return Collections.unmodifiableSet(new LinkedHashSet<>(values));
    }
}
