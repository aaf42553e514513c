package dev.groundwork.local.fuzz;

import java.nio.charset.StandardCharsets;

/** Text for a report: control characters, non-ASCII and bytes that are not UTF-8 escaped, long text cut. */
final class Printable {

    private Printable() {}

    static String of(String text, int max) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        if (out.length() >= max && text.length() > max) {
            out.append("…(").append(text.length()).append(" chars)");
        }
        return out.toString();
    }

    /** Bytes: printable ASCII as is, every other byte as {@code \xNN}. */
    static String of(byte[] bytes, int max) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        for (; i < bytes.length && out.length() < max; i++) {
            int b = bytes[i] & 0xff;
            if (b >= 0x20 && b < 0x7f) {
                out.append((char) b);
            } else if (b == '\n') {
                out.append("\\n");
            } else if (b == '\r') {
                out.append("\\r");
            } else {
                out.append(String.format("\\x%02x", b));
            }
        }
        if (i < bytes.length) {
            out.append("…(").append(bytes.length).append(" bytes)");
        }
        return out.toString();
    }

    static String utf8(byte[] bytes, int max) {
        return of(new String(bytes, 0, Math.min(bytes.length, max * 4), StandardCharsets.UTF_8), max);
    }
}
