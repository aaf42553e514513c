package dev.groundwork.items.domain;

import java.util.Optional;

/**
 * The text an item may hold: well-formed Unicode without noncharacters, so that DynamoDB, its stream and SQS store,
 * return and carry it unchanged.
 *
 * <ul>
 *   <li>A lone surrogate (a JSON {@code \ud800} escape with no partner) is no character at all: UTF-8 cannot encode
 *   it (RFC 3629, section 3), so a store would keep {@code ?} or U+FFFD instead, or refuse it.</li>
 *   <li>The 66 noncharacters (U+FDD0..U+FDEF and the last two code points of every plane, Unicode 15, section 23.7)
 *   are for a program's internal use. SQS refuses U+FFFE and U+FFFF in a message ("Amazon SQS message quotas":
 *   #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF), and one rule for all 66 is easier to
 *   state and to keep than SQS's two. A client that sends one almost surely has a bug.</li>
 * </ul>
 * Control characters are allowed: they are valid Unicode, every store keeps them, and JSON escapes them in transit.
 */
public final class StorableText {
    private StorableText() {}

    /** Why the text cannot be stored, or empty when it can. */
    public static Optional<String> problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char unit = text.charAt(i);
            if (Character.isHighSurrogate(unit)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(unit, text.charAt(i + 1));
                if (isNoncharacter(codePoint)) {
                    return Optional.of(noncharacter(codePoint));
                }
                i++;
            } else if (Character.isSurrogate(unit)) {
                return Optional.of(
                        "holds an unpaired UTF-16 surrogate (U+" + hex(unit) + "), which is not a character");
            } else if (isNoncharacter(unit)) {
                return Optional.of(noncharacter(unit));
            }
        }
        return Optional.empty();
    }

    static boolean isNoncharacter(int codePoint) {
        return (codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE;
    }

    private static String noncharacter(int codePoint) {
        return "holds the noncharacter U+" + hex(codePoint) + ", which cannot be stored";
    }

    private static String hex(int codePoint) {
        return String.format("%04X", codePoint);
    }
}
