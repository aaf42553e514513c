package dev.groundwork.imports.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.groundwork.items.domain.Item;
import dev.groundwork.items.domain.ItemContent;
import dev.groundwork.items.domain.ItemId;
import dev.groundwork.kernel.OutOfTime;
import dev.groundwork.kernel.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ImportUseCasesTest {
    private static final TenantId ACME = new TenantId("acme");
    /** A request that has all the time it needs to send its chunks. */
    private static final Instant NO_HURRY = Instant.MAX;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T18:00:00Z"), ZoneOffset.UTC);
    private final ImportFakes.Jobs jobs = new ImportFakes.Jobs();
    private final ImportFakes.Items items = new ImportFakes.Items();
    private final ImportFakes.Queue queue = new ImportFakes.Queue();
    private final AtomicInteger nextId = new AtomicInteger();
    private final StartImport startImport = new StartImport(
            jobs,
            queue,
            () -> new ItemId("01JBZ3NDEKTSV4RRFFQ69G5F" + (char) ('A' + nextId.getAndIncrement()) + "V"),
            clock,
            line -> 1_000);
    private final WriteImportChunk writeChunk = new WriteImportChunk(jobs, items, clock);

    private static List<ImportInput> lines(int count, int invalidEvery) {
        List<ImportInput> inputs = new ArrayList<>();
        for (int line = 1; line <= count; line++) {
            inputs.add(
                    line % invalidEvery == 0
                            ? new ImportInput.Document(line, Map.of("name", "", "id", "x"))
                            : new ImportInput.Document(line, Map.of("name", "item " + line)));
        }
        return inputs;
    }

    @Test
    void checksEveryLineWithTheItemRulesAndReportsEachRejectedLine() {
        List<ImportInput> inputs = new ArrayList<>(lines(10, 5));
        inputs.add(new ImportInput.Unreadable(11, "is not valid JSON"));

        ImportJob job = startImport.start(ACME, inputs, Optional.empty(), NO_HURRY);

        assertThat(job.accepted()).isEqualTo(8);
        assertThat(job.rejected()).isEqualTo(3);
        assertThat(job.rejectedLines()).extracting(RejectedLine::number).containsExactly(5, 10, 11);
        assertThat(job.rejectedLines().getFirst().errors())
                .extracting(error -> error.field())
                .contains("name", "id");
        assertThat(job.status()).isEqualTo(ImportStatus.QUEUED);
    }

    @Test
    void splitsAcceptedLinesIntoChunksOfAtMostNinetyNineLinesAndHalfAnSqsMessage() {
        ImportJob job = startImport.start(ACME, lines(1_000, 1_001), Optional.empty(), NO_HURRY);

        // 99 items and the chunk's own record: one DynamoDB transaction of at most 100 actions
        assertThat(queue.sent)
                .hasSize(11)
                .allSatisfy(chunk -> assertThat(chunk.lines()).hasSizeLessThanOrEqualTo(99));
        assertThat(job.chunks()).isEqualTo(11);

        StartImport bigLines =
                new StartImport(jobs, queue, () -> new ItemId("01JBZ3NDEKTSV4RRFFQ69G5FZZ"), clock, line -> 50 * 1024);
        queue.sent.clear();
        bigLines.start(ACME, lines(10, 11), Optional.empty(), NO_HURRY);
        assertThat(queue.sent)
                .hasSize(5)
                .allSatisfy(chunk -> assertThat(chunk.lines()).hasSize(2));
    }

    @Test
    void rejectsALineTooLargeForAQueueMessage() {
        StartImport huge = new StartImport(
                jobs,
                queue,
                () -> new ItemId("01JBZ3NDEKTSV4RRFFQ69G5FZZ"),
                clock,
                line -> StartImport.MAX_CHUNK_BYTES + 1);

        ImportJob job = huge.start(ACME, lines(1, 2), Optional.empty(), NO_HURRY);

        assertThat(job.rejected()).isEqualTo(1);
        assertThat(job.status()).isEqualTo(ImportStatus.FAILED);
        assertThat(queue.sent).isEmpty();
    }

    @Test
    void writesARedeliveredChunkOnceAndFinishesTheJobWithItsLastChunk() {
        ImportJob job = startImport.start(ACME, lines(150, 1_000), Optional.empty(), NO_HURRY);
        ImportChunk first = queue.sent.get(0);
        ImportChunk second = queue.sent.get(1);

        assertThat(writeChunk.write(first, false)).isEqualTo(WriteImportChunk.Outcome.WRITTEN);
        assertThat(writeChunk.write(first, false)).isEqualTo(WriteImportChunk.Outcome.ALREADY_WRITTEN);
        assertThat(jobs.find(ACME, job.id()).orElseThrow().status()).isEqualTo(ImportStatus.RUNNING);
        writeChunk.write(second, false);

        ImportJob done = jobs.find(ACME, job.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(ImportStatus.SUCCEEDED);
        assertThat(done.written()).isEqualTo(150);
        assertThat(items.writes).isEqualTo(150);
    }

    @Test
    void countsAChunkAnEarlierDeliveryWroteButDidNotCountWithoutWritingItAgain() {
        // given: a delivery wrote the chunk's items, then the worker died before counting them
        ImportJob job = startImport.start(ACME, lines(99, 1_000), Optional.empty(), NO_HURRY);
        ImportChunk chunk = queue.sent.getFirst();
        List<Item> written = chunk.items();
        items.write(chunk, written);
        // and the tenant deleted one of them since
        ItemId deletedSince = written.getFirst().id();
        items.items.remove(deletedSince);

        // when: the queue delivers it again
        assertThat(writeChunk.write(chunk, false)).isEqualTo(WriteImportChunk.Outcome.WRITTEN);

        // then: counted once, and nothing written again, so the item the tenant deleted does not come back
        ImportJob done = jobs.find(ACME, job.id()).orElseThrow();
        assertThat(done.written()).isEqualTo(99);
        assertThat(done.status()).isEqualTo(ImportStatus.SUCCEEDED);
        assertThat(items.writes).isEqualTo(99);
        assertThat(items.items).hasSize(98).doesNotContainKey(deletedSince);
    }

    @Test
    void countsAChunkWhoseWriteWentThroughThoughItsAnswerWasLostOnTheLastDeliveryAsWritten() {
        ImportJob job = startImport.start(ACME, lines(10, 1_000), Optional.empty(), NO_HURRY);
        items.lostAnswersToInject = 1;

        assertThat(writeChunk.write(queue.sent.getFirst(), true)).isEqualTo(WriteImportChunk.Outcome.WRITTEN);

        ImportJob done = jobs.find(ACME, job.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(ImportStatus.SUCCEEDED);
        assertThat(done.written()).isEqualTo(10);
        assertThat(done.failed()).isZero();
        assertThat(items.writes).isEqualTo(10);
    }

    @Test
    void countsAStoredChunkWhoseCountFailedOnTheLastDeliveryOnceMoreAndElseNeverAsFailed() {
        // given: the chunk's items are stored, but counting them fails on the queue's last delivery, twice
        ImportJob job = startImport.start(ACME, lines(10, 1_000), Optional.empty(), NO_HURRY);
        ImportChunk chunk = queue.sent.getFirst();
        jobs.countFailuresToInject = 2;

        assertThatThrownBy(() -> writeChunk.write(chunk, true)).isInstanceOf(IllegalStateException.class);

        // then: the job does not tell the client the stored lines failed (it would import them again)
        ImportJob waiting = jobs.find(ACME, job.id()).orElseThrow();
        assertThat(waiting.failed()).isZero();
        assertThat(waiting.written()).isZero();
        assertThat(waiting.status()).isEqualTo(ImportStatus.QUEUED);
        assertThat(items.writes).isEqualTo(10);

        // and the dead-letter queue's redrive counts it, writing nothing again
        writeChunk.write(chunk, false);
        ImportJob redriven = jobs.find(ACME, job.id()).orElseThrow();
        assertThat(redriven.status()).isEqualTo(ImportStatus.SUCCEEDED);
        assertThat(redriven.written()).isEqualTo(10);
        assertThat(items.writes).isEqualTo(10);
    }

    @Test
    void countsAStoredChunkWhoseCountFailedOnceOnTheLastDelivery() {
        ImportJob job = startImport.start(ACME, lines(10, 1_000), Optional.empty(), NO_HURRY);
        jobs.countFailuresToInject = 1;

        assertThat(writeChunk.write(queue.sent.getFirst(), true)).isEqualTo(WriteImportChunk.Outcome.WRITTEN);

        assertThat(jobs.find(ACME, job.id()).orElseThrow().status()).isEqualTo(ImportStatus.SUCCEEDED);
    }

    @Test
    void neverCountsAsFailedAChunkWhoseWriteMayHaveGoneThroughOnTheLastDelivery() {
        ImportJob job = startImport.start(ACME, lines(10, 1_000), Optional.empty(), NO_HURRY);
        items.unknownOutcomesToInject = 1;

        assertThatThrownBy(() -> writeChunk.write(queue.sent.getFirst(), true))
                .isInstanceOf(ImportedItems.OutcomeUnknown.class);

        assertThat(jobs.find(ACME, job.id()).orElseThrow().failed()).isZero();
    }

    @Test
    void aDeliveryOfAChunkCountedBeforeFinishesTheJobTheDeliveryThatCountedItCouldNot() {
        // given: the last chunk counted, then finishing the job failed
        ImportJob job = startImport.start(ACME, lines(3, 1_000), Optional.empty(), NO_HURRY);
        ImportChunk chunk = queue.sent.getFirst();
        jobs.finishFailuresToInject = 1;
        assertThatThrownBy(() -> writeChunk.write(chunk, false)).isInstanceOf(IllegalStateException.class);
        assertThat(jobs.find(ACME, job.id()).orElseThrow().status()).isEqualTo(ImportStatus.RUNNING);

        // when: the queue delivers it again
        assertThat(writeChunk.write(chunk, false)).isEqualTo(WriteImportChunk.Outcome.ALREADY_WRITTEN);

        // then
        ImportJob done = jobs.find(ACME, job.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(ImportStatus.SUCCEEDED);
        assertThat(done.written()).isEqualTo(3);
        assertThat(items.writes).isEqualTo(3);
    }

    @Test
    void writesNothingOfAChunkWhoseJobIsNotThereAndSaysSo() {
        ImportChunk orphan = new ImportChunk(
                ACME,
                new ImportId("01JBZ3NDEKTSV4RRFFQ69G5FXV"),
                clock.instant(),
                1,
                List.of(new ImportLine(1, new ItemContent("x", Map.of(), List.of()))));

        assertThatThrownBy(() -> writeChunk.write(orphan, true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("its job is not in the table");
        assertThat(items.writes).isZero();
    }

    /** helper-86: a chunk 2 of a job of one chunk was written and counted, and its job then answered 500 forever. */
    @Test
    void writesNothingOfAChunkItsJobNeverSentAndStillWritesTheChunksItDid() {
        ImportJob job = startImport.start(ACME, lines(3, 1_000), Optional.empty(), NO_HURRY);
        ImportChunk sent = queue.sent.getFirst();
        ItemContent extra = new ItemContent("extra", Map.of(), List.of());
        ImportChunk beyondItsChunks =
                new ImportChunk(ACME, job.id(), sent.importedAt(), 2, List.of(new ImportLine(7, extra)));
        ImportChunk moreLinesThanAccepted = new ImportChunk(
                ACME,
                job.id(),
                sent.importedAt(),
                1,
                List.of(
                        new ImportLine(1, extra),
                        new ImportLine(2, extra),
                        new ImportLine(3, extra),
                        new ImportLine(4, extra)));

        for (ImportChunk foreign : List.of(beyondItsChunks, moreLinesThanAccepted)) {
            assertThatThrownBy(() -> writeChunk.write(foreign, true))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is no chunk of its job");
        }

        assertThat(items.writes).isZero();
        assertThat(jobs.find(ACME, job.id())).contains(job);
        writeChunk.write(sent, false);
        ImportJob done = jobs.find(ACME, job.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(ImportStatus.SUCCEEDED);
        assertThat(done.written()).isEqualTo(3);
    }

    /** helper-91: a duplicate delivery counted between the two reads was refused as no chunk of its job. */
    @Test
    void aChunkCountedByAnotherDeliveryBetweenItsReadsIsAlreadyWrittenNotForeign() {
        ImportFakes.Jobs racing = new ImportFakes.Jobs() {
            private boolean raced;

            @Override
            public boolean isWritten(TenantId tenant, ImportId id, int chunk) {
                boolean written = super.isWritten(tenant, id, chunk);
                if (!raced) {
                    raced = true; // the other delivery counts it just after this one looked
                    recordChunk(tenant, id, chunk, 3, true, clock.instant());
                }
                return written;
            }
        };
        StartImport start =
                new StartImport(racing, queue, () -> new ItemId("01JBZ3NDEKTSV4RRFFQ69G5FZZ"), clock, line -> 1_000);
        ImportJob job = start.start(ACME, lines(3, 1_000), Optional.empty(), NO_HURRY);

        WriteImportChunk.Outcome outcome =
                new WriteImportChunk(racing, items, clock).write(queue.sent.getFirst(), true);

        assertThat(outcome).isEqualTo(WriteImportChunk.Outcome.ALREADY_WRITTEN);
        assertThat(racing.find(ACME, job.id()).orElseThrow().status()).isEqualTo(ImportStatus.SUCCEEDED);
        assertThat(items.writes).isZero();
    }

    @Test
    void countsAChunkAsFailedOnItsLastDeliveryAndAsWrittenWhenARedriveSucceeds() {
        ImportJob job = startImport.start(ACME, lines(99, 1_000), Optional.empty(), NO_HURRY);
        ImportChunk chunk = queue.sent.getFirst();
        items.failuresToInject = 2;

        assertThatThrownBy(() -> writeChunk.write(chunk, false)).isInstanceOf(IllegalStateException.class);
        assertThat(jobs.find(ACME, job.id()).orElseThrow().failed()).isZero();
        assertThatThrownBy(() -> writeChunk.write(chunk, true)).isInstanceOf(IllegalStateException.class);
        ImportJob failed = jobs.find(ACME, job.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(ImportStatus.FAILED);
        assertThat(failed.failed()).isEqualTo(99);

        writeChunk.write(chunk, false);

        ImportJob redriven = jobs.find(ACME, job.id()).orElseThrow();
        assertThat(redriven.status()).isEqualTo(ImportStatus.SUCCEEDED);
        assertThat(redriven.written()).isEqualTo(99);
        assertThat(redriven.failed()).isZero();
    }

    @Test
    void aRetryOfTheSameRequestSendsTheChunksOfItsJobNotYetWrittenInsteadOfStartingAnother() {
        ImportRequestId request = new ImportRequestId("a".repeat(64));
        AtomicBoolean down = new AtomicBoolean(true);
        StartImport flaky = new StartImport(
                jobs,
                (chunks, sendBy) -> {
                    if (down.get()) {
                        throw new IllegalStateException("queue unavailable");
                    }
                    queue.send(chunks, sendBy);
                },
                () -> new ItemId("01JBZ3NDEKTSV4RRFFQ69G5F" + (char) ('A' + nextId.getAndIncrement()) + "V"),
                clock,
                line -> 100);
        assertThatThrownBy(() -> flaky.start(ACME, lines(250, 1_000), Optional.of(request), NO_HURRY))
                .isInstanceOf(IllegalStateException.class);
        down.set(false);
        queue.sent.clear();
        ImportId started = jobs.jobs.values().iterator().next().id();
        jobs.recordChunk(ACME, started, 1, 100, true, clock.instant()); // the worker wrote what got through

        ImportJob job = flaky.start(ACME, lines(250, 1_000), Optional.of(request), NO_HURRY);

        assertThat(jobs.jobs).hasSize(1);
        assertThat(job.id()).isEqualTo(started);
        assertThat(queue.sent).extracting(ImportChunk::number).containsExactly(2, 3);
        assertThat(queue.sent).allSatisfy(chunk -> assertThat(chunk.importId()).isEqualTo(started));
    }

    @Test
    void marksTheJobFailedWhenItsChunksCannotBeSent() {
        StartImport unsent = withTheQueueDown(jobs);

        assertThatThrownBy(() -> unsent.start(ACME, lines(3, 10), Optional.empty(), NO_HURRY))
                .isInstanceOf(IllegalStateException.class);

        assertThat(jobs.find(ACME, new ImportId("01JBZ3NDEKTSV4RRFFQ69G5FZZ"))
                        .orElseThrow()
                        .status())
                .isEqualTo(ImportStatus.FAILED);
    }

    /**
     * helper-89: a queue that answers slowly kept a request past the gateway's 30 s, whose 503 a client without a key
     * takes for a failure and sends again, while the first one went on sending. The queue is told when to stop; when
     * it does, the job fails as after a failed send.
     */
    @Test
    void tellsTheQueueWhenToStopSendingAndFailsTheJobWhenItRanOutOfTime() {
        Instant sendBy = clock.instant().plusSeconds(18);
        List<Instant> told = new ArrayList<>();
        StartImport slowQueue = new StartImport(
                jobs,
                (chunks, until) -> {
                    told.add(until);
                    throw new OutOfTime("import-jobs: 10 of 35 messages sent when the time to answer ran out");
                },
                () -> new ItemId("01JBZ3NDEKTSV4RRFFQ69G5FZZ"),
                clock,
                line -> 1_000);

        assertThatThrownBy(() -> slowQueue.start(ACME, lines(250, 1_000), Optional.empty(), sendBy))
                .isInstanceOf(OutOfTime.class);

        assertThat(told).containsExactly(sendBy);
        assertThat(jobs.find(ACME, new ImportId("01JBZ3NDEKTSV4RRFFQ69G5FZZ"))
                        .orElseThrow()
                        .status())
                .isEqualTo(ImportStatus.FAILED);
    }

    @Test
    void dropsTheChunksOfAnAbandonedJobEvenWhenTheWorkerWroteOneBeforeTheRequestGaveUp() {
        // given: a request without an Idempotency-Key whose queue took two chunks and then failed, while the worker
        // was quick enough to write the first of them before the request marked its job failed
        List<ImportChunk> taken = new ArrayList<>();
        StartImport halfSent = new StartImport(
                jobs,
                (chunks, sendBy) -> {
                    taken.addAll(chunks.subList(0, 2));
                    writeChunk.write(chunks.getFirst(), false);
                    throw new IllegalStateException("queue unavailable");
                },
                () -> new ItemId("01JBZ3NDEKTSV4RRFFQ69G5FZZ"),
                clock,
                line -> 100);
        assertThatThrownBy(() -> halfSent.start(ACME, lines(250, 1_000), Optional.empty(), NO_HURRY))
                .isInstanceOf(IllegalStateException.class);

        // when: the queue delivers the second chunk
        WriteImportChunk.Outcome second = writeChunk.write(taken.get(1), false);

        // then: it is dropped, as the first would have been: the client, told the import failed, sends it again
        assertThat(second).isEqualTo(WriteImportChunk.Outcome.ABANDONED);
        assertThat(items.writes).isEqualTo(99);
        assertThat(jobs.find(ACME, new ImportId("01JBZ3NDEKTSV4RRFFQ69G5FZZ"))
                        .orElseThrow()
                        .status())
                .isEqualTo(ImportStatus.FAILED);
    }

    @Test
    void whenTheFailedJobCannotBeFinishedEitherTheSendsFailureIsWhatTheCallerSeesWithTheOtherBeside() {
        ImportFakes.Jobs unfinishable = new ImportFakes.Jobs() {
            @Override
            public void finish(TenantId tenant, ImportId id, ImportStatus status, Instant now) {
                throw new IllegalStateException("table unavailable");
            }
        };
        StartImport unsent = withTheQueueDown(unfinishable);

        assertThatThrownBy(() -> unsent.start(ACME, lines(3, 10), Optional.empty(), NO_HURRY))
                .hasMessage("queue unavailable")
                .satisfies(thrown -> assertThat(thrown.getSuppressed())
                        .extracting(Throwable::getMessage)
                        .containsExactly("table unavailable"));
    }

    /** Starts imports over {@code jobs} whose chunks cannot be sent: the queue is down. */
    private StartImport withTheQueueDown(ImportJobs jobs) {
        return new StartImport(
                jobs,
                (chunks, sendBy) -> {
                    throw new IllegalStateException("queue unavailable");
                },
                () -> new ItemId("01JBZ3NDEKTSV4RRFFQ69G5FZZ"),
                clock,
                line -> 100);
    }
}
