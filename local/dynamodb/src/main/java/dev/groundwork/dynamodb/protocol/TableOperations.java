package dev.groundwork.dynamodb.protocol;

import static dev.groundwork.dynamodb.protocol.Constraints.aBoolean;
import static dev.groundwork.dynamodb.protocol.Constraints.aLong;
import static dev.groundwork.dynamodb.protocol.Constraints.aString;
import static dev.groundwork.dynamodb.protocol.Constraints.atLeastValue;
import static dev.groundwork.dynamodb.protocol.Constraints.elements;
import static dev.groundwork.dynamodb.protocol.Constraints.field;
import static dev.groundwork.dynamodb.protocol.Constraints.length;
import static dev.groundwork.dynamodb.protocol.Constraints.member;
import static dev.groundwork.dynamodb.protocol.Constraints.namePattern;
import static dev.groundwork.dynamodb.protocol.Constraints.notNull;
import static dev.groundwork.dynamodb.protocol.Constraints.oneOfValues;
import static dev.groundwork.dynamodb.protocol.Constraints.structure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.groundwork.dynamodb.model.DynamoDbException;
import dev.groundwork.dynamodb.model.Json;
import dev.groundwork.dynamodb.storage.Database;
import dev.groundwork.dynamodb.storage.IndexProjection;
import dev.groundwork.dynamodb.storage.KeySchema;
import dev.groundwork.dynamodb.storage.SecondaryIndex;
import dev.groundwork.dynamodb.storage.StreamLog;
import dev.groundwork.dynamodb.storage.Table;
import dev.groundwork.dynamodb.storage.TableDescription;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** CreateTable, DescribeTable, ListTables, UpdateTable, DeleteTable, UpdateTimeToLive and DescribeTimeToLive. */
final class TableOperations {
    // Each operation's member constraints in DynamoDB's member order (dynalite's validations/*.js, recorded against
    // DynamoDB; today's API reference where it has changed since: an index's ProvisionedThroughput is optional now that
    // tables can be on demand).
    private static final Constraints.Rule THROUGHPUT = structure(
            "ProvisionedThroughput",
            field("WriteCapacityUnits", aLong(), notNull(), atLeastValue(1)),
            field("ReadCapacityUnits", aLong(), notNull(), atLeastValue(1)));
    private static final Constraints.Rule ATTRIBUTE_DEFINITIONS = elements(structure(
            "AttributeDefinition",
            field("AttributeName", aString(), notNull()),
            field("AttributeType", aString(), notNull(), oneOfValues("B", "N", "S"))));
    private static final Constraints.Rule[] INDEX_NAME = {aString(), notNull(), namePattern(), length(3, 255)};
    /** An index's key types are checked with its key schema, after the member constraints. */
    private static final Constraints.Field INDEX_KEY_SCHEMA = field(
            "KeySchema",
            notNull(),
            length(1, 2),
            elements(structure(
                    "KeySchemaElement",
                    field("AttributeName", aString(), notNull()),
                    field("KeyType", aString(), notNull()))));

    private static final Constraints.Field PROJECTION = field(
            "Projection",
            notNull(),
            structure(
                    "Projection",
                    field("ProjectionType", aString(), oneOfValues("ALL", "INCLUDE", "KEYS_ONLY")),
                    field("NonKeyAttributes", elements(aString()), length(1, Integer.MAX_VALUE))));

    private static final Constraints CREATE_TABLE = Constraints.of(
            member("AttributeDefinitions", "List", notNull(), ATTRIBUTE_DEFINITIONS),
            Constraints.tableName(),
            Constraints.oneOf("BillingMode", "PROVISIONED", "PAY_PER_REQUEST"),
            member("ProvisionedThroughput", "Structure", THROUGHPUT),
            member(
                    "KeySchema",
                    "List",
                    notNull(),
                    length(1, 2),
                    elements(structure(
                            "KeySchemaElement",
                            field("AttributeName", aString(), notNull()),
                            field("KeyType", aString(), notNull(), oneOfValues("HASH", "RANGE"))))),
            member(
                    "LocalSecondaryIndexes",
                    "List",
                    elements(structure(
                            "LocalSecondaryIndex", field("IndexName", INDEX_NAME), INDEX_KEY_SCHEMA, PROJECTION))),
            member(
                    "GlobalSecondaryIndexes",
                    "List",
                    elements(structure(
                            "GlobalSecondaryIndex",
                            field("IndexName", INDEX_NAME),
                            INDEX_KEY_SCHEMA,
                            PROJECTION,
                            field("ProvisionedThroughput", THROUGHPUT)))),
            member("Tags", "List", elements(TagOperations.TAG)));

    private static final Constraints UPDATE_TABLE = Constraints.of(
            member("AttributeDefinitions", "List", ATTRIBUTE_DEFINITIONS),
            Constraints.tableName(),
            member("ProvisionedThroughput", "Structure", THROUGHPUT),
            Constraints.oneOf("BillingMode", "PROVISIONED", "PAY_PER_REQUEST"),
            member(
                    "GlobalSecondaryIndexUpdates",
                    "List",
                    elements(structure(
                            "GlobalSecondaryIndexUpdate",
                            field(
                                    "Update",
                                    structure(
                                            "UpdateGlobalSecondaryIndexAction",
                                            field("IndexName", INDEX_NAME),
                                            field("ProvisionedThroughput", THROUGHPUT))),
                            field(
                                    "Create",
                                    structure(
                                            "CreateGlobalSecondaryIndexAction",
                                            PROJECTION,
                                            field("IndexName", INDEX_NAME),
                                            field("ProvisionedThroughput", THROUGHPUT),
                                            INDEX_KEY_SCHEMA)),
                            field(
                                    "Delete",
                                    structure("DeleteGlobalSecondaryIndexAction", field("IndexName", INDEX_NAME)))))));

    /** DescribeTable, DeleteTable and DescribeTimeToLive name a table and nothing else. */
    private static final Constraints TABLE_NAME_ONLY = Constraints.of(Constraints.tableName());

    private static final Constraints UPDATE_TIME_TO_LIVE = Constraints.of(
            Constraints.tableName(),
            member(
                    "TimeToLiveSpecification",
                    "Structure",
                    notNull(),
                    structure(
                            "TimeToLiveSpecification",
                            field("Enabled", aBoolean(), notNull()),
                            field("AttributeName", aString(), notNull(), length(1, 255)))));

    private static final Constraints LIST_TABLES = Constraints.of(
            member("ExclusiveStartTableName", "String", namePattern(), length(3, 255)),
            Constraints.between("Limit", 1, 100));

    private final Database database;

    TableOperations(Database database) {
        this.database = database;
    }

    ObjectNode createTable(Request request) {
        CREATE_TABLE.check(request);
        checkDefinitionInDynamoDbsOrder(request);
        String name = request.tableName();
        Access.table(request, "CreateTable", name);
        Table table =
                define(request, UUID.randomUUID().toString(), database.clock().millis());
        refuseIndexThroughputOnDemand(request);
        if (!database.tableCreation().isZero())
            table.activeAt(database.clock().millis() + database.tableCreation().toMillis());
        JsonNode tags = request.node("Tags");
        if (tags != null) table.tag(TagOperations.fromJson(tags));
        table.deletionProtected(request.bool("DeletionProtectionEnabled", false));
        if (!database.add(table)) throw DynamoDbException.resourceInUse("Table already exists: " + name);
        JsonNode streamSpecification = request.node("StreamSpecification");
        if (streamSpecification != null
                && streamSpecification.path("StreamEnabled").asBoolean(false)) {
            try (Table.Hold locked = table.lockForWriting()) {
                startStream(table, streamSpecification.path("StreamViewType").asText());
            }
        }
        database.journal().tableDefined(table.description());
        ObjectNode response = Json.object();
        response.set("TableDescription", TableJson.description(table.description(), "CREATING"));
        return response;
    }

    /** Starts a restored table's stream afresh once its items are back (their replay must not appear in it). */
    void resumeStream(Table table, String viewType) {
        try (Table.Hold locked = table.lockForWriting()) {
            startStream(table, viewType);
        }
    }

    /**
     * DynamoDB refuses throughput for a global index of an on-demand table, in these words (a live answer quoted in
     * bchew/dynamodump#266; dynalite's createTable). Checked on CreateTable only, not in {@link #define}: a restored
     * definition names every global index's throughput, whatever the billing mode.
     */
    private static void refuseIndexThroughputOnDemand(Request request) {
        if (!"PAY_PER_REQUEST".equals(request.optionalString("BillingMode"))) return;
        JsonNode globals = request.list("GlobalSecondaryIndexes");
        if (globals == null) return;
        for (JsonNode global : globals) {
            if (global.hasNonNull("ProvisionedThroughput")) {
                throw DynamoDbException.validation(
                        "One or more parameter values were invalid: ProvisionedThroughput should not be specified for index: "
                                + global.path("IndexName").asText() + " when BillingMode is PAY_PER_REQUEST");
            }
        }
    }

    /** Restores a table from its {@link TableJson#definition} (journal replay). */
    Table restore(JsonNode definition) {
        Request request = new Request(definition);
        Table table = define(
                request,
                definition.path("TableId").asText(),
                definition.path("CreationDateTimeMillis").asLong());
        JsonNode tags = request.node("Tags");
        if (tags != null) table.tag(TagOperations.fromJson(tags));
        table.deletionProtected(request.bool("DeletionProtectionEnabled", false));
        database.add(table);
        String ttl = request.optionalString("TimeToLiveAttribute");
        if (ttl != null) table.enableTimeToLive(ttl);
        return table;
    }

    private Table define(Request request, String id, long createdAtMillis) {
        String name = request.tableName();
        Map<String, String> types = attributeDefinitions(request.requiredNode("AttributeDefinitions"));
        KeySchema untypedKeys = keySchema(request.requiredNode("KeySchema"), "keySchema");
        Set<String> used = new HashSet<>();
        checkDefined(untypedKeys, types, used);
        KeySchema keys = typed(untypedKeys, types);
        String billingMode =
                request.choice("BillingMode", "PROVISIONED", "billingMode", "PROVISIONED", "PAY_PER_REQUEST");
        JsonNode throughput = request.node("ProvisionedThroughput");
        long read = 0;
        long write = 0;
        if (billingMode.equals("PROVISIONED")) {
            if (throughput == null) {
                throw DynamoDbException.validation(
                        "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
            }
            read = throughput.path("ReadCapacityUnits").asLong();
            write = throughput.path("WriteCapacityUnits").asLong();
        } else if (throughput != null) {
            throw DynamoDbException.validation(
                    "One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
        }
        List<SecondaryIndex> indexes = new ArrayList<>();
        Set<String> indexNames = new HashSet<>();
        JsonNode locals = request.node("LocalSecondaryIndexes");
        if (locals != null) {
            if (!keys.hasRange()) {
                throw DynamoDbException.validation(
                        "One or more parameter values were invalid: Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex");
            }
            if (locals.size() > 5)
                throw DynamoDbException.validation(
                        "One or more parameter values were invalid: Number of LocalSecondaryIndexes exceeds per-table limit of 5");
            for (JsonNode local : locals) {
                SecondaryIndex index = index(name, local, false, types, used, 0, 0);
                if (!index.keys.hashName().equals(keys.hashName())) {
                    throw DynamoDbException.validation(
                            "One or more parameter values were invalid: Index KeySchema does not have the same leading hash key as table KeySchema for index: "
                                    + index.name + ". index hash key: " + index.keys.hashName() + ", table hash key: "
                                    + keys.hashName());
                }
                if (!index.keys.hasRange()) {
                    throw DynamoDbException.validation(
                            "One or more parameter values were invalid: Index KeySchema does not have a range key for index: "
                                    + index.name);
                }
                addUnique(indexes, indexNames, index);
            }
        }
        JsonNode globals = request.node("GlobalSecondaryIndexes");
        if (globals != null) {
            if (globals.size() > 20)
                throw DynamoDbException.validation(
                        // DynamoDB's words as dynalite's tests recorded them; the limit is today's quota (20 by
                        // default).
                        "One or more parameter values were invalid: GlobalSecondaryIndex count exceeds the per-table limit of 20");
            for (JsonNode global : globals) {
                JsonNode indexThroughput = global.get("ProvisionedThroughput");
                long indexRead = indexThroughput == null
                        ? 0
                        : indexThroughput.path("ReadCapacityUnits").asLong();
                long indexWrite = indexThroughput == null
                        ? 0
                        : indexThroughput.path("WriteCapacityUnits").asLong();
                if (billingMode.equals("PROVISIONED") && indexThroughput == null) {
                    throw DynamoDbException.validation(
                            "One or more parameter values were invalid: ProvisionedThroughput must be specified for index: "
                                    + global.path("IndexName").asText());
                }
                addUnique(indexes, indexNames, index(name, global, true, types, used, indexRead, indexWrite));
            }
        }
        if (used.size() != types.size()) {
            throw DynamoDbException.validation(
                    "One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions");
        }
        return new Table(database, name, id, createdAtMillis, keys, types, indexes, billingMode, read, write);
    }

    private static final String INVALID = "One or more parameter values were invalid: ";
    /** DynamoDB's bound on a table's or an index's read and write capacity units. */
    private static final long MAX_CAPACITY_UNITS = 1_000_000_000_000L;

    /**
     * A CreateTable's definition checked in the order DynamoDB checks it, once its members satisfy their constraints,
     * the first problem answered in DynamoDB's words (dynalite's createTable validations, recorded against DynamoDB):
     * billing mode and throughput; the table's keys against the attribute definitions, then their names and types;
     * then each local and each global index the same way, with its projection. What is left (the attribute types of
     * the keys, the number of definitions when indexes use them) is checked as the table is defined.
     */
    private static void checkDefinitionInDynamoDbsOrder(Request request) {
        boolean onDemand = "PAY_PER_REQUEST".equals(request.optionalString("BillingMode"));
        JsonNode throughput = request.node("ProvisionedThroughput");
        if (onDemand) {
            if (throughput != null)
                throw DynamoDbException.validation(
                        INVALID
                                + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
        } else {
            if (throughput == null
                    || throughput.path("ReadCapacityUnits").asLong() == 0
                    || throughput.path("WriteCapacityUnits").asLong() == 0)
                throw DynamoDbException.validation(
                        INVALID
                                + "ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
            checkCapacityBound(throughput, "ReadCapacityUnits");
            checkCapacityBound(throughput, "WriteCapacityUnits");
        }
        List<String> definitions = new ArrayList<>();
        request.node("AttributeDefinitions")
                .forEach(d -> definitions.add(d.path("AttributeName").asText()));
        JsonNode keySchema = request.node("KeySchema");
        List<String> keys = attributeNames(keySchema);
        if (keys.size() > definitions.size())
            throw DynamoDbException.validation("Invalid KeySchema: Some index key attribute have no definition");
        checkKeysDefined(keys, definitions);
        checkKeyNamesAndTypes(keySchema);
        JsonNode locals = request.node("LocalSecondaryIndexes");
        JsonNode globals = request.node("GlobalSecondaryIndexes");
        if (locals == null && globals == null && keys.size() != definitions.size())
            throw DynamoDbException.validation(
                    INVALID
                            + "Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions");
        Set<String> indexNames = new HashSet<>();
        if (locals != null) {
            if (locals.isEmpty())
                throw DynamoDbException.validation(INVALID + "List of LocalSecondaryIndexes is empty");
            if (keys.size() != 2)
                throw DynamoDbException.validation(
                        INVALID
                                + "Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex");
            for (JsonNode local : locals) {
                String indexName = local.path("IndexName").asText();
                JsonNode indexKeys = local.get("KeySchema");
                checkKeysDefined(attributeNames(indexKeys), definitions);
                checkKeyNamesAndTypes(indexKeys);
                if (indexKeys.size() != 2)
                    throw DynamoDbException.validation(
                            INVALID + "Index KeySchema does not have a range key for index: " + indexName);
                String indexHash = indexKeys.get(0).path("AttributeName").asText();
                if (!indexHash.equals(keys.get(0)))
                    throw DynamoDbException.validation(INVALID
                            + "Index KeySchema does not have the same leading hash key as table KeySchema for index: "
                            + indexName + ". index hash key: " + indexHash + ", table hash key: " + keys.get(0));
                checkProjection(local.get("Projection"));
                checkUniqueIndexName(indexNames, indexName);
            }
        }
        if (globals != null) {
            if (globals.isEmpty())
                throw DynamoDbException.validation(INVALID + "List of GlobalSecondaryIndexes is empty");
            for (JsonNode global : globals) {
                String indexName = global.path("IndexName").asText();
                JsonNode indexKeys = global.get("KeySchema");
                checkKeysDefined(attributeNames(indexKeys), definitions);
                checkKeyNamesAndTypes(indexKeys);
                checkProjection(global.get("Projection"));
                if (onDemand && global.has("ProvisionedThroughput"))
                    throw DynamoDbException.validation(
                            INVALID + "ProvisionedThroughput should not be specified for index: " + indexName
                                    + " when BillingMode is PAY_PER_REQUEST");
                checkUniqueIndexName(indexNames, indexName);
            }
        }
    }

    /** The members any of which makes an UpdateTable change something (the UpdateTable API reference). */
    private static final List<String> UPDATES = List.of(
            "ProvisionedThroughput",
            "BillingMode",
            "StreamSpecification",
            "SSESpecification",
            "ReplicaUpdates",
            "DeletionProtectionEnabled",
            "TableClass",
            "OnDemandThroughput",
            "WarmThroughput",
            "AttributeDefinitions");

    /**
     * An UpdateTable checked as DynamoDB checks it before it looks for the table, the first problem answered in
     * DynamoDB's words (dynalite's updateTable validations, recorded against DynamoDB; the members that make an update
     * are today's): something to update; throughput when the billing mode is PROVISIONED, within its bounds; each
     * index update naming one action, and one update per index.
     */
    private static void checkUpdateInDynamoDbsOrder(Request request) {
        JsonNode indexUpdates = request.node("GlobalSecondaryIndexUpdates");
        boolean updatesIndexes = indexUpdates != null && !indexUpdates.isEmpty();
        if (!updatesIndexes && UPDATES.stream().noneMatch(request::has))
            throw DynamoDbException.validation(
                    "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required");
        JsonNode throughput = request.node("ProvisionedThroughput");
        if ("PROVISIONED".equals(request.optionalString("BillingMode")) && throughput == null)
            throw DynamoDbException.validation(
                    INVALID + "ProvisionedThroughput must be specified when BillingMode is PROVISIONED");
        if (throughput != null) {
            checkCapacityBound(throughput, "ReadCapacityUnits");
            checkCapacityBound(throughput, "WriteCapacityUnits");
        }
        if (!updatesIndexes) return;
        Set<String> indexNames = new HashSet<>();
        for (JsonNode update : indexUpdates) {
            JsonNode action = update.has("Update")
                    ? update.get("Update")
                    : update.has("Create") ? update.get("Create") : update.get("Delete");
            if (action == null)
                throw DynamoDbException.validation(
                        INVALID
                                + "One of GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, GlobalSecondaryIndexUpdate.Delete must not be null");
            String indexName = action.path("IndexName").asText();
            if (!indexNames.add(indexName))
                throw DynamoDbException.validation(INVALID
                        + "Only one global secondary index update per index is allowed simultaneously. Index: "
                        + indexName);
        }
    }

    private static void checkCapacityBound(JsonNode throughput, String member) {
        long units = throughput.path(member).asLong();
        if (units > MAX_CAPACITY_UNITS)
            throw DynamoDbException.validation("Given value " + units + " for " + member + " is out of bounds");
    }

    private static List<String> attributeNames(JsonNode keySchema) {
        List<String> names = new ArrayList<>(2);
        keySchema.forEach(key -> names.add(key.path("AttributeName").asText()));
        return names;
    }

    private static void checkKeysDefined(List<String> keys, List<String> definitions) {
        if (!definitions.containsAll(keys))
            throw DynamoDbException.validation(INVALID
                    + "Some index key attributes are not defined in AttributeDefinitions. Keys: ["
                    + String.join(", ", keys) + "], AttributeDefinitions: [" + String.join(", ", definitions) + "]");
    }

    private static void checkKeyNamesAndTypes(JsonNode keySchema) {
        JsonNode hash = keySchema.get(0);
        JsonNode range = keySchema.get(1);
        if (range != null
                && hash.path("AttributeName")
                        .asText()
                        .equals(range.path("AttributeName").asText()))
            throw DynamoDbException.validation(
                    "Both the Hash Key and the Range Key element in the KeySchema have the same name");
        if (!hash.path("KeyType").asText().equals("HASH"))
            throw DynamoDbException.validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
        if (range != null && !range.path("KeyType").asText().equals("RANGE"))
            throw DynamoDbException.validation(
                    "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
    }

    private static void checkProjection(JsonNode projection) {
        JsonNode type = projection.get("ProjectionType");
        if (type == null || type.isNull()) throw DynamoDbException.validation(INVALID + "Unknown ProjectionType: null");
        if (projection.has("NonKeyAttributes") && !type.asText().equals("INCLUDE"))
            throw DynamoDbException.validation(
                    INVALID + "ProjectionType is " + type.asText() + ", but NonKeyAttributes is specified");
    }

    private static void checkUniqueIndexName(Set<String> names, String name) {
        if (!names.add(name)) throw DynamoDbException.validation(INVALID + "Duplicate index name: " + name);
    }

    private static void addUnique(List<SecondaryIndex> indexes, Set<String> names, SecondaryIndex index) {
        if (!names.add(index.name)) {
            throw DynamoDbException.validation(
                    "One or more parameter values were invalid: Duplicate index name: " + index.name);
        }
        indexes.add(index);
    }

    private SecondaryIndex index(
            String tableName,
            JsonNode json,
            boolean global,
            Map<String, String> types,
            Set<String> used,
            long read,
            long write) {
        String indexName = json.path("IndexName").asText(null);
        if (indexName == null) throw Request.missing("IndexName");
        KeySchema untypedKeys = keySchema(json.get("KeySchema"), "keySchema");
        checkDefined(untypedKeys, types, used);
        KeySchema keys = typed(untypedKeys, types);
        JsonNode projection = json.get("Projection");
        if (projection == null) throw Request.missing("Projection");
        String type = projection.path("ProjectionType").asText("");
        List<String> nonKey = new ArrayList<>();
        projection.path("NonKeyAttributes").forEach(attribute -> nonKey.add(attribute.asText()));
        if (!type.equals("ALL") && !type.equals("KEYS_ONLY") && !type.equals("INCLUDE")) {
            throw DynamoDbException.validation(
                    "One or more parameter values were invalid: Unknown ProjectionType: " + type);
        }
        if (type.equals("INCLUDE") && nonKey.isEmpty()) {
            throw DynamoDbException.validation(
                    "One or more parameter values were invalid: ProjectionType is INCLUDE, but NonKeyAttributes is not specified");
        }
        if (!type.equals("INCLUDE") && !nonKey.isEmpty()) {
            throw DynamoDbException.validation("One or more parameter values were invalid: ProjectionType is " + type
                    + ", but NonKeyAttributes is specified");
        }
        String arn = database.tableArn(tableName) + "/index/" + indexName;
        return new SecondaryIndex(indexName, global, keys, new IndexProjection(type, nonKey), arn, read, write);
    }

    private static Map<String, String> attributeDefinitions(JsonNode definitions) {
        Map<String, String> types = new LinkedHashMap<>();
        for (JsonNode definition : definitions) {
            String name = definition.path("AttributeName").asText();
            String type = definition.path("AttributeType").asText();
            if (types.put(name, type) != null) {
                throw DynamoDbException.validation("Cannot have two attributes with the same name");
            }
        }
        return types;
    }

    static KeySchema keySchema(JsonNode schema, String member) {
        if (schema == null) throw Request.missing(member);
        JsonNode first = schema.get(0);
        if (!first.path("KeyType").asText().equals("HASH")) {
            throw DynamoDbException.validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
        }
        String hash = first.path("AttributeName").asText();
        if (schema.size() == 1) return new KeySchema(hash, null, null, null);
        JsonNode second = schema.get(1);
        if (!second.path("KeyType").asText().equals("RANGE")) {
            throw DynamoDbException.validation(
                    "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
        }
        String range = second.path("AttributeName").asText();
        if (range.equals(hash)) {
            throw DynamoDbException.validation(
                    "Both the Hash Key and the Range Key element in the KeySchema have the same name");
        }
        return new KeySchema(hash, null, range, null);
    }

    /** Fills in the key's types from the attribute definitions, or refuses a key attribute that has none. */
    private static void checkDefined(KeySchema keys, Map<String, String> types, Set<String> used) {
        List<String> missing = new ArrayList<>();
        if (!types.containsKey(keys.hashName())) missing.add(keys.hashName());
        if (keys.hasRange() && !types.containsKey(keys.rangeName())) missing.add(keys.rangeName());
        if (!missing.isEmpty()) {
            throw DynamoDbException.validation(
                    "One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: "
                            + missing + ", AttributeDefinitions: " + new ArrayList<>(types.keySet()));
        }
        used.add(keys.hashName());
        if (keys.hasRange()) used.add(keys.rangeName());
    }

    /** The schema with its types, once the attribute definitions are known. */
    static KeySchema typed(KeySchema keys, Map<String, String> types) {
        return new KeySchema(
                keys.hashName(),
                types.get(keys.hashName()),
                keys.rangeName(),
                keys.hasRange() ? types.get(keys.rangeName()) : null);
    }

    ObjectNode describeTable(Request request) {
        TABLE_NAME_ONLY.check(request);
        String name = request.tableName();
        Access.table(request, "DescribeTable", name);
        Table table = database.tableOrNull(name);
        if (table == null)
            throw DynamoDbException.resourceNotFound("Requested resource not found: Table: " + name + " not found");
        TableDescription description;
        try (Table.Hold locked = table.lockForReading()) {
            description = table.description();
        }
        ObjectNode response = Json.object();
        response.set(
                "Table", TableJson.description(description, table.creating(database.clock()) ? "CREATING" : "ACTIVE"));
        return response;
    }

    ObjectNode listTables(Request request) {
        LIST_TABLES.check(request);
        Access.resource(request, "ListTables", "*");
        String start = request.optionalString("ExclusiveStartTableName");
        Integer limit = request.optionalIntBetween("Limit", "limit", 1, 100);
        int max = limit == null ? 100 : limit;
        TreeSet<String> names = new TreeSet<>();
        database.tables().forEach(table -> names.add(table.name));
        ObjectNode response = Json.object();
        ArrayNode tableNames = response.putArray("TableNames");
        String last = null;
        for (String name : start == null ? names : names.tailSet(start, false)) {
            if (tableNames.size() == max) {
                response.put("LastEvaluatedTableName", last);
                break;
            }
            tableNames.add(name);
            last = name;
        }
        return response;
    }

    ObjectNode deleteTable(Request request) {
        TABLE_NAME_ONLY.check(request);
        String name = request.tableName();
        Access.table(request, "DeleteTable", name);
        Table table = database.tableOrNull(name);
        if (table == null)
            throw DynamoDbException.resourceNotFound("Requested resource not found: Table: " + name + " not found");
        if (table.creating(database.clock())) throw beingCreated(name);
        if (table.deletionProtected()) {
            throw DynamoDbException.validation(
                    "Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.");
        }
        try (Table.Hold locked = table.lockForWriting()) {
            database.remove(table);
            table.stopStream();
            database.journal().tableDeleted(name);
            ObjectNode response = Json.object();
            response.set("TableDescription", TableJson.description(table.description(), "DELETING"));
            return response;
        }
    }

    /** DynamoDB's answer to DeleteTable or UpdateTable on a CREATING table, as dynalite records it. */
    private static DynamoDbException beingCreated(String name) {
        return DynamoDbException.resourceInUse(
                "Attempt to change a resource which is still in use: Table is being created: " + name);
    }

    ObjectNode updateTable(Request request) {
        UPDATE_TABLE.check(request);
        checkUpdateInDynamoDbsOrder(request);
        String name = Access.tableNamed(request, "UpdateTable");
        Table table = database.tableOrNull(name);
        if (table == null)
            throw DynamoDbException.resourceNotFound("Requested resource not found: Table: " + name + " not found");
        if (table.creating(database.clock())) throw beingCreated(name);
        checkIndexUpdateLimits(request);
        try (Table.Hold locked = table.lockForWriting()) {
            boolean changed = false;
            if (request.has("AttributeDefinitions")) {
                attributeDefinitions(request.node("AttributeDefinitions")).forEach((attribute, type) -> {
                    String existing = table.attributeTypes().get(attribute);
                    if (existing != null && !existing.equals(type)) {
                        throw DynamoDbException.validation(
                                "Cannot change the type of an existing attribute: " + attribute);
                    }
                    table.defineAttribute(attribute, type);
                });
            }
            String billingMode =
                    request.choice("BillingMode", table.billingMode(), "billingMode", "PROVISIONED", "PAY_PER_REQUEST");
            JsonNode throughput = request.node("ProvisionedThroughput");
            if (request.has("BillingMode") || throughput != null) {
                if (billingMode.equals("PAY_PER_REQUEST")) {
                    if (throughput != null) {
                        throw DynamoDbException.validation(
                                "One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
                    }
                    table.setThroughput(billingMode, 0, 0, database.clock().millis());
                } else {
                    if (throughput == null) {
                        throw DynamoDbException.validation(
                                "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
                    }
                    table.setThroughput(
                            billingMode,
                            throughput.path("ReadCapacityUnits").asLong(),
                            throughput.path("WriteCapacityUnits").asLong(),
                            database.clock().millis());
                }
                changed = true;
            }
            JsonNode indexUpdates = request.node("GlobalSecondaryIndexUpdates");
            if (indexUpdates != null) {
                for (JsonNode update : indexUpdates) {
                    changed |= updateIndex(table, update);
                }
            }
            if (request.has("DeletionProtectionEnabled")) {
                table.deletionProtected(request.bool("DeletionProtectionEnabled", false));
                changed = true;
            }
            JsonNode streamSpecification = request.node("StreamSpecification");
            if (streamSpecification != null) {
                boolean enable = streamSpecification.path("StreamEnabled").asBoolean(false);
                StreamLog current = table.stream();
                boolean enabled = current != null && current.enabled();
                if (enable && enabled) {
                    throw DynamoDbException.validation("Table already has an enabled stream: " + table.arn);
                }
                if (!enable && !enabled) {
                    throw DynamoDbException.validation("Table does not have an enabled stream: " + table.arn);
                }
                if (enable)
                    startStream(
                            table, streamSpecification.path("StreamViewType").asText(null));
                else table.stopStream();
                changed = true;
            }
            if (!changed && !request.has("AttributeDefinitions")) {
                throw DynamoDbException.validation(
                        "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required");
            }
            database.journal().tableDefined(table.description());
            ObjectNode response = Json.object();
            response.set("TableDescription", TableJson.description(table.description(), "UPDATING"));
            return response;
        }
    }

    /**
     * The limits of GlobalSecondaryIndexUpdates that DynamoDB checks once it has the table and before it looks for any
     * index the updates name: one index created or deleted per UpdateTable (the UpdateTable API reference), and an
     * index's throughput within DynamoDB's bounds (the words are DynamoDB's, recorded by dynalite's updateTable
     * validations).
     */
    private static void checkIndexUpdateLimits(Request request) {
        JsonNode updates = request.node("GlobalSecondaryIndexUpdates");
        if (updates == null) return;
        int createdOrDeleted = 0;
        for (JsonNode update : updates) {
            if (update.has("Create") || update.has("Delete")) createdOrDeleted++;
        }
        if (createdOrDeleted > 1) {
            throw new DynamoDbException(
                    DynamoDbException.LIMIT_EXCEEDED,
                    "Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table");
        }
        for (JsonNode update : updates) {
            JsonNode throughput = update.path("Update").path("ProvisionedThroughput");
            if (throughput.path("ReadCapacityUnits").asLong() > MAX_CAPACITY_UNITS
                    || throughput.path("WriteCapacityUnits").asLong() > MAX_CAPACITY_UNITS) {
                throw DynamoDbException.validation(
                        "This operation cannot be performed with given input values. Please contact DynamoDB service team for more info: Action Blocked: IndexUpdate");
            }
        }
    }

    private boolean updateIndex(Table table, JsonNode update) {
        JsonNode create = update.get("Create");
        JsonNode delete = update.get("Delete");
        JsonNode change = update.get("Update");
        if (create != null) {
            JsonNode throughput = create.get("ProvisionedThroughput");
            SecondaryIndex index = index(
                    table.name,
                    create,
                    true,
                    table.attributeTypes(),
                    new HashSet<>(),
                    throughput == null
                            ? 0
                            : throughput.path("ReadCapacityUnits").asLong(),
                    throughput == null
                            ? 0
                            : throughput.path("WriteCapacityUnits").asLong());
            if (table.index(index.name) != null) {
                throw DynamoDbException.validation("One or more parameter values were invalid: Index with name: "
                        + index.name + " already exists");
            }
            if (!database.tableCreation().isZero())
                index.activeAt(
                        database.clock().millis() + database.tableCreation().toMillis());
            table.addIndex(index);
            return true;
        }
        if (delete != null) {
            String indexName = delete.path("IndexName").asText();
            SecondaryIndex index = table.index(indexName);
            if (index == null || !index.global) {
                throw DynamoDbException.resourceNotFound(
                        "Requested resource not found: Index: " + indexName + " not found");
            }
            table.removeIndex(indexName);
            return true;
        }
        if (change != null) {
            String indexName = change.path("IndexName").asText();
            if (table.index(indexName) == null) {
                throw DynamoDbException.resourceNotFound(
                        "Requested resource not found: Index: " + indexName + " not found");
            }
            return true;
        }
        throw DynamoDbException.validation(
                "One or more parameter values were invalid: One of GlobalSecondaryIndexUpdate.Create, Update or Delete must be specified");
    }

    private void startStream(Table table, String viewType) {
        if (viewType == null
                || !List.of("KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES")
                        .contains(viewType)) {
            throw DynamoDbException.validation(
                    "One or more parameter values were invalid: You must specify a StreamViewType when StreamEnabled is true");
        }
        long now = database.clock().millis();
        StreamLog previous = table.stream();
        if (previous != null && previous.createdAtMillis >= now) now = previous.createdAtMillis + 1;
        String label = StreamLabels.FORMAT.format(Instant.ofEpochMilli(now));
        StreamLog log = new StreamLog(
                table.arn + "/stream/" + label,
                label,
                table.name,
                table.keys,
                viewType,
                now,
                database.currentSequence() + 1);
        table.startStream(log);
        database.addStream(log);
    }

    /** Stream labels are the creation time to the millisecond; the formatter is built on first use, not at start. */
    private static final class StreamLabels {
        static final DateTimeFormatter FORMAT =
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    }

    ObjectNode updateTimeToLive(Request request) {
        UPDATE_TIME_TO_LIVE.check(request);
        Table table = database.table(Access.tableNamed(request, "UpdateTimeToLive"));
        JsonNode specification = request.requiredNode("TimeToLiveSpecification");
        if (!specification.has("Enabled")) throw Request.missing("TimeToLiveSpecification.Enabled");
        boolean enable = specification.path("Enabled").asBoolean();
        String attribute = specification.path("AttributeName").asText(null);
        if (attribute == null || attribute.isEmpty()) throw Request.missing("TimeToLiveSpecification.AttributeName");
        try (Table.Hold locked = table.lockForWriting()) {
            String current = table.timeToLiveAttribute();
            if (enable) {
                if (current != null) throw DynamoDbException.validation("TimeToLive is already enabled");
                table.enableTimeToLive(attribute);
            } else {
                if (current == null) throw DynamoDbException.validation("TimeToLive is already disabled");
                if (!current.equals(attribute)) {
                    throw DynamoDbException.validation(
                            "TimeToLive is active on a different AttributeName: current AttributeName is " + current);
                }
                table.disableTimeToLive();
            }
            database.journal().tableDefined(table.description());
        }
        ObjectNode response = Json.object();
        response.putObject("TimeToLiveSpecification").put("Enabled", enable).put("AttributeName", attribute);
        return response;
    }

    ObjectNode describeTimeToLive(Request request) {
        TABLE_NAME_ONLY.check(request);
        String name = Access.tableNamed(request, "DescribeTimeToLive");
        Table table = database.tableOrNull(name);
        if (table == null || table.creating(database.clock()))
            throw DynamoDbException.resourceNotFound("Requested resource not found: Table: " + name + " not found");
        String attribute = table.timeToLiveAttribute();
        ObjectNode response = Json.object();
        ObjectNode description = response.putObject("TimeToLiveDescription");
        if (attribute == null) {
            description.put("TimeToLiveStatus", "DISABLED");
        } else {
            description.put("TimeToLiveStatus", "ENABLED").put("AttributeName", attribute);
        }
        return response;
    }
}
