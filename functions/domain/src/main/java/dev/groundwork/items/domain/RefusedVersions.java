package dev.groundwork.items.domain;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The versions of an item a client refuses to change or delete (its {@code If-None-Match}, RFC 9110 section 13.1.2):
 * the write goes ahead only when the stored item is at none of them. {@link #ANY} ({@code *}) refuses every stored
 * item: the client believes there is none.
 */
public record RefusedVersions(Set<Long> versions, boolean any) {
    /** {@code If-None-Match: *}: no stored item may be changed. */
    public static final RefusedVersions ANY = new RefusedVersions(Set.of(), true);

    public RefusedVersions {
        versions = Set.copyOf(versions);
        if (any != versions.isEmpty() || versions.size() > ExpectedVersions.MAX) {
            throw new IllegalArgumentException("any version, or 1 to " + ExpectedVersions.MAX + " versions");
        }
        if (versions.stream().anyMatch(version -> version < ExpectedVersions.NONE)) {
            throw new IllegalArgumentException("versions are not negative");
        }
    }

    public static RefusedVersions of(long... versions) {
        return new RefusedVersions(Arrays.stream(versions).boxed().collect(Collectors.toSet()), false);
    }

    /** Whether an item at {@code version} may be written. */
    public boolean admits(long version) {
        return !any && !versions.contains(version);
    }
}
