package dev.groundwork.imports.domain;

import dev.groundwork.items.domain.ItemDocument;
import dev.groundwork.items.domain.ItemIds;
import dev.groundwork.kernel.FieldError;
import dev.groundwork.kernel.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * Starts an import: checks every line with the rules of {@code POST /v1/items}, stores the job, splits the accepted
 * lines into chunks that fit one queue message with room to spare, and hands them over. Rejected lines are reported,
 * never written.
 */
public final class StartImport {
    public static final int MAX_LINES = 10_000;
    /**
     * A chunk is written in one DynamoDB transaction, which takes at most 100 actions
     * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html): its items and the record
     * that the chunk was written.
     */
    public static final int MAX_LINES_PER_CHUNK = 99;
    /**
     * An SQS message holds 256 KB (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html);
     * a chunk's lines take at most half of that, leaving room for the envelope and escaping.
     */
    public static final long MAX_CHUNK_BYTES = 128 * 1024;

    private final ImportJobs jobs;
    private final ImportChunks chunks;
    private final ItemIds ids;
    private final Clock clock;
    private final ToLongFunction<ImportLine> encodedSize;

    /** @param encodedSize how many bytes a line takes in a chunk message, as the queue adapter writes it */
    public StartImport(
            ImportJobs jobs, ImportChunks chunks, ItemIds ids, Clock clock, ToLongFunction<ImportLine> encodedSize) {
        this.jobs = jobs;
        this.chunks = chunks;
        this.ids = ids;
        this.clock = clock;
        this.encodedSize = encodedSize;
    }

    /**
     * @param inputs  at most {@value #MAX_LINES} lines: the HTTP adapter refuses longer files before reading them
     * @param request what names this request across retries, when the client sent an {@code Idempotency-Key}: an
     *                attempt that failed half way is then finished by the retry, under the same job, instead of
     *                leaving a failed job and starting another
     * @param sendBy  the last instant a call to the queue may start, so that the request answers while its client
     *                still waits: past it, the import stops as after a failed send ({@link ImportChunks#send})
     */
    public ImportJob start(
            TenantId tenant, List<ImportInput> inputs, Optional<ImportRequestId> request, Instant sendBy) {
        if (inputs.size() > MAX_LINES) {
            throw new IllegalArgumentException("an import has at most " + MAX_LINES + " lines");
        }
        List<ImportLine> accepted = new ArrayList<>();
        List<RejectedLine> rejected = new ArrayList<>();
        for (ImportInput input : inputs) {
            switch (input) {
                case ImportInput.Unreadable unreadable ->
                    rejected.add(new RejectedLine(unreadable.line(), List.of(unreadable.error())));
                case ImportInput.Document document -> accept(document, accepted, rejected);
            }
        }
        Optional<ImportJob> earlier = request.flatMap(started -> jobs.startedBy(tenant, started, clock.instant()));
        if (earlier.isPresent()) {
            // The same body gives the same lines; chunked under the same job and time, they carry the same item ids,
            // so what the first attempt sent is written once, and the chunks it did not send are sent now.
            ImportJob job = earlier.get();
            // Only the chunks not written yet: one that is written needs nothing, and writing it again could put back
            // an item its owner has changed since.
            chunks.send(
                    chunk(tenant, job.id(), job.createdAt(), accepted).stream()
                            .filter(part -> !jobs.isWritten(tenant, job.id(), part.number()))
                            .toList(),
                    sendBy);
            return job;
        }
        Instant now = clock.instant();
        ImportId id = ImportId.of(ids.next());
        List<ImportChunk> parts = chunk(tenant, id, now, accepted);
        ImportJob job = ImportJob.queued(id, accepted.size(), rejected, parts.size(), now);
        // The job first: a chunk whose job is missing could not report its progress.
        jobs.create(tenant, job, request);
        if (!parts.isEmpty()) {
            try {
                // A queue that answers slowly would otherwise keep the request past the gateway's 30 s, whose 503 a
                // client takes for a failure while this request goes on sending.
                chunks.send(parts, sendBy);
            } catch (RuntimeException unsent) {
                if (request.isEmpty()) {
                    // No retry can finish this job: it says that it cannot finish with every line. Its chunks
                    // that are on their way are dropped by the worker (WriteImportChunk), so a new request
                    // writes its lines once.
                    try {
                        jobs.finish(tenant, id, ImportStatus.FAILED, clock.instant());
                    } catch (RuntimeException unfinished) {
                        // The send's failure is the cause the caller and the logs must see.
                        unsent.addSuppressed(unfinished);
                    }
                }
                throw unsent;
            }
        }
        return job;
    }

    private void accept(ImportInput.Document document, List<ImportLine> accepted, List<RejectedLine> rejected) {
        switch (ItemDocument.read(document.document())) {
            case ItemDocument.Valid valid -> {
                ImportLine line = new ImportLine(document.line(), valid.content());
                if (encodedSize.applyAsLong(line) > MAX_CHUNK_BYTES) {
                    rejected.add(new RejectedLine(
                            document.line(),
                            List.of(new FieldError(
                                    "",
                                    "is larger than an import line may be (" + MAX_CHUNK_BYTES / 1024
                                            + " KB of JSON in UTF-8); create this item with POST /v1/items"))));
                } else {
                    accepted.add(line);
                }
            }
            case ItemDocument.Invalid invalid ->
                rejected.add(new RejectedLine(
                        document.line(),
                        // Past the lines a job reports, a line is only counted: its first reason is enough to hold.
                        rejected.size() < ImportJob.MAX_REPORTED_LINES
                                ? invalid.errors()
                                : invalid.errors().subList(0, 1)));
            case ItemDocument.TooLarge tooLarge ->
                rejected.add(new RejectedLine(
                        document.line(),
                        List.of(new FieldError(
                                "",
                                "would take about " + tooLarge.bytes() + " bytes; an item may take at most "
                                        + ItemDocument.MAX_ITEM_BYTES))));
        }
    }

    private List<ImportChunk> chunk(TenantId tenant, ImportId id, Instant now, List<ImportLine> lines) {
        List<ImportChunk> parts = new ArrayList<>();
        List<ImportLine> current = new ArrayList<>();
        long bytes = 0;
        for (ImportLine line : lines) {
            long size = encodedSize.applyAsLong(line);
            if (!current.isEmpty() && (current.size() == MAX_LINES_PER_CHUNK || bytes + size > MAX_CHUNK_BYTES)) {
                parts.add(new ImportChunk(tenant, id, now, parts.size() + 1, current));
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(line);
            bytes += size;
        }
        if (!current.isEmpty()) {
            parts.add(new ImportChunk(tenant, id, now, parts.size() + 1, current));
        }
        return parts;
    }
}
