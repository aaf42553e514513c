package dev.groundwork.imports.domain;

import java.util.Locale;

/** Where a job is: queued until its first chunk is written, running, then succeeded or failed for good. */
public enum ImportStatus {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED;
    }
}
