package dev.groundwork.items.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.groundwork.items.testing.TestItems;
import dev.groundwork.platform.http.Rejection;
import org.junit.jupiter.api.Test;

class EntityTagsTest {

    @Test
    void quotesTheVersion() {
        assertThat(EntityTags.of(TestItems.sample("x"))).isEqualTo("\"1\"");
    }

    @Test
    void readsTheVersionIfMatchRequires() {
        assertThat(EntityTags.requiredVersion("\"3\"")).contains(3L);
        assertThat(EntityTags.requiredVersion(" * ")).isEmpty();
        assertThat(EntityTags.requiredVersion("\"abc\"")).contains(0L);
    }

    @Test
    void refusesWeakOrSeveralOrUnquotedTagsInIfMatch() {
        assertThatThrownBy(() -> EntityTags.requiredVersion("W/\"3\"")).isInstanceOf(Rejection.class);
        assertThatThrownBy(() -> EntityTags.requiredVersion("\"3\", \"4\"")).isInstanceOf(Rejection.class);
        assertThatThrownBy(() -> EntityTags.requiredVersion("3")).isInstanceOf(Rejection.class);
    }

    @Test
    void matchesIfNoneMatchWeakly() {
        assertThat(EntityTags.noneMatchHits("W/\"1\"", TestItems.sample("x"))).isTrue();
        assertThat(EntityTags.noneMatchHits("\"2\", \"1\"", TestItems.sample("x")))
                .isTrue();
        assertThat(EntityTags.noneMatchHits("\"2\"", TestItems.sample("x"))).isFalse();
        assertThat(EntityTags.noneMatchHits("*", TestItems.sample("x"))).isTrue();
    }
}
