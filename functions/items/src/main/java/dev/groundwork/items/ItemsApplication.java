package dev.groundwork.items;

import dev.groundwork.items.domain.CreateItem;
import dev.groundwork.items.domain.DeleteItem;
import dev.groundwork.items.domain.GetItem;
import dev.groundwork.items.domain.Item;
import dev.groundwork.items.domain.ItemId;
import dev.groundwork.items.domain.ItemIds;
import dev.groundwork.items.domain.Items;
import dev.groundwork.items.domain.ListItems;
import dev.groundwork.items.domain.PageCursors;
import dev.groundwork.items.domain.Preconditions;
import dev.groundwork.items.domain.UlidGenerator;
import dev.groundwork.items.domain.UpdateItem;
import dev.groundwork.items.dynamodb.DynamoDbItems;
import dev.groundwork.kernel.TenantId;
import dev.groundwork.platform.config.AwsClients;
import dev.groundwork.platform.dynamodb.TableAccess;
import dev.groundwork.platform.http.HttpFunction;
import dev.groundwork.platform.idempotency.DynamoDbIdempotencyRecords;
import dev.groundwork.platform.idempotency.IdempotencyRecords;
import dev.groundwork.platform.idempotency.IdempotentRequests;
import dev.groundwork.platform.observability.PowertoolsRequestMetrics;
import dev.groundwork.platform.observability.RequestMetrics;
import dev.groundwork.platform.snapstart.AfterRestore;
import dev.groundwork.platform.tenancy.TenantCredentials;
import dev.groundwork.platform.tenancy.TenantScope;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The wiring of the item functions, done once per container: from the environment in Lambda, from collaborators given
 * by tests and the local runner. Handlers take what they need from here.
 */
public final class ItemsApplication {
    private final HttpFunction http;
    private final Items items;
    private final ItemIds ids;
    private final PageCursors cursors;
    private final IdempotentRequests idempotentRequests;
    private final Clock clock;
    /** After a SnapStart restore, new ids are drawn afresh (ItemIds#reseed); held because the runtime holds hooks weakly. */
    private final AfterRestore reseedIds;
    /** A delete DynamoDB answers as a success and that removes nothing ({@link DynamoDbItems#removeNothing}). */
    private final BiConsumer<TenantId, ItemId> removeNothing;

    public ItemsApplication(
            String tenantClaim,
            Items items,
            IdempotencyRecords idempotencyRecords,
            PageCursors cursors,
            ItemIds ids,
            Clock clock,
            RequestMetrics metrics,
            TenantScope tenants,
            BiConsumer<TenantId, ItemId> removeNothing) {
        this.http = new HttpFunction(tenantClaim, metrics, tenants);
        this.items = items;
        this.removeNothing = removeNothing;
        this.ids = ids;
        this.cursors = cursors;
        this.idempotentRequests = new IdempotentRequests(idempotencyRecords, clock);
        this.clock = clock;
        this.reseedIds = AfterRestore.register(() -> ids.reseed(new SecureRandom()));
    }

    public static ItemsApplication fromEnvironment(Map<String, String> env) {
        ItemsConfig config = ItemsConfig.fromEnvironment(env);
        DynamoDbClient dynamoDb = AwsClients.dynamoDb(config.aws());
        TenantCredentials tenants = TenantCredentials.create(config.aws(), config.tenantRoleArn());
        TableAccess asTenant = TableAccess.asRequestTenant(tenants);
        Clock clock = Clock.systemUTC();
        DynamoDbItems items = new DynamoDbItems(dynamoDb, config.tableName(), asTenant);
        return new ItemsApplication(
                config.tenantClaim(),
                items,
                new DynamoDbIdempotencyRecords(dynamoDb, config.tableName(), asTenant, IdempotentRequests.RETENTION),
                new PageCursors(config.cursorSigningKey(), config.previousCursorSigningKey()),
                new UlidGenerator(clock, new SecureRandom()),
                clock,
                PowertoolsRequestMetrics.create(config.metrics()),
                tenants,
                items::removeNothing);
    }

    /**
     * The write of a new item, made so that it must fail: a put conditioned on the item's version, of an item that
     * does not exist. DynamoDB checks the condition, writes nothing and streams nothing. For the create route's
     * SnapStart priming, which so runs the same marshalling, signing and call as a create without creating.
     *
     * @return false, always, unless an item with this fresh id exists, which fails the priming
     */
    public boolean replaceAbsentItem(TenantId tenant, Item item) {
        return items.replace(tenant, item, item.version());
    }

    public HttpFunction http() {
        return http;
    }

    public IdempotentRequests idempotentRequests() {
        return idempotentRequests;
    }

    public CreateItem createItem() {
        return new CreateItem(items, ids, clock);
    }

    public GetItem getItem() {
        return new GetItem(items);
    }

    public ListItems listItems() {
        return new ListItems(items, cursors);
    }

    public UpdateItem updateItem() {
        return new UpdateItem(items, clock);
    }

    /**
     * The update use case for the update route's SnapStart priming: the same as {@link #updateItem}, except that its
     * reads find {@code found}, an item in memory ({@link ItemsPriming#asFound}), so that the merge, the validation
     * and the write of a found item run too. The write goes to the table as an update's does, conditioned on the
     * version of an item that does not exist there: DynamoDB refuses it, writes nothing and streams nothing; read again,
     * the item is then at the next version, and the update answers that it is at another version (412).
     */
    public UpdateItem updateItemFinding(Item found) {
        // After its refused write the use case reads again, as when another writer got there first: it then finds the
        // version after found's, which the patch's If-Match does not name, and answers 412 after one refused write.
        AtomicBoolean written = new AtomicBoolean();
        return new UpdateItem(
                new ItemsDelegate(items) {
                    @Override
                    public Optional<Item> findLatest(TenantId tenant, ItemId id) {
                        if (!id.equals(found.id())) {
                            return items.findLatest(tenant, id);
                        }
                        return Optional.of(written.get() ? found.revised(found.content(), clock.instant()) : found);
                    }

                    @Override
                    public boolean replace(TenantId tenant, Item item, long expectedVersion) {
                        written.set(true);
                        return items.replace(tenant, item, expectedVersion);
                    }
                },
                clock);
    }

    public DeleteItem deleteItem() {
        return new DeleteItem(items);
    }

    /**
     * The delete use case for the delete route's SnapStart priming: the same as {@link #deleteItem}, except that its
     * delete is one DynamoDB answers as a success and that removes nothing (conditioned on no item having the id), so
     * that the success of a delete runs too, from DynamoDB's answer to the 204.
     */
    public DeleteItem deleteItemRemovingNothing() {
        return new DeleteItem(new ItemsDelegate(items) {
            @Override
            public Removal remove(TenantId tenant, ItemId id, Preconditions conditions) {
                removeNothing.accept(tenant, id);
                return new Removed();
            }
        });
    }

    /** The items, as they are, except where a priming's use case overrides a method. */
    private abstract static class ItemsDelegate implements Items {
        private final Items items;

        ItemsDelegate(Items items) {
            this.items = items;
        }

        @Override
        public boolean add(TenantId tenant, Item item) {
            return items.add(tenant, item);
        }

        @Override
        public Addition addOnce(TenantId tenant, Item item, String request) {
            return items.addOnce(tenant, item, request);
        }

        @Override
        public Optional<Item> findLatest(TenantId tenant, ItemId id) {
            return items.findLatest(tenant, id);
        }

        @Override
        public Slice newestFirst(TenantId tenant, int limit, long maxBytes, Optional<ItemId> after) {
            return items.newestFirst(tenant, limit, maxBytes, after);
        }

        @Override
        public boolean replace(TenantId tenant, Item item, long expectedVersion) {
            return items.replace(tenant, item, expectedVersion);
        }

        @Override
        public Removal remove(TenantId tenant, ItemId id, Preconditions conditions) {
            return items.remove(tenant, id, conditions);
        }
    }
}
