package dev.groundwork.items.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.groundwork.kernel.TenantId;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PageCursorsTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final TenantId ACME = new TenantId("acme");
    private static final ItemId POSITION = new ItemId("01JDX5Q0A8Z4M6TB3N7R9WVKHE");
    private final PageCursors cursors = new PageCursors(KEY);

    @Test
    void readsBackTheCursorItIssued() {
        assertThat(cursors.decode(ACME, cursors.encode(ACME, POSITION))).contains(POSITION);
    }

    @Test
    void isOpaqueUrlSafeText() {
        assertThat(cursors.encode(ACME, POSITION)).matches("[A-Za-z0-9_-]+").doesNotContain("acme");
    }

    @Test
    void refusesACursorIssuedToAnotherTenant() {
        assertThat(cursors.decode(new TenantId("globex"), cursors.encode(ACME, POSITION)))
                .isEmpty();
    }

    @Test
    void refusesACursorSignedWithAnotherKey() {
        PageCursors other = new PageCursors("another-key-another-key-another-k".getBytes(StandardCharsets.US_ASCII));
        assertThat(cursors.decode(ACME, other.encode(ACME, POSITION))).isEmpty();
    }

    @Test
    void afterARotationReadsACursorSignedWithThePreviousKeyAndSignsWithTheNewOne() {
        // given a cursor issued before the rotation
        byte[] rotatedKey = "rotated-key-rotated-key-rotated-k".getBytes(StandardCharsets.US_ASCII);
        String issuedBefore = cursors.encode(ACME, POSITION);

        // when the key rotates
        PageCursors rotated = new PageCursors(rotatedKey, Optional.of(KEY));

        // then the cursor still reads, and new cursors are the new key's alone
        assertThat(rotated.decode(ACME, issuedBefore)).contains(POSITION);
        String issuedAfter = rotated.encode(ACME, POSITION);
        assertThat(new PageCursors(rotatedKey).decode(ACME, issuedAfter)).contains(POSITION);
        assertThat(cursors.decode(ACME, issuedAfter)).isEmpty();
    }

    @Test
    void afterTwoRotationsRefusesACursorSignedWithTheKeyBeforeThePrevious() {
        byte[] second = "second-key-second-key-second-key-".getBytes(StandardCharsets.US_ASCII);
        byte[] third = "third-key-third-key-third-key-thi".getBytes(StandardCharsets.US_ASCII);
        String issuedTwoRotationsAgo = cursors.encode(ACME, POSITION);

        PageCursors twiceRotated = new PageCursors(third, Optional.of(second));

        assertThat(twiceRotated.decode(ACME, issuedTwoRotationsAgo)).isEmpty();
    }

    @Test
    void theKeyBeforeARotationVerifiesOnlyForItsTenantAndItsExactCursor() {
        PageCursors rotated = new PageCursors(
                "rotated-key-rotated-key-rotated-k".getBytes(StandardCharsets.US_ASCII), Optional.of(KEY));
        String issuedBefore = cursors.encode(ACME, POSITION);
        String forged = issuedBefore.substring(0, issuedBefore.length() - 1) + (issuedBefore.endsWith("A") ? "B" : "A");

        assertThat(rotated.decode(new TenantId("globex"), issuedBefore)).isEmpty();
        assertThat(rotated.decode(ACME, forged)).isEmpty();
    }

    @Test
    void refusesAShortPreviousKey() {
        assertThatThrownBy(() -> new PageCursors(KEY, Optional.of(new byte[31])))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesEveryOneCharacterEdit() {
        String cursor = cursors.encode(ACME, POSITION);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < cursor.length(); i++) {
            for (char replacement : alphabet.toCharArray()) {
                if (replacement != cursor.charAt(i)) {
                    String edited = cursor.substring(0, i) + replacement + cursor.substring(i + 1);
                    assertThat(cursors.decode(ACME, edited)).as(edited).isEmpty();
                }
            }
        }
    }

    @Test
    void refusesTruncatedAndGarbledCursors() {
        String cursor = cursors.encode(ACME, POSITION);
        assertThat(cursors.decode(ACME, cursor.substring(0, cursor.length() - 2)))
                .isEmpty();
        assertThat(cursors.decode(ACME, cursor + "AA")).isEmpty();
        assertThat(cursors.decode(ACME, "not a cursor!")).isEmpty();
        assertThat(cursors.decode(ACME, "")).isEmpty();
    }

    @Test
    void wantsAKeyOfAtLeast32Bytes() {
        assertThatThrownBy(() -> new PageCursors(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }
}
