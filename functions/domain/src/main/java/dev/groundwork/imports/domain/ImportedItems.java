package dev.groundwork.imports.domain;

import dev.groundwork.items.domain.Item;
import dev.groundwork.items.domain.ItemId;
import dev.groundwork.kernel.TenantId;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** Where imported items are written, in bulk. */
public interface ImportedItems {

    /** Which of these ids the tenant already has (read strongly consistent). */
    Set<ItemId> existing(TenantId tenant, Collection<ItemId> ids);

    /** Writes every item, or throws: retrying what the store could not take at once is the store's job. */
    void writeAll(TenantId tenant, List<Item> items);
}
