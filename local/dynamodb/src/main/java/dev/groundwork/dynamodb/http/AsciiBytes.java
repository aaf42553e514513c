package dev.groundwork.dynamodb.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Comparisons and searches over ASCII text in a byte range, so that a request is parsed without decoding it. */
final class AsciiBytes {
    private AsciiBytes() {}

    static int indexOf(byte[] bytes, byte wanted, int from, int to) {
        int end = Math.min(to, bytes.length);
        for (int i = from; i < end; i++) {
            if (bytes[i] == wanted) return i;
        }
        return -1;
    }

    /** Whether {@code bytes[from, to)} is the ASCII text {@code text}, letters compared without case. */
    static boolean is(byte[] bytes, int from, int to, String text) {
        if (to - from != text.length()) return false;
        for (int i = 0; i < text.length(); i++) {
            int a = bytes[from + i];
            int b = text.charAt(i);
            if (a == b) continue;
            int lower = a | 0x20;
            if (lower != (b | 0x20) || lower < 'a' || lower > 'z') return false;
        }
        return true;
    }

    static boolean startsWith(byte[] bytes, int from, int to, String text) {
        if (to - from < text.length()) return false;
        for (int i = 0; i < text.length(); i++) {
            if (bytes[from + i] != text.charAt(i)) return false;
        }
        return true;
    }

    /** Where the line starting at {@code from} ends, given its LF: before an optional CR. */
    static int lineEnd(byte[] bytes, int from, int newline) {
        return newline > from && bytes[newline - 1] == '\r' ? newline - 1 : newline;
    }

    static void putDecimal(ByteBuffer out, int value) {
        if (value >= 10) putDecimal(out, value / 10);
        out.put((byte) ('0' + value % 10));
    }

    static void putAscii(ByteBuffer out, String text) {
        for (int i = 0; i < text.length(); i++) out.put((byte) text.charAt(i));
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
