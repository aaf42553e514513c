package dev.groundwork.imports.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An import job of one tenant and how far it got. {@code written + failed} reaches {@code accepted} when every chunk
 * has been handled; {@code rejectedLines} lists the first rejected lines, at most {@value #MAX_REPORTED_LINES} of them
 * and {@value #MAX_REPORTED_BYTES} bytes of them as the record stores them (all are counted in {@code rejected}), so that the record
 * stays well inside DynamoDB's 400 KB item limit however long the reasons are.
 */
public record ImportJob(
        ImportId id,
        ImportStatus status,
        int accepted,
        int rejected,
        int written,
        int failed,
        int chunks,
        List<RejectedLine> rejectedLines,
        Instant createdAt,
        Instant updatedAt,
        Optional<Instant> finishedAt) {
    public static final int MAX_REPORTED_LINES = 500;
    public static final int MAX_REPORTED_BYTES = 200 * 1024;

    public ImportJob {
        if (id == null || status == null || createdAt == null || updatedAt == null || finishedAt == null) {
            throw new IllegalArgumentException("a job has an id, a status and timestamps");
        }
        if (accepted < 0 || rejected < 0 || written < 0 || failed < 0 || chunks < 0 || written + failed > accepted) {
            throw new IllegalArgumentException("counts are not negative and written + failed <= accepted");
        }
        rejectedLines = List.copyOf(rejectedLines);
    }

    /** A new job: finished at once when no line was accepted (nothing to write: it failed). */
    public static ImportJob queued(ImportId id, int accepted, List<RejectedLine> rejected, int chunks, Instant now) {
        List<RejectedLine> reported = reported(rejected);
        if (accepted == 0) {
            return new ImportJob(
                    id, ImportStatus.FAILED, 0, rejected.size(), 0, 0, 0, reported, now, now, Optional.of(now));
        }
        return new ImportJob(
                id, ImportStatus.QUEUED, accepted, rejected.size(), 0, 0, chunks, reported, now, now, Optional.empty());
    }

    private static List<RejectedLine> reported(List<RejectedLine> rejected) {
        List<RejectedLine> reported = new ArrayList<>();
        long bytes = 0;
        for (RejectedLine line : rejected) {
            bytes += line.reportedBytes();
            if (reported.size() == MAX_REPORTED_LINES || bytes > MAX_REPORTED_BYTES) {
                break;
            }
            reported.add(line);
        }
        return reported;
    }

    public boolean rejectedLinesTruncated() {
        return rejectedLines.size() < rejected;
    }
}
