package dev.groundwork.items.http;

import dev.groundwork.items.domain.ExpectedVersions;
import dev.groundwork.items.domain.Item;
import dev.groundwork.items.domain.Preconditions;
import dev.groundwork.items.domain.RefusedVersions;
import dev.groundwork.platform.http.Problem;
import dev.groundwork.platform.http.ProblemType;
import dev.groundwork.platform.http.Rejection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An item's version as its entity tag, and the conditional headers that name one (RFC 9110, sections 8.8.3, 13.1.1
 * and 13.1.2). Tags are strong: {@code "3"} is version 3, and no other spelling ({@code "03"}, {@code "+3"}) is.
 */
public final class EntityTags {
    /**
     * One element of a list (RFC 9110, section 5.6.1): blanks, an entity tag or nothing (empty elements are allowed
     * and ignored), blanks, then a comma or the end. An opaque tag may hold commas; only the quotes delimit it. Its
     * characters ({@code etagc}) include obs-text, any byte from 0x80, which reaches the function as a character from
     * U+0080 (read as Latin-1 or UTF-8 alike): such a tag is well-formed, and names no version of ours.
     */
    private static final Pattern ELEMENT =
            Pattern.compile("[ \\t]*(?:(W/)?\"([\\x21\\x23-\\x7E\\x{80}-\\x{10FFFF}]*)\")?[ \\t]*(,|\\z)");

    /** A version as our tags spell it: the decimal of a positive long, without sign or leading zeros. */
    private static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,18}");

    /** The contract's bound on If-Match and If-None-Match: our tags are short, a longer list is no client of ours. */
    static final int MAX_LENGTH = 1024;

    private EntityTags() {}

    public static String of(Item item) {
        return of(item.version());
    }

    private static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The versions an {@code If-Match} header admits, empty for {@code *} (any current item). It matches when any of
     * its tags does, by strong comparison (RFC 9110, section 13.1.1): a weak tag, or one that is no version of ours,
     * never matches.
     *
     * @throws Rejection when the header is neither {@code *} nor a list of 1 to {@link ExpectedVersions#MAX} entity tags
     */
    public static Optional<ExpectedVersions> expectedVersions(String ifMatch) {
        if (ifMatch.strip().equals("*")) {
            return Optional.empty();
        }
        List<Tag> tags = parse(ifMatch, "If-Match");
        if (tags.size() > ExpectedVersions.MAX) {
            throw new Rejection(Problem.invalid(
                    "If-Match", "must list at most " + ExpectedVersions.MAX + " entity tags, such as \"3\", \"4\""));
        }
        Set<Long> versions = tags.stream()
                .map(tag -> tag.weak() ? ExpectedVersions.NONE : version(tag.opaque()))
                .collect(Collectors.toSet());
        return Optional.of(new ExpectedVersions(versions));
    }

    /**
     * What a change's or a delete's conditional headers ask of the stored version: {@code If-Match}
     * ({@link #expectedVersions}) and {@code If-None-Match} ({@link #refusedVersions}). RFC 9110 evaluates both on a
     * state-changing request (section 13.2.2), so neither is ignored.
     */
    public static Preconditions preconditions(Optional<String> ifMatch, Optional<String> ifNoneMatch) {
        return new Preconditions(
                ifMatch.flatMap(EntityTags::expectedVersions), ifNoneMatch.map(EntityTags::refusedVersions));
    }

    /**
     * The versions an {@code If-None-Match} header refuses a change or a delete of: every stored item for {@code *},
     * else the versions it names, by weak comparison (RFC 9110, section 13.1.2), so {@code W/"3"} refuses version 3 as
     * {@code "3"} does; a tag that is no version of ours refuses none.
     *
     * @throws Rejection when the header is neither {@code *} nor a list of 1 to {@link ExpectedVersions#MAX} entity tags
     */
    public static RefusedVersions refusedVersions(String ifNoneMatch) {
        Optional<List<Long>> named = noneMatchVersions(ifNoneMatch);
        if (named.isEmpty()) {
            return RefusedVersions.ANY;
        }
        if (named.get().size() > ExpectedVersions.MAX) {
            throw new Rejection(Problem.invalid(
                    "If-None-Match",
                    "must be * or a list of at most " + ExpectedVersions.MAX + " entity tags, such as \"3\", \"4\""));
        }
        return new RefusedVersions(Set.copyOf(named.get()), false);
    }

    /**
     * A read's {@code If-None-Match}, parsed: read before the item is, so that a malformed one is a 400 whether the
     * item exists or not.
     *
     * @throws Rejection when the header is neither {@code *} nor a list of entity tags
     */
    public static NoneMatch noneMatch(String ifNoneMatch) {
        return new NoneMatch(noneMatchVersions(ifNoneMatch));
    }

    /** The versions an {@code If-None-Match} names, or, empty, every version ({@code *}). */
    public record NoneMatch(Optional<List<Long>> versions) {
        /** Whether it matches the item (weak comparison, RFC 9110 section 13.1.2). */
        public boolean hits(Item item) {
            return versions.map(named -> named.contains(item.version())).orElse(true);
        }
    }

    /**
     * The versions an {@code If-None-Match} names, one per tag, by weak comparison (a weak tag names its version as a
     * strong one does; a tag that is no version of ours, {@link ExpectedVersions#NONE}); empty for {@code *}, which
     * names every version.
     */
    private static Optional<List<Long>> noneMatchVersions(String ifNoneMatch) {
        if (ifNoneMatch.strip().equals("*")) {
            return Optional.empty();
        }
        return Optional.of(parse(ifNoneMatch, "If-None-Match").stream()
                .map(tag -> version(tag.opaque()))
                .toList());
    }

    /**
     * The precondition of a write that found the item at a version its {@code If-Match} does not name, or its
     * {@code If-None-Match} does: 412, with the version it is at.
     */
    public static Problem preconditionFailed(long currentVersion) {
        return Problem.of(
                        ProblemType.PRECONDITION_FAILED,
                        "The item is at version " + currentVersion
                                + ", which the request's If-Match does not name or its If-None-Match does; nothing was"
                                + " written. Read it again before you retry.")
                .withHeader("ETag", of(currentVersion));
    }

    /** The precondition of a read that found the item at a version its {@code If-Match} does not name: 412. */
    public static Problem readPreconditionFailed(long currentVersion) {
        return Problem.of(
                        ProblemType.PRECONDITION_FAILED,
                        "The item is at version " + currentVersion + ", which the request's If-Match does not name.")
                .withHeader("ETag", of(currentVersion));
    }

    private static long version(String opaque) {
        if (!VERSION.matcher(opaque).matches()) {
            return ExpectedVersions.NONE;
        }
        try {
            return Long.parseLong(opaque);
        } catch (NumberFormatException beyondLong) {
            return ExpectedVersions.NONE;
        }
    }

    private record Tag(boolean weak, String opaque) {}

    private static List<Tag> parse(String header, String name) {
        if (header.length() > MAX_LENGTH) {
            throw new Rejection(Problem.invalid(name, "must have at most " + MAX_LENGTH + " characters"));
        }
        List<Tag> tags = new ArrayList<>();
        Matcher element = ELEMENT.matcher(header);
        for (int at = 0; at < header.length(); at = element.end()) {
            element.region(at, header.length());
            if (!element.lookingAt()) {
                throw malformed(name);
            }
            if (element.group(2) != null) {
                tags.add(new Tag(element.group(1) != null, element.group(2)));
            }
            if (element.group(3).isEmpty()) {
                break;
            }
        }
        if (tags.isEmpty()) {
            throw malformed(name);
        }
        return tags;
    }

    private static Rejection malformed(String name) {
        return new Rejection(Problem.invalid(name, "must be * or a list of quoted entity tags, such as \"3\", \"4\""));
    }
}
