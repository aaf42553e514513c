package dev.groundwork.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class FieldPathTest {

    @Test
    void namesPlainKeysWithDotsAndElementsWithBrackets() {
        StringBuilder path = new StringBuilder(FieldPath.member("attributes"));
        FieldPath.appendMember(path, "size");
        FieldPath.appendIndex(path, 2);
        FieldPath.appendMember(path, "é 😀-_1");

        assertThat(path).hasToString("attributes.size[2].é 😀-_1");
    }

    @Test
    void quotesAKeyThatHoldsTheNotationsOwnCharacters() {
        StringBuilder path = new StringBuilder("attributes");

        FieldPath.appendMember(path, "a.b");
        FieldPath.appendMember(path, "say \"hi\" \\ [0] 'x'");

        assertThat(path).hasToString("attributes[\"a.b\"][\"say \\\"hi\\\" \\\\ [0] 'x'\"]");
    }

    @Test
    void tellsAKeyWithADotFromTwoNestedKeys() {
        StringBuilder nested = FieldPath.appendMember(new StringBuilder("attributes.a"), "b");
        StringBuilder dotted = FieldPath.appendMember(new StringBuilder("attributes"), "a.b");

        assertThat(nested).hasToString("attributes.a.b");
        assertThat(dotted).hasToString("attributes[\"a.b\"]");
    }

    @Test
    void quotesAKeyAtTheTopAndTheEmptyKey() {
        assertThat(FieldPath.member("name")).isEqualTo("name");
        assertThat(FieldPath.member("attributes.color")).isEqualTo("[\"attributes.color\"]");
        assertThat(FieldPath.member("")).isEqualTo("[\"\"]");
    }

    @Test
    void quotesAKeyThatWouldNotShowAsItselfAndWritesItsHiddenCharactersEscaped() {
        StringBuilder path = new StringBuilder("attributes");

        FieldPath.appendMember(path, "admin\u202e\u0007\u2028x");
        FieldPath.appendMember(path, "a\u200db");
        FieldPath.appendMember(path, "tag\udb40\udc41");

        assertThat(path)
                .hasToString("attributes[\"admin\\u202e\\u0007\\u2028x\"][\"a\\u200db\"][\"tag\\udb40\\udc41\"]");
    }

    /**
     * helper-91: a no-break space read as a space, a Hangul filler or a variation selector as nothing; helper-92: a
     * noncharacter, which the API refuses in text, was echoed raw.
     */
    @Test
    void quotesAKeyOfSpacesOrLettersThatDrawNothing() {
        StringBuilder path = new StringBuilder("attributes");

        FieldPath.appendMember(path, "a\u00a0b");
        FieldPath.appendMember(path, "\u3164");
        FieldPath.appendMember(path, "admin\ufe0f");
        FieldPath.appendMember(path, "a b");
        FieldPath.appendMember(path, "a\uffffb\ufdd0");

        assertThat(path)
                .hasToString("attributes[\"a\\u00a0b\"][\"\\u3164\"][\"admin\\ufe0f\"].a b[\"a\\uffffb\\ufdd0\"]");
    }

    @Test
    void quotesAKeyThatHoldsTheEllipsisThatEndsACutPath() {
        assertThat(FieldPath.appendMember(new StringBuilder("attributes"), "…")).hasToString("attributes[\"…\"]");
    }

    /** Every path names one field: read back, it gives the steps it was written from. */
    @Property(tries = 2_000)
    void readsBackAsTheStepsItWasWrittenFrom(@ForAll("steps") List<Object> steps) {
        StringBuilder path = new StringBuilder();
        for (Object step : steps) {
            if (step instanceof Integer index) {
                FieldPath.appendIndex(path, index);
            } else {
                FieldPath.appendMember(path, (String) step);
            }
        }

        assertThat(read(path.toString())).isEqualTo(steps);
    }

    @Provide
    Arbitrary<List<Object>> steps() {
        Arbitrary<String> keys = Arbitraries.oneOf(
                Arbitraries.strings()
                        .withChars("ab.[]\"'\\ 0é…\u0000\u001f\u007f\u202e\u200d\u2028\u00a0\u3164\ufe0f")
                        .ofMaxLength(6),
                Arbitraries.strings().ofMaxLength(8));
        Arbitrary<Object> step = Arbitraries.oneOf(keys, Arbitraries.integers().between(0, 1_000));
        return step.list().ofMinSize(1).ofMaxSize(6).filter(list -> list.getFirst() instanceof String);
    }

    /**
     * A reader of the notation as a client would write one: {@code .key}, {@code [index]}, {@code ["key"]} with
     * {@code \"}, {@code \\} and JSON's escape of a character by its hex code.
     */
    private static List<Object> read(String path) {
        List<Object> steps = new ArrayList<>();
        int at = 0;
        while (at < path.length()) {
            if (path.startsWith("[\"", at)) {
                StringBuilder key = new StringBuilder();
                at += 2;
                while (path.charAt(at) != '"') {
                    if (path.startsWith("\\u", at)) {
                        key.append((char) Integer.parseInt(path.substring(at + 2, at + 6), 16));
                        at += 6;
                        continue;
                    }
                    if (path.charAt(at) == '\\') {
                        at++;
                    }
                    key.append(path.charAt(at++));
                }
                steps.add(key.toString());
                at += 2; // "]
            } else if (path.charAt(at) == '[') {
                int end = path.indexOf(']', at);
                steps.add(Integer.parseInt(path.substring(at + 1, end)));
                at = end + 1;
            } else {
                int start = path.charAt(at) == '.' ? at + 1 : at;
                int end = start;
                while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                    end++;
                }
                steps.add(path.substring(start, end));
                at = end;
            }
        }
        return steps;
    }
}
