package dev.groundwork.items.domain;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The versions of an item a client agrees to change or delete (its {@code If-Match}): the write goes ahead only when
 * the stored item is at one of them. Version 0 stands for a tag that names no version of ours; no item has it, since
 * versions count from 1.
 */
public record ExpectedVersions(Set<Long> versions) {
    /** Stands for a tag that can never match: a weak one, or one that is no version of ours. */
    public static final long NONE = 0;

    /**
     * At most this many: a conditional write names each one (DynamoDB takes at most 100 operands in {@code IN}), and
     * no client of ours has more than a few versions it would accept.
     */
    public static final int MAX = 10;

    public ExpectedVersions {
        versions = Set.copyOf(versions);
        if (versions.isEmpty() || versions.size() > MAX) {
            throw new IllegalArgumentException("1 to " + MAX + " expected versions");
        }
        if (versions.stream().anyMatch(version -> version < NONE)) {
            throw new IllegalArgumentException("versions are not negative");
        }
    }

    public static ExpectedVersions of(long... versions) {
        return new ExpectedVersions(Arrays.stream(versions).boxed().collect(Collectors.toSet()));
    }

    /** Whether an item at {@code version} may be written. */
    public boolean admits(long version) {
        return versions.contains(version);
    }
}
