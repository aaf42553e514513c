package dev.groundwork.items.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The examples of RFC 7396, appendix A. */
class MergePatchTest {

    private static Map<String, Object> object(Object... fields) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            object.put((String) fields[i], fields[i + 1]);
        }
        return object;
    }

    @Test
    void replacesAMember() {
        assertThat(MergePatch.apply(object("a", "b"), object("a", "c"))).isEqualTo(object("a", "c"));
    }

    @Test
    void addsAMember() {
        assertThat(MergePatch.apply(object("a", "b"), object("b", "c"))).isEqualTo(object("a", "b", "b", "c"));
    }

    @Test
    void removesAMemberForNull() {
        assertThat(MergePatch.apply(object("a", "b", "b", "c"), object("a", null)))
                .isEqualTo(object("b", "c"));
    }

    @Test
    void replacesArraysWhole() {
        assertThat(MergePatch.apply(object("a", List.of("b")), object("a", List.of("c", "d"))))
                .isEqualTo(object("a", List.of("c", "d")));
    }

    @Test
    void mergesNestedObjectsAndDropsNullsInsideNewOnes() {
        Map<String, Object> patch = object("a", object("bb", object("ccc", null)));
        assertThat(MergePatch.apply(object("e", null), patch))
                .isEqualTo(object("e", null, "a", object("bb", object())));
    }

    @Test
    void replacesAnObjectWithAScalar() {
        assertThat(MergePatch.apply(object("a", object("b", "c")), object("a", 1)))
                .isEqualTo(object("a", 1));
    }

    @Test
    void replacesTheWholeTargetWithANonObjectPatch() {
        assertThat(MergePatch.apply(object("a", "foo"), "bar")).isEqualTo("bar");
        assertThat(MergePatch.apply(object("a", "foo"), null)).isNull();
        assertThat(MergePatch.apply(object("a", "foo"), Arrays.asList(1, 2))).isEqualTo(List.of(1, 2));
    }

    @Test
    void leavesTheTargetUntouched() {
        Map<String, Object> target = new HashMap<>(object("a", "b"));
        MergePatch.apply(target, object("a", null));
        assertThat(target).containsEntry("a", "b");
    }
}
