package dev.groundwork.local.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * JSON text built as bytes, so that a value may be anything on the wire: escapes of lone surrogates, raw bytes that
 * are not UTF-8, numbers no parser can hold, duplicate keys. A fragment is a complete JSON value's bytes (or what
 * stands in its place, when it is not JSON at all).
 */
final class Json {

    private Json() {}

    static byte[] raw(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON string of the text, escaped as a well-behaved client escapes it. */
    static byte[] string(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return raw(out.append('"').toString());
    }

    /** A JSON string whose content is given as raw bytes between the quotes (escapes, invalid UTF-8 ...). */
    static byte[] quoted(byte[] content) {
        return concat(raw("\""), content, raw("\""));
    }

    static byte[] object(List<Map.Entry<byte[], byte[]>> members) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(raw("{"));
        for (int i = 0; i < members.size(); i++) {
            if (i > 0) {
                out.writeBytes(raw(","));
            }
            out.writeBytes(members.get(i).getKey());
            out.writeBytes(raw(":"));
            out.writeBytes(members.get(i).getValue());
        }
        out.writeBytes(raw("}"));
        return out.toByteArray();
    }

    static byte[] array(List<byte[]> elements) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(raw("["));
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) {
                out.writeBytes(raw(","));
            }
            out.writeBytes(elements.get(i));
        }
        out.writeBytes(raw("]"));
        return out.toByteArray();
    }

    /** {@code levels} nested objects ({@code {"a":{"a":...}}}) or arrays around a 1, the value itself counted as one. */
    static byte[] nested(int levels, boolean arrays) {
        StringBuilder out = new StringBuilder(levels * 6);
        out.append((arrays ? "[" : "{\"a\":").repeat(levels)).append('1').append((arrays ? "]" : "}").repeat(levels));
        return raw(out.toString());
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
