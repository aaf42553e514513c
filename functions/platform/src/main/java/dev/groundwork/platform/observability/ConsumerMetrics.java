package dev.groundwork.platform.observability;

import com.amazonaws.services.lambda.runtime.Context;
import java.time.Duration;
import java.util.Optional;

/**
 * What each batch of an event consumer (an SQS queue's or a stream's) reports: how many events came, how many failed,
 * how old the oldest was when the batch began, and how long it took; and, for meters, how many were recognised as
 * already counted.
 */
public interface ConsumerMetrics {

    /** Reports nothing: for tests that look only at what a consumer does. */
    ConsumerMetrics NONE = new ConsumerMetrics() {
        @Override
        public void batch(Context context, Batch batch) {}

        @Override
        public void deduplicated(Context context, long events) {}
    };

    /**
     * @param size      the events in the batch
     * @param failed    the events that return to their source (all of them when the batch threw)
     * @param oldestAge the age of the batch's oldest event when the batch began (empty when no event says when it was
     *                  sent)
     * @param latency   the time the batch took
     */
    record Batch(int size, int failed, Optional<Duration> oldestAge, Duration latency) {
        public Batch {
            if (size < 0 || failed < 0 || failed > size) {
                throw new IllegalArgumentException("a batch of " + size + " cannot have " + failed + " failed events");
            }
        }

        public int processed() {
            return size - failed;
        }
    }

    void batch(Context context, Batch batch);

    /** Events that a meter recognised as counted before (a redelivery or a retried stream batch). */
    void deduplicated(Context context, long events);

    /**
     * Where a SnapStart priming reports (dev.groundwork.platform.snapstart.Priming): the same code path as far as it
     * can go without anything reaching CloudWatch. Reports nothing unless an implementation says otherwise.
     */
    default ConsumerMetrics forPriming() {
        return NONE;
    }
}
