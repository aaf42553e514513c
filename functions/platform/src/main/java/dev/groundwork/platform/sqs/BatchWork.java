package dev.groundwork.platform.sqs;

import java.util.List;

/** What a consumer does with the readable messages of a batch: all at once, so it can aggregate them. */
@FunctionalInterface
public interface BatchWork<T> {

    /** @return the messages that failed, each alone; every other message counts as done and is deleted */
    List<Failure> process(List<Received<T>> batch);

    /**
     * A message that failed, with what the error log says about it.
     *
     * @param event what the message is about, such as a run's key or an import chunk
     */
    record Failure(String messageId, String tenant, String event, String reason) {}
}
