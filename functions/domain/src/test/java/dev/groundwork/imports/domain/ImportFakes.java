package dev.groundwork.imports.domain;

import dev.groundwork.items.domain.Item;
import dev.groundwork.items.domain.ItemId;
import dev.groundwork.kernel.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** In-memory jobs and items with the DynamoDB adapters' rules (chunks counted once, failed ones moved on success). */
final class ImportFakes {
    private ImportFakes() {}

    static class Jobs implements ImportJobs {
        final Map<String, ImportJob> jobs = new HashMap<>();
        final Map<String, Set<Integer>> written = new HashMap<>();
        final Map<String, Set<Integer>> failed = new HashMap<>();
        int countFailuresToInject;
        int finishFailuresToInject;

        private static String key(TenantId tenant, ImportId id) {
            return tenant + "/" + id;
        }

        final Map<String, ImportId> startedBy = new HashMap<>();

        @Override
        public void create(TenantId tenant, ImportJob job, Optional<ImportRequestId> request) {
            jobs.put(key(tenant, job.id()), job);
            request.ifPresent(started -> startedBy.put(tenant + "/" + started.value(), job.id()));
        }

        @Override
        public Optional<ImportJob> startedBy(TenantId tenant, ImportRequestId request, Instant now) {
            return Optional.ofNullable(startedBy.get(tenant + "/" + request.value()))
                    .flatMap(id -> find(tenant, id));
        }

        @Override
        public Optional<ImportJob> find(TenantId tenant, ImportId id) {
            return Optional.ofNullable(jobs.get(key(tenant, id)));
        }

        @Override
        public boolean isWritten(TenantId tenant, ImportId id, int chunk) {
            return written.getOrDefault(key(tenant, id), Set.of()).contains(chunk);
        }

        @Override
        public ImportJob recordChunk(TenantId tenant, ImportId id, int chunk, int lines, boolean ok, Instant now) {
            if (countFailuresToInject > 0) {
                countFailuresToInject--;
                throw new IllegalStateException("injected outage");
            }
            String key = key(tenant, id);
            Set<Integer> done = written.computeIfAbsent(key, k -> new HashSet<>());
            Set<Integer> bad = failed.computeIfAbsent(key, k -> new HashSet<>());
            ImportJob job = jobs.get(key);
            if (done.contains(chunk) || (!ok && bad.contains(chunk))) {
                return job;
            }
            int movedBack = bad.remove(chunk) ? lines : 0;
            (ok ? done : bad).add(chunk);
            ImportJob updated = new ImportJob(
                    job.id(),
                    ImportStatus.RUNNING,
                    job.accepted(),
                    job.rejected(),
                    job.written() + (ok ? lines : 0),
                    job.failed() + (ok ? 0 : lines) - movedBack,
                    job.chunks(),
                    job.rejectedLines(),
                    job.createdAt(),
                    now,
                    job.finishedAt());
            jobs.put(key, updated);
            return updated;
        }

        @Override
        public void finish(TenantId tenant, ImportId id, ImportStatus status, Instant now) {
            if (finishFailuresToInject > 0) {
                finishFailuresToInject--;
                throw new IllegalStateException("injected outage");
            }
            ImportJob job = jobs.get(key(tenant, id));
            jobs.put(
                    key(tenant, id),
                    new ImportJob(
                            job.id(),
                            status,
                            job.accepted(),
                            job.rejected(),
                            job.written(),
                            job.failed(),
                            job.chunks(),
                            job.rejectedLines(),
                            job.createdAt(),
                            now,
                            Optional.of(now)));
        }
    }

    /** Items written a chunk at a time, all or none, as the DynamoDB adapter's transaction writes them. */
    static final class Items implements ImportedItems {
        final Map<ItemId, Item> items = new HashMap<>();
        final Set<String> writtenChunks = new HashSet<>();
        int writes;
        int failuresToInject;

        /** Writes that go through, then fail as if their answer were lost. */
        int lostAnswersToInject;
        /** Writes that fail as the store says when it cannot tell whether they went through. */
        int unknownOutcomesToInject;

        private static String key(ImportChunk chunk) {
            return chunk.tenant().value() + "/" + chunk.importId() + "/" + chunk.number();
        }

        @Override
        public boolean isWritten(ImportChunk chunk) {
            return writtenChunks.contains(key(chunk));
        }

        @Override
        public boolean write(ImportChunk chunk, List<Item> batch) {
            if (failuresToInject > 0) {
                failuresToInject--;
                throw new IllegalStateException("injected outage");
            }
            if (unknownOutcomesToInject > 0) {
                unknownOutcomesToInject--;
                throw new ImportedItems.OutcomeUnknown("injected timeout", new IllegalStateException("timed out"));
            }
            if (!writtenChunks.add(key(chunk))) {
                return false;
            }
            if (lostAnswersToInject > 0) {
                lostAnswersToInject--;
                writes += batch.size();
                batch.forEach(item -> items.put(item.id(), item));
                throw new IllegalStateException("injected timeout after the write went through");
            }
            writes += batch.size();
            batch.forEach(item -> items.put(item.id(), item));
            return true;
        }
    }

    static final class Queue implements ImportChunks {
        final List<ImportChunk> sent = new ArrayList<>();

        @Override
        public void send(List<ImportChunk> chunks, Instant sendBy) {
            sent.addAll(chunks);
        }
    }
}
