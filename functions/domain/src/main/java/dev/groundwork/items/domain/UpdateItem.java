package dev.groundwork.items.domain;

import dev.groundwork.kernel.FieldError;
import dev.groundwork.kernel.TenantId;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Changes an item with a JSON Merge Patch (RFC 7396). An item whose version the client's preconditions do not admit
 * ({@code If-Match}, {@code If-None-Match}) is a failed precondition; a write that races another is retried on the
 * newer version, its preconditions checked again, so that the patch is applied once, to a current item, and never
 * overwrites a change it did not see. A patch that leaves the item as it is ({@code {}}, or values it already holds)
 * writes nothing and answers the item as it is.
 */
public final class UpdateItem {
    private static final int ATTEMPTS = 5;

    private final Items items;
    private final Clock clock;

    public UpdateItem(Items items, Clock clock) {
        this.items = items;
        this.clock = clock;
    }

    public sealed interface Outcome permits Updated, NotFound, PreconditionFailed, Invalid, TooLarge, Contended {}

    public record Updated(Item item) implements Outcome {}

    public record NotFound() implements Outcome {}

    /** The item's version is not one the client's preconditions admit. */
    public record PreconditionFailed(long currentVersion) implements Outcome {}

    public record Invalid(List<FieldError> errors) implements Outcome {
        public Invalid {
            errors = List.copyOf(errors);
        }
    }

    public record TooLarge(long bytes) implements Outcome {}

    /** Other writers kept changing the item; the client may retry. */
    public record Contended() implements Outcome {}

    /**
     * @param patch           a JSON object as plain Java values; {@code null} values remove fields
     * @param conditions      the versions the client agrees, and refuses, to patch
     */
    public Outcome update(TenantId tenant, ItemId id, Map<String, Object> patch, Preconditions conditions) {
        List<FieldError> foreign = ItemDocument.foreignFields(patch);
        if (!foreign.isEmpty()) {
            // Checked on the patch itself: a null for an unknown field would otherwise vanish in the merge, unnoticed.
            return new Invalid(foreign);
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Item> found = items.findLatest(tenant, id);
            if (found.isEmpty()) {
                return new NotFound();
            }
            Item current = found.get();
            if (!conditions.admits(current.version())) {
                return new PreconditionFailed(current.version());
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> patched =
                    (Map<String, Object>) MergePatch.apply(ItemDocument.of(current.content()), patch);
            ItemContent content;
            switch (ItemDocument.read(patched)) {
                case ItemDocument.Valid valid -> content = valid.content();
                case ItemDocument.Invalid invalid -> {
                    return new Invalid(invalid.errors());
                }
                case ItemDocument.TooLarge tooLarge -> {
                    return new TooLarge(tooLarge.bytes());
                }
            }
            if (content.storedAlikeAs(current.content())) {
                // A patch that changes nothing writes nothing: the version, the ETag a client holds and updatedAt
                // stay, and no change reaches the stream, so nothing is metered.
                return new Updated(current);
            }
            Item revised = current.revised(content, clock.instant());
            if (items.replace(tenant, revised, current.version())) {
                return new Updated(revised);
            }
            // Someone else wrote first: the next attempt reads their version, and refuses it unless the client's
            // preconditions admit that one too.
        }
        return new Contended();
    }
}
