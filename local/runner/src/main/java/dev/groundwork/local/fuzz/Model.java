package dev.groundwork.local.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the fuzzer expects the application to hold, built only from the answers it got: each tenant's items (id,
 * version, name, updatedAt) from 2xx answers, so that any write by a rejected request shows as a difference. Also the
 * ids, cursors, Idempotency-Keys and import jobs the generator reuses.
 */
final class Model {

    /** What of an item a rejected write must not change. */
    record ItemState(long version, String name, String updatedAt) {
        static ItemState of(JsonNode item) {
            return new ItemState(
                    item.path("version").asLong(),
                    item.path("name").asText(),
                    item.path("updatedAt").asText());
        }
    }

    /** An Idempotency-Key as first used: the body's bytes and the item or import it created (null if not created). */
    record KeyUse(byte[] body, String createdId) {}

    static final class Tenant {
        final String name;
        final Map<String, ItemState> items = new LinkedHashMap<>();
        final List<String> gone = new ArrayList<>();
        final Map<String, KeyUse> keys = new LinkedHashMap<>();
        final List<String> imports = new ArrayList<>();
        String cursor;
        /** Set when an answer left the state unknown (a 5xx or no answer to a write): the next check resynchronises. */
        boolean uncertain;

        Tenant(String name) {
            this.name = name;
        }

        List<String> ids() {
            return List.copyOf(items.keySet());
        }
    }

    private final Map<String, Tenant> tenants = new LinkedHashMap<>();
    private final Map<String, String> owners = new HashMap<>();

    Model(List<String> names) {
        names.forEach(name -> tenants.put(name, new Tenant(name)));
    }

    Tenant tenant(String name) {
        return Objects.requireNonNull(tenants.get(name), name);
    }

    List<Tenant> tenants() {
        return List.copyOf(tenants.values());
    }

    void stored(String tenant, JsonNode item) {
        String id = item.path("id").asText();
        tenant(tenant).items.put(id, ItemState.of(item));
        owners.put(id, tenant);
    }

    void deleted(String tenant, String id) {
        if (tenant(tenant).items.remove(id) != null) {
            tenant(tenant).gone.add(id);
        }
    }

    /** The tenant that owns the item, as far as the answers said; null if none does. */
    String owner(String id) {
        return owners.get(id);
    }
}
