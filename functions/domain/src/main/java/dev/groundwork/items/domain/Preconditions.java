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
        // No lambdas: a request with a header the SnapStart priming did not send must not be the first to link one.
        if (ifMatch.isPresent() && !ifMatch.get().admits(version)) {
            return false;
        }
        return ifNoneMatch.isEmpty() || ifNoneMatch.get().admits(version);
    }
}
