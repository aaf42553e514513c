package dev.groundwork.dynamodb.conformance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * Creates a fresh, uniquely named table per test, so cases never see each other's items and can run against a
 * long-lived shared server. Tables are on-demand unless a case says otherwise.
 */
public final class ScratchTables {

    private final DynamoDbClient dynamo;

    public ScratchTables(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
    }

    public static String uniqueName(String purpose) {
        return purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A table keyed by {@code pk} (S) alone. */
    public String hashOnly() {
        return create(spec -> {});
    }

    /** A table keyed by {@code pk} (S) and {@code sk} of the given type. */
    public String hashAndRange(ScalarAttributeType rangeType) {
        return create(spec -> spec.range("sk", rangeType));
    }

    public String create(Consumer<Spec> customization) {
        Spec spec = new Spec(uniqueName("t"));
        customization.accept(spec);
        dynamo.createTable(spec.request());
        awaitActive(spec.name);
        return spec.name;
    }

    /** Waits until the table and its indexes are ACTIVE: at once on the embedded server and dynalite. */
    public TableDescription awaitActive(String table) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            TableDescription description =
                    dynamo.describeTable(r -> r.tableName(table)).table();
            boolean indexesActive = description.globalSecondaryIndexes().stream()
                    .allMatch(index -> index.indexStatus() == IndexStatus.ACTIVE);
            if (description.tableStatus() == TableStatus.ACTIVE && indexesActive) {
                return description;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("table " + table + " not ACTIVE after 30 s: " + description);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** What to create: key schema, indexes, streams and billing. */
    public static final class Spec {
        final String name;
        private final List<AttributeDefinition> attributes = new ArrayList<>();
        private final List<KeySchemaElement> keys = new ArrayList<>();
        private final List<GlobalSecondaryIndex> globalIndexes = new ArrayList<>();
        private final List<LocalSecondaryIndex> localIndexes = new ArrayList<>();
        private StreamViewType streamView;
        private boolean provisioned;

        Spec(String name) {
            this.name = name;
            attribute("pk", ScalarAttributeType.S);
            keys.add(KeySchemaElement.builder()
                    .attributeName("pk")
                    .keyType(KeyType.HASH)
                    .build());
        }

        public Spec range(String name, ScalarAttributeType type) {
            attribute(name, type);
            keys.add(KeySchemaElement.builder()
                    .attributeName(name)
                    .keyType(KeyType.RANGE)
                    .build());
            return this;
        }

        /** A global index on {@code hash} (and {@code range} when not null), projecting everything. */
        public Spec globalIndex(
                String index,
                String hash,
                ScalarAttributeType hashType,
                String range,
                ScalarAttributeType rangeType,
                Projection projection) {
            attribute(hash, hashType);
            List<KeySchemaElement> schema = new ArrayList<>();
            schema.add(KeySchemaElement.builder()
                    .attributeName(hash)
                    .keyType(KeyType.HASH)
                    .build());
            if (range != null) {
                attribute(range, rangeType);
                schema.add(KeySchemaElement.builder()
                        .attributeName(range)
                        .keyType(KeyType.RANGE)
                        .build());
            }
            GlobalSecondaryIndex.Builder builder = GlobalSecondaryIndex.builder()
                    .indexName(index)
                    .keySchema(schema)
                    .projection(projection);
            globalIndexes.add(builder.build());
            return this;
        }

        public Spec localIndex(String index, String range, ScalarAttributeType rangeType, Projection projection) {
            attribute(range, rangeType);
            localIndexes.add(LocalSecondaryIndex.builder()
                    .indexName(index)
                    .keySchema(
                            KeySchemaElement.builder()
                                    .attributeName("pk")
                                    .keyType(KeyType.HASH)
                                    .build(),
                            KeySchemaElement.builder()
                                    .attributeName(range)
                                    .keyType(KeyType.RANGE)
                                    .build())
                    .projection(projection)
                    .build());
            return this;
        }

        public Spec stream(StreamViewType view) {
            this.streamView = view;
            return this;
        }

        public Spec provisioned() {
            this.provisioned = true;
            return this;
        }

        public static Projection all() {
            return Projection.builder().projectionType(ProjectionType.ALL).build();
        }

        public static Projection keysOnly() {
            return Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build();
        }

        public static Projection include(String... attributes) {
            return Projection.builder()
                    .projectionType(ProjectionType.INCLUDE)
                    .nonKeyAttributes(attributes)
                    .build();
        }

        private void attribute(String name, ScalarAttributeType type) {
            if (attributes.stream().noneMatch(a -> a.attributeName().equals(name))) {
                attributes.add(AttributeDefinition.builder()
                        .attributeName(name)
                        .attributeType(type)
                        .build());
            }
        }

        CreateTableRequest request() {
            CreateTableRequest.Builder builder = CreateTableRequest.builder()
                    .tableName(name)
                    .attributeDefinitions(attributes)
                    .keySchema(keys);
            if (provisioned) {
                builder.billingMode(BillingMode.PROVISIONED)
                        .provisionedThroughput(t -> t.readCapacityUnits(5L).writeCapacityUnits(5L));
                globalIndexes.replaceAll(index -> index.toBuilder()
                        .provisionedThroughput(t -> t.readCapacityUnits(5L).writeCapacityUnits(5L))
                        .build());
            } else {
                builder.billingMode(BillingMode.PAY_PER_REQUEST);
            }
            if (!globalIndexes.isEmpty()) {
                builder.globalSecondaryIndexes(globalIndexes);
            }
            if (!localIndexes.isEmpty()) {
                builder.localSecondaryIndexes(localIndexes);
            }
            if (streamView != null) {
                builder.streamSpecification(StreamSpecification.builder()
                        .streamEnabled(true)
                        .streamViewType(streamView)
                        .build());
            }
            return builder.build();
        }
    }
}
