package dev.groundwork.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class IdempotencyKeyTest {

    @Test
    void readsABareOrAQuotedKeyAsTheSameKey() {
        assertThat(IdempotencyKey.parse("5f0c-6a52")).contains(new IdempotencyKey("5f0c-6a52"));
        assertThat(IdempotencyKey.parse("\"5f0c-6a52\"")).contains(new IdempotencyKey("5f0c-6a52"));
    }

    @Test
    void takesACommaOnlyInAQuotedKey() {
        assertThat(IdempotencyKey.parse("\"a,b\"")).contains(new IdempotencyKey("a,b"));
        assertThat(IdempotencyKey.parse("a,b")).isEmpty();
        assertThat(IdempotencyKey.isSeveral("a,b")).isTrue();
    }

    @Test
    void readsAQuotedKeysEscapesAsAStructuredFieldStringsSoBothFormsOfAKeyAreOneKey() {
        assertThat(IdempotencyKey.parse("\"a\\\\b\"")).contains(new IdempotencyKey("a\\b"));
        assertThat(IdempotencyKey.parse("a\\b")).contains(new IdempotencyKey("a\\b"));
        // a quote in a key (escaped), an escape of anything else, a backslash that ends the string: no key
        assertThat(IdempotencyKey.parse("\"a\\\"b\"")).isEmpty();
        assertThat(IdempotencyKey.isSeveral("\"a\\\"b\"")).isFalse();
        assertThat(IdempotencyKey.parse("\"a\\b\"")).isEmpty();
        assertThat(IdempotencyKey.parse("\"a\\\"")).isEmpty();
    }

    @Test
    void refusesTwoHeadersAsApiGatewayJoinsThem() {
        assertThat(IdempotencyKey.parse("k1,k1")).isEmpty();
        assertThat(IdempotencyKey.parse("\"k1\",\"k2\"")).isEmpty();
        assertThat(IdempotencyKey.parse("\"k1\",k2")).isEmpty();
        assertThat(IdempotencyKey.parse("k1,\"k2\"")).isEmpty();
        assertThat(IdempotencyKey.isSeveral("\"k1\",\"k2\"")).isTrue();
    }

    @Property(tries = 2_000)
    void anyTwoKeysJoinedAsApiGatewayJoinsRepeatedHeadersAreRefusedAsSeveral(
            @ForAll("sentKeys") String first, @ForAll("sentKeys") String second) {
        String joined = first + "," + second;

        assertThat(IdempotencyKey.isSeveral(joined)).as(joined).isTrue();
        assertThat(IdempotencyKey.parse(joined)).as(joined).isEmpty();
    }

    @Property(tries = 2_000)
    void anyKeySentOnceIsReadAsItselfWhenTheValueIsWithinTheContractsLength(@ForAll("keys") String key) {
        for (String sent : List.of(key.contains(",") ? quoted(key) : key, quoted(key))) {
            if (sent.length() <= 255) {
                assertThat(IdempotencyKey.parse(sent)).as(sent).contains(new IdempotencyKey(key));
            } else {
                assertThat(IdempotencyKey.parse(sent)).as(sent).isEmpty();
            }
        }
    }

    @Test
    void boundsTheValueAsSentQuotesAndEscapesIncludedAsTheContractBoundsTheHeader() {
        String longest = "k".repeat(255);

        assertThat(IdempotencyKey.parse(longest)).contains(new IdempotencyKey(longest));
        assertThat(IdempotencyKey.parse(quoted("k".repeat(253)))).contains(new IdempotencyKey("k".repeat(253)));
        assertThat(IdempotencyKey.parse("k".repeat(256))).isEmpty();
        assertThat(IdempotencyKey.parse(quoted("k".repeat(254)))).isEmpty();
        assertThat(IdempotencyKey.parse(quoted(longest))).isEmpty();
        assertThat(IdempotencyKey.parse(quoted("\\".repeat(127)))).isEmpty();
    }

    /** Keys a client may choose: 1 to 255 visible ASCII characters, none a quote (a quoted key cannot hold one). */
    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.strings()
                .withCharRange('!', '~')
                .excludeChars('"')
                .ofMinLength(1)
                .ofMaxLength(255);
    }

    /** A key as one header carries it: bare when it can be, quoted when it holds a comma, or quoted anyway. */
    @Provide
    Arbitrary<String> sentKeys() {
        return keys().flatMap(
                        key -> key.contains(",") ? Arbitraries.just(quoted(key)) : Arbitraries.of(key, quoted(key)));
    }

    /** A key as a Structured Field String: quoted, its backslashes escaped. */
    private static String quoted(String key) {
        return "\"" + key.replace("\\", "\\\\") + "\"";
    }
}
