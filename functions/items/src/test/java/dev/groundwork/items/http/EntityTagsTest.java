package dev.groundwork.items.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.groundwork.items.domain.ExpectedVersions;
import dev.groundwork.items.domain.RefusedVersions;
import dev.groundwork.items.testing.TestItems;
import dev.groundwork.platform.http.Rejection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class EntityTagsTest {

    @Test
    void quotesTheVersion() {
        assertThat(EntityTags.of(TestItems.sample("x"))).isEqualTo("\"1\"");
    }

    @Test
    void readsTheVersionsIfMatchAdmits() {
        assertThat(EntityTags.expectedVersions("\"3\"")).contains(ExpectedVersions.of(3));
        assertThat(EntityTags.expectedVersions(" * ")).isEmpty();
        assertThat(EntityTags.expectedVersions("\"3\", \"4\",\"5\"")).contains(ExpectedVersions.of(3, 4, 5));
    }

    @Test
    void aWeakTagOrAnotherSpellingOfAVersionNeverMatches() {
        for (String never : List.of(
                "W/\"3\"",
                "\"abc\"",
                "\"03\"",
                "\"+3\"",
                "\"-3\"",
                "\"0\"",
                "\"99999999999999999999\"",
                // obs-text: well-formed (RFC 9110's etagc), and no spelling of a version
                "\"caf\u00e9\"",
                "\"１\"",
                "\"3\ud83d\ude00\"")) {
            assertThat(EntityTags.expectedVersions(never))
                    .as(never)
                    .contains(ExpectedVersions.of(ExpectedVersions.NONE));
        }
        assertThat(EntityTags.expectedVersions("W/\"3\", \"4\""))
                .contains(ExpectedVersions.of(ExpectedVersions.NONE, 4));
    }

    @Test
    void takesCommasInsideATagAndIgnoresEmptyListElements() {
        assertThat(EntityTags.expectedVersions("\"a,b\", \"2\""))
                .contains(ExpectedVersions.of(ExpectedVersions.NONE, 2));
        assertThat(EntityTags.expectedVersions(", \"2\" ,, \"3\",")).contains(ExpectedVersions.of(2, 3));
    }

    @Test
    void refusesUnquotedOrUnterminatedTagsAStarInAListAndNoTagsAtAll() {
        for (String malformed :
                List.of("3", "\"3", "\"3\" \"4\"", "*, \"3\"", "", " ", ",", "\"3\"x", "\"1\u0001\"", "\"1\u007f\"")) {
            assertThatThrownBy(() -> EntityTags.expectedVersions(malformed))
                    .as(malformed)
                    .isInstanceOfSatisfying(
                            Rejection.class,
                            rejected -> assertThat(rejected.problem()
                                            .errors()
                                            .getFirst()
                                            .field())
                                    .isEqualTo("If-Match"));
        }
    }

    @Test
    void refusesMoreThanTenTagsNamingIfMatch() {
        String eleven = java.util.stream.IntStream.rangeClosed(1, 11)
                .mapToObj(version -> "\"" + version + "\"")
                .collect(Collectors.joining(", "));

        assertThatThrownBy(() -> EntityTags.expectedVersions(eleven))
                .isInstanceOfSatisfying(Rejection.class, rejected -> {
                    assertThat(rejected.problem().type().status()).isEqualTo(400);
                    assertThat(rejected.problem().errors().getFirst().field()).isEqualTo("If-Match");
                    assertThat(rejected.problem().errors().getFirst().message()).contains("at most 10");
                });
        assertThat(EntityTags.expectedVersions(eleven.substring(0, eleven.lastIndexOf(','))))
                .map(ExpectedVersions::versions)
                .hasValueSatisfying(versions -> assertThat(versions).hasSize(10));
    }

    @Test
    void matchesIfNoneMatchWeakly() {
        assertThat(EntityTags.noneMatch("W/\"1\"").hits(TestItems.sample("x"))).isTrue();
        assertThat(EntityTags.noneMatch("\"2\", \"1\"").hits(TestItems.sample("x")))
                .isTrue();
        assertThat(EntityTags.noneMatch("\"2\"").hits(TestItems.sample("x"))).isFalse();
        assertThat(EntityTags.noneMatch("*").hits(TestItems.sample("x"))).isTrue();
    }

    @Property(tries = 2_000)
    void anyIfMatchIsReadAsVersionsOrRefusedAsA400NamingIt(@ForAll("ifMatch") String header) {
        try {
            Optional<ExpectedVersions> expected = EntityTags.expectedVersions(header);
            expected.ifPresent(versions -> assertThat(versions.versions()).hasSizeBetween(1, ExpectedVersions.MAX));
        } catch (Rejection rejected) {
            assertThat(rejected.problem().type().status()).isEqualTo(400);
            assertThat(rejected.problem().errors().getFirst().field()).isEqualTo("If-Match");
        }
    }

    @Property(tries = 1_000)
    void aListOfStrongTagsAdmitsExactlyTheVersionsItNamesWhateverItsBlanksAndEmptyElements(
            @ForAll("versions") List<Long> versions, @ForAll("separators") List<String> separators) {
        StringBuilder header = new StringBuilder();
        for (int i = 0; i < versions.size(); i++) {
            header.append(separators.get(i % separators.size()))
                    .append('"')
                    .append(versions.get(i))
                    .append('"');
        }

        assertThat(EntityTags.expectedVersions(header.toString()))
                .contains(new ExpectedVersions(java.util.Set.copyOf(versions)));
    }

    @Provide
    Arbitrary<List<Long>> versions() {
        return Arbitraries.longs()
                .between(1, Long.MAX_VALUE)
                .list()
                .ofMinSize(1)
                .ofMaxSize(ExpectedVersions.MAX);
    }

    /** What may come before a tag: the first needs no comma, and list syntax lets any comma be blank or repeated. */
    @Provide
    Arbitrary<List<String>> separators() {
        return Arbitraries.of(", ", ",", " , ", ",,", ", ,\t")
                .list()
                .ofMinSize(1)
                .ofMaxSize(4);
    }

    @Provide
    Arbitrary<String> ifMatch() {
        Arbitrary<String> tag = Arbitraries.oneOf(
                Arbitraries.longs().between(-2, Long.MAX_VALUE).map(version -> "\"" + version + "\""),
                Arbitraries.strings().ascii().ofMaxLength(6).map(opaque -> "\"" + opaque + "\""),
                Arbitraries.strings().ofMaxLength(6),
                Arbitraries.of("*", "W/", "\"", ",", " ", "\t", "W/\"1\""));
        Arbitrary<String> separator = Arbitraries.of(",", ", ", " , ", ",,", " ", "");
        return Arbitraries.oneOf(
                tag.list().ofMaxSize(14).map(tags -> String.join(", ", tags)),
                Arbitraries.strings().ofMaxLength(1_100),
                tag.list().ofMaxSize(14).flatMap(tags -> separator.map(s -> String.join(s, tags))));
    }

    @Test
    void readsIfNoneMatchOnAWriteAsTheVersionsItRefusesByWeakComparison() {
        assertThat(EntityTags.refusedVersions("*")).isEqualTo(RefusedVersions.ANY);
        assertThat(EntityTags.refusedVersions(" * ")).isEqualTo(RefusedVersions.ANY);
        assertThat(EntityTags.refusedVersions("\"3\", W/\"4\"")).isEqualTo(RefusedVersions.of(3, 4));
        assertThat(EntityTags.refusedVersions("\"abc\"").admits(1)).isTrue();
        assertThat(EntityTags.refusedVersions("W/\"1\"").admits(1)).isFalse();
        for (String malformed : List.of("3", "*, \"3\"", "", "\"3\", ".repeat(10) + "\"3\"")) {
            assertThatThrownBy(() -> EntityTags.refusedVersions(malformed))
                    .as(malformed)
                    .isInstanceOfSatisfying(
                            Rejection.class,
                            rejected ->
                                    assertThat(rejected.problem().toString()).contains("If-None-Match"));
        }
    }
}
