package dev.groundwork.async.usage;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import dev.groundwork.async.sqs.SqsSender;
import dev.groundwork.usage.domain.ChangeRun;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays a batch of the items table's stream to the item-events queue as runs of changes, one message per tenant
 * (see {@link StreamChanges}). It sends all or throws: Lambda then retries the same batch, which yields the same runs,
 * which the meter counts once whatever was sent before.
 */
public final class ItemEventsRelay {
    private static final Logger LOG = LoggerFactory.getLogger(ItemEventsRelay.class);

    private final SqsSender itemEvents;

    public ItemEventsRelay(SqsSender itemEvents) {
        this.itemEvents = itemEvents;
    }

    public int relay(DynamodbEvent batch) {
        List<ChangeRun> runs = StreamChanges.runs(batch);
        itemEvents.send(runs.stream()
                .map(run -> new SqsSender.Outgoing(ChangeRunMessages.write(run), run.tenant().value()))
                .toList());
        int records = batch.getRecords() == null ? 0 : batch.getRecords().size();
        int changes = runs.stream().mapToInt(run -> run.changes().size()).sum();
        LOG.info("stream batch relayed", entry("records", records), entry("item_changes", changes), entry("runs", runs.size()));
        return runs.size();
    }
}
