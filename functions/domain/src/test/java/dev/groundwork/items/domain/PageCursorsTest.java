package dev.groundwork.items.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.groundwork.kernel.TenantId;
import java.nio.charset.StandardCharsets;
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
