package dev.groundwork.items.http;

import dev.groundwork.items.domain.Item;
import dev.groundwork.platform.http.Problem;
import dev.groundwork.platform.http.Rejection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An item's version as its entity tag, and the conditional headers that name one (RFC 9110, sections 8.8.3, 13.1.1
 * and 13.1.2). Tags are strong: {@code "3"} is version 3.
 */
public final class EntityTags {
    private static final Pattern TAG = Pattern.compile("\\s*(W/)?\"([\\x21\\x23-\\x7E]*)\"\\s*");

    /** The contract's bound on If-Match and If-None-Match: our tags are short, a longer list is no client of ours. */
    static final int MAX_LENGTH = 1024;

    private EntityTags() {}

    public static String of(Item item) {
        return "\"" + item.version() + "\"";
    }

    /**
     * The version an {@code If-Match} header requires, empty for {@code *} (any current item).
     * A tag that is not a version of ours can never match: it stands for version 0, which no item has.
     *
     * @throws Rejection when the header is not one strong entity tag or {@code *}
     */
    public static Optional<Long> requiredVersion(String ifMatch) {
        if (ifMatch.strip().equals("*")) {
            return Optional.empty();
        }
        List<Tag> tags = parse(ifMatch, "If-Match");
        if (tags.size() != 1 || tags.getFirst().weak()) {
            throw new Rejection(Problem.invalid("If-Match", "must be one strong entity tag, such as \"3\", or *"));
        }
        return Optional.of(version(tags.getFirst().opaque()));
    }

    /** Whether {@code If-None-Match} matches the item (weak comparison, RFC 9110 section 13.1.2). */
    public static boolean noneMatchHits(String ifNoneMatch, Item item) {
        if (ifNoneMatch.strip().equals("*")) {
            return true;
        }
        return parse(ifNoneMatch, "If-None-Match").stream().anyMatch(tag -> version(tag.opaque()) == item.version());
    }

    private static long version(String opaque) {
        try {
            return Long.parseLong(opaque);
        } catch (NumberFormatException notOurs) {
            return 0;
        }
    }

    private record Tag(boolean weak, String opaque) {}

    private static List<Tag> parse(String header, String name) {
        if (header.length() > MAX_LENGTH) {
            throw new Rejection(Problem.invalid(name, "must have at most " + MAX_LENGTH + " characters"));
        }
        List<Tag> tags = new ArrayList<>();
        for (String part : header.split(",", -1)) {
            Matcher matcher = TAG.matcher(part);
            if (!matcher.matches()) {
                throw new Rejection(Problem.invalid(name, "must be a list of quoted entity tags, such as \"3\""));
            }
            tags.add(new Tag(matcher.group(1) != null, matcher.group(2)));
        }
        return tags;
    }
}
