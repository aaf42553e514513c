package dev.groundwork.items.domain;

import java.util.Optional;

/**
 * What a client's conditional headers ask of an item's stored version before a change or a delete (RFC 9110, section
 * 13): the versions it may be at ({@code If-Match}) and those it must not be at ({@code If-None-Match}). The write goes
 * ahead only when the stored version meets both; otherwise it is a failed precondition and nothing is written.
 */
public record Preconditions(Optional<ExpectedVersions> ifMatch, Optional<RefusedVersions> ifNoneMatch) {
    /** No conditional header: any stored version may be written. */
    public static final Preconditions NONE = new Preconditions(Optional.empty(), Optional.empty());

    public static Preconditions ifMatch(ExpectedVersions versions) {
        return new Preconditions(Optional.of(versions), Optional.empty());
    }

    public static Preconditions ifNoneMatch(RefusedVersions versions) {
        return new Preconditions(Optional.empty(), Optional.of(versions));
    }

    /** Whether an item at {@code version} may be written. */
    public boolean admits(long version) {
        // No lambdas: a lambda's class is made where its expression first runs, and a request after a SnapStart
        // restore should find every one of them made by the priming.
        if (ifMatch.isPresent() && !ifMatch.get().admits(version)) {
            return false;
        }
        return ifNoneMatch.isEmpty() || ifNoneMatch.get().admits(version);
    }
}
