package dev.groundwork.items.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.kernel.FieldErrors;
import dev.groundwork.kernel.TenantId;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of the input model's parts: cursors, merge patches and text, over generated and hostile values. */
class InputModelPropertiesTest {
    private static final PageCursors CURSORS =
            new PageCursors("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

    @Property(tries = 2_000)
    void anyCursorTextDecodesToNothingOrToWhatWasIssuedAndNeverThrows(@ForAll String cursor) {
        assertThat(CURSORS.decode(new TenantId("acme"), cursor)).isEmpty();
    }

    @Property(tries = 1_000)
    void aCursorIsReadOnlyByTheTenantItWasIssuedTo(@ForAll("tenants") String owner, @ForAll("tenants") String reader) {
        ItemId position = new ItemId("01JDX5Q0A8Z4M6TB3N7R9WVKHE");
        String cursor = CURSORS.encode(new TenantId(owner), position);

        assertThat(CURSORS.decode(new TenantId(reader), cursor))
                .isEqualTo(owner.equals(reader) ? java.util.Optional.of(position) : java.util.Optional.empty());
    }

    @Property(tries = 1_000)
    void aCursorWithAnyCharacterChangedIsRefused(@ForAll("positions") int position, @ForAll char replacement) {
        String cursor = CURSORS.encode(new TenantId("acme"), new ItemId("01JDX5Q0A8Z4M6TB3N7R9WVKHE"));
        int at = position % cursor.length();
        String edited = cursor.substring(0, at) + replacement + cursor.substring(at + 1);

        if (!edited.equals(cursor)) {
            assertThat(CURSORS.decode(new TenantId("acme"), edited)).isEmpty();
        }
    }

    @Property(tries = 1_000)
    void applyingAMergePatchTwiceChangesNothingMore(
            @ForAll("documents") Map<String, Object> target, @ForAll("documents") Map<String, Object> patch) {
        Object once = MergePatch.apply(target, patch);

        assertThat(MergePatch.apply(once, patch)).isEqualTo(once);
    }

    @Property(tries = 1_000)
    void aMergePatchLeavesNoNullMemberAndKeepsWhatItDoesNotName(
            @ForAll("documents") Map<String, Object> target, @ForAll("documents") Map<String, Object> patch) {
        @SuppressWarnings("unchecked")
        Map<String, Object> merged = (Map<String, Object>) MergePatch.apply(target, patch);

        patch.forEach((key, value) -> assertThat(merged.containsKey(key)).isEqualTo(value != null));
        target.forEach((key, value) -> {
            if (!patch.containsKey(key)) {
                assertThat(merged.get(key)).isEqualTo(value);
            }
        });
    }

    @Property(tries = 5_000)
    void textIsStorableExactlyWhenItIsWellFormedUnicodeWithoutNoncharacters(@ForAll String text) {
        boolean wellFormed = StandardCharsets.UTF_8.newEncoder().canEncode(text);
        boolean noncharacter = text.codePoints().anyMatch(StorableText::isNoncharacter);

        assertThat(StorableText.problem(text).isEmpty()).isEqualTo(wellFormed && !noncharacter);
    }

    @Property(tries = 1_000)
    void aDocumentsErrorsAreBoundedWhateverItHolds(@ForAll("documents") Map<String, Object> attributes) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("name", "x");
        document.put("attributes", attributes);

        if (ItemDocument.read(document) instanceof ItemDocument.Invalid invalid) {
            assertThat(invalid.errors())
                    .hasSizeLessThanOrEqualTo(FieldErrors.REPORTED + 1)
                    .allSatisfy(
                            error -> assertThat(error.field()).hasSizeLessThanOrEqualTo(FieldErrors.MAX_FIELD_LENGTH));
        }
    }

    @Provide
    Arbitrary<String> tenants() {
        return Arbitraries.of("acme", "globex", "initech", "a", "A", "acme.", "acme-1");
    }

    @Provide
    Arbitrary<Integer> positions() {
        return Arbitraries.integers().between(0, 200);
    }

    @Provide
    Arbitrary<Map<String, Object>> documents() {
        return Arbitraries.maps(Arbitraries.of("a", "b", "c", "d"), value(2))
                .ofMaxSize(4)
                .map(map -> new LinkedHashMap<>(map));
    }

    /** JSON values as plain Java values, nulls included (a patch's way to remove a member). */
    private static Arbitrary<Object> value(int depth) {
        Arbitrary<Object> scalar = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(5).map(Object.class::cast),
                Arbitraries.bigDecimals().ofScale(2).map(Object.class::cast),
                Arbitraries.of(true, false).map(Object.class::cast),
                Arbitraries.just(null));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<Object> inner = Arbitraries.lazy(() -> value(depth - 1));
        Arbitrary<Object> object = Arbitraries.maps(Arbitraries.of("a", "b", "c", "d"), inner)
                .ofMaxSize(4)
                .map(map -> (Object) new LinkedHashMap<>(map));
        Arbitrary<Object> array = inner.list().ofMaxSize(3).map(list -> (Object) new java.util.ArrayList<>(list));
        return Arbitraries.oneOf(scalar, object, array);
    }
}
