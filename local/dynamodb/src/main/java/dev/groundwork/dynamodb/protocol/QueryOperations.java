package dev.groundwork.dynamodb.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.groundwork.dynamodb.expression.Condition;
import dev.groundwork.dynamodb.expression.ExpressionContext;
import dev.groundwork.dynamodb.expression.Expressions;
import dev.groundwork.dynamodb.expression.KeyCondition;
import dev.groundwork.dynamodb.expression.LegacyKeyConditions;
import dev.groundwork.dynamodb.expression.Projection;
import dev.groundwork.dynamodb.expression.RangeCondition;
import dev.groundwork.dynamodb.model.AttributeValue;
import dev.groundwork.dynamodb.model.AttributeValues;
import dev.groundwork.dynamodb.model.DynamoDbException;
import dev.groundwork.dynamodb.model.ItemSize;
import dev.groundwork.dynamodb.model.Json;
import dev.groundwork.dynamodb.model.ScalarOrder;
import dev.groundwork.dynamodb.storage.Capacity;
import dev.groundwork.dynamodb.storage.Database;
import dev.groundwork.dynamodb.storage.KeySchema;
import dev.groundwork.dynamodb.storage.SecondaryIndex;
import dev.groundwork.dynamodb.storage.StorageKey;
import dev.groundwork.dynamodb.storage.StoredItem;
import dev.groundwork.dynamodb.storage.Table;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Query and Scan. Both read a contiguous range of a sorted map (one partition, or one token range of the whole table
 * for a Scan segment), page by Limit and by AWS's 1 MB of data read, then filter and project what they read.
 */
final class QueryOperations {
    /** DynamoDB's model of Query: its members in order (dynalite's validations/query.js). */
    private static final Constraints QUERY = Constraints.of(
            Constraints.oneOf("Select", "SPECIFIC_ATTRIBUTES", "COUNT", "ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES"),
            Constraints.name("IndexName", false),
            Constraints.oneOf("ReturnConsumedCapacity", "INDEXES", "TOTAL", "NONE"),
            LegacyParameters.conditionMap(LegacyParameters.QUERY_FILTER),
            Constraints.name("TableName", true),
            LegacyParameters.conditionalOperator(),
            LegacyParameters.attributesToGetList(),
            Constraints.atLeast("Limit", 1),
            LegacyParameters.conditionMap(LegacyParameters.KEY_CONDITIONS),
            Constraints.map("ExclusiveStartKey", "AttributeValue", false, 0),
            Constraints.bool("ConsistentRead"),
            Constraints.bool("ScanIndexForward"),
            Constraints.string("KeyConditionExpression"),
            Constraints.string("FilterExpression"),
            Constraints.string("ProjectionExpression"),
            Constraints.map("ExpressionAttributeValues", "AttributeValue", false, 0),
            Constraints.map("ExpressionAttributeNames", "java.lang.String", false, 0));
    /** DynamoDB's model of Scan: its members in order (dynalite's validations/scan.js). */
    private static final Constraints SCAN = Constraints.of(
            Constraints.oneOf("Select", "SPECIFIC_ATTRIBUTES", "COUNT", "ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES"),
            Constraints.name("IndexName", false),
            Constraints.between("TotalSegments", 1, 1_000_000),
            Constraints.oneOf("ReturnConsumedCapacity", "INDEXES", "TOTAL", "NONE"),
            Constraints.name("TableName", true),
            LegacyParameters.conditionalOperator(),
            LegacyParameters.conditionMap(LegacyParameters.SCAN_FILTER),
            Constraints.atLeast("Segment", 0),
            Constraints.atLeast("Limit", 1),
            LegacyParameters.attributesToGetList(),
            Constraints.map("ExclusiveStartKey", "AttributeValue", false, 0),
            Constraints.string("FilterExpression"),
            Constraints.string("ProjectionExpression"),
            Constraints.map("ExpressionAttributeValues", "AttributeValue", false, 0),
            Constraints.map("ExpressionAttributeNames", "java.lang.String", false, 0));

    /** AWS stops a Query or Scan page once it has read 1 MB of items, before filtering. */
    static final long PAGE_BYTES = 1024 * 1024;

    private final Database database;

    QueryOperations(Database database) {
        this.database = database;
    }

    ObjectNode query(Request request) {
        QUERY.check(request);
        LegacyParameters.QUERY.check(request);
        String tableName = request.tableName();
        ReadShape shape = ReadShape.of(request, "1 validation error detected: ");
        // KeyConditions may go with a FilterExpression or a ProjectionExpression: each part has its own form.
        Condition legacyFilter = LegacyParameters.filter(request, LegacyParameters.QUERY_FILTER);
        Projection legacyProjection = LegacyParameters.attributesToGet(request);
        checkStartKeyValues(request);
        String keyExpression = request.optionalString("KeyConditionExpression");
        String filterExpression = request.optionalString("FilterExpression");
        String projectionExpression = request.optionalString("ProjectionExpression");
        boolean expressions = keyExpression != null || filterExpression != null || projectionExpression != null;
        ExpressionContext context = expressions ? request.expressionContext() : null;
        if (!expressions) request.checkNoPlaceholdersWithoutExpressions();
        if (keyExpression == null && !request.has(LegacyParameters.KEY_CONDITIONS)) {
            throw DynamoDbException.validation(
                    "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
        }
        LegacyKeyConditions legacyKey = keyExpression == null ? LegacyParameters.keyConditions(request) : null;
        // DynamoDB reads all three expressions and finds unused placeholders before the key condition's own rules.
        Supplier<KeyCondition> readKey =
                keyExpression == null ? null : Expressions.readKeyCondition(keyExpression, context);
        Condition filter = filterExpression == null ? null : Expressions.filter(filterExpression, context);
        Projection projection =
                projectionExpression == null ? null : Expressions.projection(projectionExpression, context);
        if (context != null) context.checkAllUsed();
        KeyCondition parsedKey = readKey == null ? null : readKey.get();
        if (legacyFilter != null) filter = legacyFilter;
        if (legacyProjection != null) projection = legacyProjection;
        boolean forward = request.bool("ScanIndexForward", true);

        BiFunction<String, Optional<String>, KeyCondition> keyFor =
                parsedKey != null ? parsedKey::forKeySchema : legacyKey::forKeySchema;
        Access.query(request, database, tableName, keyFor);
        Table table = database.table(tableName);
        Source source = Source.of(table, request, shape, projection);
        KeySchema keys = source.keys();
        // DynamoDB's order (dynalite's query validations): the start key's size, then per key attribute of what is
        // read its start key value and its condition, then the start key's table key and its place among the
        // conditions, then the filter, then Select.
        Map<String, AttributeValue> startKey =
                source.startKeyOfSchemaSize(request, "The provided starting key is invalid");
        source.checkStartKeyAttribute(startKey, true);
        Optional<String> rangeName = Optional.ofNullable(keys.rangeName());
        KeyCondition key = keyFor.apply(keys.hashName(), rangeName);
        if (!key.hashValue().typeName().equals(keys.hashType())) throw conditionTypeMismatch();
        if (keys.hasRange()) source.checkStartKeyAttribute(startKey, false);
        if (key.range()
                .map(range ->
                        !range.operands().stream().allMatch(v -> v.typeName().equals(keys.rangeType())))
                .orElse(false)) {
            throw conditionTypeMismatch();
        }
        source.checkStartKeyTableKey(startKey);
        if (startKey != null) checkStartKeyWithin(startKey, keys, key);
        if (filter != null) {
            for (String name : filter.topLevelNames()) {
                if (keys.isKeyAttribute(name)) {
                    throw DynamoDbException.validation((legacyFilter != null ? "QueryFilter" : "Filter Expression")
                            + " can only contain non-primary key attributes: Primary key attribute: " + name);
                }
            }
        }
        source.checkSelect(shape);
        Optional<RangeCondition> range = key.range();
        range.ifPresent(QueryOperations::checkBetweenBounds);
        AttributeValue hash = key.hashValue();
        StorageKey from = StorageKey.partitionBound(hash, StorageKey.BELOW);
        StorageKey to = StorageKey.partitionBound(hash, StorageKey.ABOVE);
        RangeCondition prefix = null;
        if (range.isPresent()) {
            RangeCondition condition = range.get();
            AttributeValue first = condition.operands().getFirst();
            switch (condition.operator()) {
                case EQ -> {
                    from = StorageKey.rangeBound(hash, first, StorageKey.BELOW);
                    to = StorageKey.rangeBound(hash, first, StorageKey.ABOVE);
                }
                case LT -> to = StorageKey.rangeBound(hash, first, StorageKey.BELOW);
                case LE -> to = StorageKey.rangeBound(hash, first, StorageKey.ABOVE);
                case GT -> from = StorageKey.rangeBound(hash, first, StorageKey.ABOVE);
                case GE -> from = StorageKey.rangeBound(hash, first, StorageKey.BELOW);
                case BETWEEN -> {
                    from = StorageKey.rangeBound(hash, first, StorageKey.BELOW);
                    to = StorageKey.rangeBound(hash, condition.operands().get(1), StorageKey.ABOVE);
                }
                case BEGINS_WITH -> {
                    from = StorageKey.rangeBound(hash, first, StorageKey.BELOW);
                    prefix = condition;
                }
            }
        }
        StorageKey start = source.startKey(request);
        try (Table.Hold locked = table.lockForReading()) {
            NavigableMap<StorageKey, StoredItem> range0 =
                    from.compareTo(to) >= 0 ? new TreeMap<>() : source.map().subMap(from, true, to, true);
            NavigableMap<StorageKey, StoredItem> view = forward ? range0 : range0.descendingMap();
            if (start != null) view = after(view, start, forward, from, to);
            return page(request, source, shape, view, filter, projection, prefix, forward, tableName);
        }
    }

    private static DynamoDbException conditionTypeMismatch() {
        return DynamoDbException.validation(
                "One or more parameter values were invalid: Condition parameter type does not match schema type");
    }

    /**
     * A start key must lie within the key conditions: its partition key the one queried, its sort key within the sort
     * key's condition if there is one (DynamoDB's words, dynalite's query validations).
     */
    private static void checkStartKeyWithin(Map<String, AttributeValue> start, KeySchema keys, KeyCondition key) {
        boolean samePartition = ScalarOrder.compare(start.get(keys.hashName()), key.hashValue()) == 0;
        Optional<RangeCondition> range = key.range();
        if (range.isEmpty()) {
            if (!samePartition) {
                throw DynamoDbException.validation(
                        "The provided starting key is outside query boundaries based on provided conditions");
            }
            return;
        }
        if (!range.get().test(start.get(keys.rangeName()))) {
            throw DynamoDbException.validation("The provided starting key does not match the range key predicate");
        }
        if (!samePartition) {
            throw DynamoDbException.validation("The query can return at most one row and cannot be restarted");
        }
    }

    private static void checkBetweenBounds(RangeCondition condition) {
        if (condition.operator() == RangeCondition.Operator.BETWEEN
                && AttributeValues.compare(
                                condition.operands().get(0),
                                condition.operands().get(1))
                        > 0) {
            throw DynamoDbException.validation(
                    "Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: "
                            + describe(condition.operands().get(0)) + ", upper bound operand: AttributeValue: "
                            + describe(condition.operands().get(1)));
        }
    }

    private static String describe(AttributeValue value) {
        JsonNode json = AttributeValues.toJson(value);
        var field = json.properties().iterator().next();
        return "{" + field.getKey() + ":" + field.getValue().asText() + "}";
    }

    /** The entries of {@code view} after the ExclusiveStartKey, in the view's direction, within [from, to]. */
    private static NavigableMap<StorageKey, StoredItem> after(
            NavigableMap<StorageKey, StoredItem> view,
            StorageKey start,
            boolean forward,
            StorageKey from,
            StorageKey to) {
        if (start.compareTo(from) < 0) return forward ? view : new TreeMap<>();
        if (start.compareTo(to) > 0) return forward ? new TreeMap<>() : view;
        return view.tailMap(start, false);
    }

    /**
     * The values of an ExclusiveStartKey, checked as DynamoDB checks them before it looks at the table, after the
     * legacy conditions: a refusal of a value starts "The provided starting key is invalid: ", except the refusals of a
     * number, a number set or duplicate set members, which DynamoDB sends as they are (sic; dynalite's query and scan
     * validations, recorded against DynamoDB).
     */
    private static void checkStartKeyValues(Request request) {
        JsonNode key = request.node("ExclusiveStartKey");
        if (key == null) return;
        for (JsonNode value : key) {
            if (value.isNull()) continue;
            try {
                AttributeValues.fromJson(value);
            } catch (DynamoDbException invalid) {
                if (!invalid.code().equals(DynamoDbException.VALIDATION)) throw invalid;
                String message = invalid.getMessage();
                boolean asItIs = message.contains("contains duplicates")
                        || message.contains("number set")
                        || message.contains("numeric value")
                        || message.contains("significant digits")
                        || message.contains("number with magnitude");
                throw DynamoDbException.validation(
                        asItIs ? message : "The provided starting key is invalid: " + message);
            }
        }
    }

    ObjectNode scan(Request request) {
        SCAN.check(request);
        LegacyParameters.SCAN.check(request);
        String tableName = request.tableName();
        ReadShape shape = ReadShape.of(request, "");
        Condition filter = null;
        Projection projection = null;
        boolean legacy = LegacyParameters.SCAN.usedBy(request);
        // DynamoDB's order (dynalite's scan validations): the legacy parameters (AttributesToGet before ScanFilter,
        // the reverse of Query's), the start key's values, then the segments, then the expressions.
        if (legacy) {
            request.checkNoPlaceholdersWithoutExpressions();
            projection = LegacyParameters.attributesToGet(request);
            filter = LegacyParameters.filter(request, LegacyParameters.SCAN_FILTER);
        }
        checkStartKeyValues(request);
        Integer segment = request.optionalInt("Segment");
        Integer totalSegments = request.optionalIntBetween("TotalSegments", "totalSegments", 1, 1_000_000);
        if (segment != null && segment < 0)
            throw Request.violation(segment, "segment", "Member must have value greater than or equal to 0");
        if (segment != null && totalSegments == null) {
            throw DynamoDbException.validation(
                    "The TotalSegments parameter is required but was not present in the request when Segment parameter is present");
        }
        if (segment == null && totalSegments != null) {
            throw DynamoDbException.validation(
                    "The Segment parameter is required but was not present in the request when parameter TotalSegments is present");
        }
        if (segment != null && segment >= totalSegments) {
            throw DynamoDbException.validation(
                    "The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: "
                            + segment + " is not less than TotalSegments: " + totalSegments);
        }
        if (!legacy) {
            ExpressionContext context = request.expressionContext();
            String filterExpression = request.optionalString("FilterExpression");
            filter = filterExpression == null ? null : Expressions.filter(filterExpression, context);
            String projectionExpression = request.optionalString("ProjectionExpression");
            projection = projectionExpression == null ? null : Expressions.projection(projectionExpression, context);
            context.checkAllUsed();
        }

        Access.tableOrIndex(request, "Scan", tableName, request.optionalString("IndexName"));
        Table table = database.table(tableName);
        Source source = Source.of(table, request, shape, projection);
        // DynamoDB's order (dynalite's scan validations): the start key's size, an index's key attributes in it,
        // Select, then the table's key attributes in it.
        Map<String, AttributeValue> startKey = source.startKeyOfSchemaSize(
                request,
                source.index == null
                        ? "The provided starting key is invalid: The provided key element does not match the schema"
                        : "The provided starting key is invalid");
        if (source.index != null) {
            source.checkStartKeyAttribute(startKey, true);
            if (source.keys().hasRange()) source.checkStartKeyAttribute(startKey, false);
        }
        source.checkSelect(shape);
        source.checkStartKeyTableKey(startKey);
        StorageKey start = source.startKey(request);
        try (Table.Hold locked = table.lockForReading()) {
            NavigableMap<StorageKey, StoredItem> view = source.map();
            StorageKey from = null;
            StorageKey to = null;
            if (segment != null) {
                // DynamoDB divides the first 12 bits of the hash space among the segments, rounding each boundary up
                // (dynalite's scan, whose parallel-scan cases were recorded against DynamoDB): segment s of n holds
                // the partitions from ceil(4096 s / n) to ceil(4096 (s + 1) / n), exclusive.
                long low = ((4096L * segment + totalSegments - 1) / totalSegments) << 20;
                long high = ((4096L * (segment + 1) + totalSegments - 1) / totalSegments) << 20;
                from = StorageKey.tokenStart((int) (low + Integer.MIN_VALUE));
                to = high >= (1L << 32) ? null : StorageKey.tokenStart((int) (high + Integer.MIN_VALUE));
                view = to == null ? view.tailMap(from, true) : view.subMap(from, true, to, false);
            }
            if (start != null) {
                if ((from != null && start.compareTo(from) < 0) || (to != null && start.compareTo(to) >= 0)) {
                    throw DynamoDbException.validation(
                            "The provided starting key is invalid: Invalid ExclusiveStartKey. Please use ExclusiveStartKey with correct Segment. TotalSegments: "
                                    + totalSegments + " Segment: " + segment);
                }
                view = view.tailMap(start, false);
            }
            return page(request, source, shape, view, filter, projection, null, true, tableName);
        }
    }

    private ObjectNode page(
            Request request,
            Source source,
            ReadShape shape,
            NavigableMap<StorageKey, StoredItem> view,
            Condition filter,
            Projection projection,
            RangeCondition prefix,
            boolean forward,
            String tableName) {
        Integer limit = shape.limit();
        ObjectNode response = Json.object();
        ArrayNode items = shape.count() ? null : response.putArray("Items");
        int count = 0;
        int scanned = 0;
        long bytesRead = 0;
        long tableBytesRead = 0;
        StorageKey last = null;
        boolean truncated = false;
        boolean prefixStarted = false;
        // Without an index, filter or projection the stored text is the answer: no decoding at all.
        boolean raw = source.index() == null && filter == null && projection == null;
        for (Map.Entry<StorageKey, StoredItem> entry : view.entrySet()) {
            if ((limit != null && scanned >= limit) || bytesRead >= PAGE_BYTES) {
                truncated = true;
                break;
            }
            StorageKey key = entry.getKey();
            StoredItem stored = entry.getValue();
            if (prefix != null) {
                if (!prefix.test(key.range)) {
                    // Ascending, the keys with the prefix come first; descending, they follow the larger keys.
                    if (forward || prefixStarted) break;
                    continue;
                }
                prefixStarted = true;
            }
            scanned++;
            last = key;
            if (raw) {
                bytesRead += stored.size;
                count++;
                if (items != null) items.addRawValue(new RawValue(stored.json));
                continue;
            }
            Map<String, AttributeValue> item = stored.decode();
            Map<String, AttributeValue> visible =
                    source.index() == null ? item : source.index().project(item, source.table().keys);
            bytesRead += source.index() == null ? stored.size : ItemSize.of(visible);
            if (source.fetchesFromTable()) {
                tableBytesRead += stored.size;
                visible = item;
            }
            if (filter != null && !filter.test(visible)) continue;
            count++;
            if (items != null)
                items.add(AttributeValues.itemToJson(projection == null ? visible : projection.apply(visible)));
        }
        // AWS returns a LastEvaluatedKey whenever the limit is reached, even when no item follows.
        if (limit != null && scanned >= limit) truncated = true;
        response.put("Count", count).put("ScannedCount", scanned);
        if (truncated && last != null)
            response.set("LastEvaluatedKey", AttributeValues.itemToJson(source.lastEvaluatedKey(last)));
        ObjectNode consumed = ReturnCapacity.of(request)
                .json(readCapacity(source, bytesRead, tableBytesRead, shape.consistent(), tableName));
        if (consumed != null) response.set("ConsumedCapacity", consumed);
        return response;
    }

    private static Capacity readCapacity(
            Source source, long bytesRead, long tableBytesRead, boolean consistent, String tableName) {
        Capacity capacity = new Capacity(tableName);
        if (source.index == null) {
            capacity.addTable(Capacity.readUnitsOfTotal(bytesRead, consistent));
        } else {
            capacity.addIndexRead(source.index, Capacity.readUnitsOfTotal(bytesRead, consistent));
            if (tableBytesRead > 0) capacity.addTable(Capacity.readUnitsOfTotal(tableBytesRead, consistent));
        }
        return capacity;
    }

    /** Limit, Select and ConsistentRead of a Query or Scan. */
    record ReadShape(Integer limit, boolean count, String select, boolean consistent) {
        /** {@code prefix}: DynamoDB words a Select conflict in a Query as a one-item validation list, in a Scan not. */
        static ReadShape of(Request request, String prefix) {
            Integer limit = request.optionalInt("Limit");
            if (limit != null && limit < 1)
                throw Request.violation(limit, "limit", "Member must have value greater than or equal to 1");
            String select = request.choice(
                    "Select",
                    null,
                    "select",
                    "ALL_ATTRIBUTES",
                    "ALL_PROJECTED_ATTRIBUTES",
                    "SPECIFIC_ATTRIBUTES",
                    "COUNT");
            boolean hasProjection = request.has("ProjectionExpression");
            boolean hasAttributesToGet = request.has(LegacyParameters.ATTRIBUTES_TO_GET);
            if (select != null && !select.equals("SPECIFIC_ATTRIBUTES") && (hasProjection || hasAttributesToGet)) {
                throw DynamoDbException.validation(prefix + "Cannot specify the "
                        + (hasAttributesToGet ? LegacyParameters.ATTRIBUTES_TO_GET : "ProjectionExpression")
                        + " when choosing to get " + (select.equals("COUNT") ? "only the Count" : select));
            }
            if ("SPECIFIC_ATTRIBUTES".equals(select) && !hasProjection && !hasAttributesToGet) {
                throw DynamoDbException.validation(
                        prefix
                                + "Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES");
            }
            return new ReadShape(limit, "COUNT".equals(select), select, request.bool("ConsistentRead", false));
        }
    }

    /** What a Query or Scan reads: the table, or one of its indexes. */
    record Source(Table table, SecondaryIndex index, boolean fetchesFromTable) {
        static Source of(Table table, Request request, ReadShape shape, Projection projection) {
            String indexName = request.optionalString("IndexName");
            if (indexName == null) {
                if ("ALL_PROJECTED_ATTRIBUTES".equals(shape.select())) {
                    throw DynamoDbException.validation(
                            "One or more parameter values were invalid: Select type ALL_PROJECTED_ATTRIBUTES is supported only for index queries");
                }
                return new Source(table, null, false);
            }
            SecondaryIndex index = table.index(indexName);
            if (index == null)
                throw DynamoDbException.validation("The table does not have the specified index: " + indexName);
            if (index.creating(table.clock())) {
                // DynamoDB's words for a global index that UpdateTable added and that is still backfilling.
                throw DynamoDbException.validation("Cannot read from backfilling global secondary index: " + indexName);
            }
            if (index.global && shape.consistent()) {
                throw DynamoDbException.validation("Consistent reads are not supported on global secondary indexes");
            }
            // ALL_ATTRIBUTES on a global index that projects less is refused by checkSelect, later in DynamoDB's order.
            boolean fetch = "ALL_ATTRIBUTES".equals(shape.select()) && !index.projection.isAll() && !index.global;
            // A local index fetches what it does not project from the table (at the table's read cost); a global index
            // cannot, and answers only what it holds.
            if (projection != null && !index.projection.isAll() && !index.global) {
                for (String name : projection.topLevelNames()) {
                    if (!index.projection.covers(name, table.keys, index.keys)) fetch = true;
                }
            }
            return new Source(table, index, fetch);
        }

        void checkSelect(ReadShape shape) {
            if (index != null && index.global && "ALL_ATTRIBUTES".equals(shape.select()) && !index.projection.isAll()) {
                throw DynamoDbException.validation(
                        "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index "
                                + index.name + " because its projection type is not ALL");
            }
        }

        /**
         * The ExclusiveStartKey, if any, when it has as many attributes as the table's and the index's keys together;
         * otherwise DynamoDB refuses it with {@code wrongSize} before it looks at any of them.
         */
        Map<String, AttributeValue> startKeyOfSchemaSize(Request request, String wrongSize) {
            Map<String, AttributeValue> start = request.item("ExclusiveStartKey");
            if (start == null) return null;
            if (start.size() != startKeySize()) throw DynamoDbException.validation(wrongSize);
            return start;
        }

        /**
         * One key attribute of the index (or table) read, in the start key: one that is missing is "The provided
         * starting key is invalid", one of another type is the key's own words, unprefixed (dynalite's query and scan
         * validations, recorded against DynamoDB).
         */
        void checkStartKeyAttribute(Map<String, AttributeValue> start, boolean hash) {
            if (start == null) return;
            KeySchema keys = keys();
            if (!start.containsKey(hash ? keys.hashName() : keys.rangeName())) {
                throw DynamoDbException.validation("The provided starting key is invalid");
            }
            keys.checkKeyAttribute(start, hash);
        }

        /** The start key's table key attributes, checked as a key; a refusal is prefixed as a starting key's. */
        void checkStartKeyTableKey(Map<String, AttributeValue> start) {
            if (start == null) return;
            try {
                table.keys.checkKeyAttribute(start, true);
                if (table.keys.hasRange()) table.keys.checkKeyAttribute(start, false);
            } catch (DynamoDbException refused) {
                throw DynamoDbException.validation("The provided starting key is invalid: " + refused.getMessage());
            }
        }

        /** How many attributes an ExclusiveStartKey has: the table's keys, and the index's that are not the table's. */
        int startKeySize() {
            KeySchema tableKeys = table.keys;
            int size = tableKeys.hasRange() ? 2 : 1;
            if (index != null) {
                if (!tableKeys.isKeyAttribute(index.keys.hashName())) size++;
                if (index.keys.hasRange() && !tableKeys.isKeyAttribute(index.keys.rangeName())) size++;
            }
            return size;
        }

        KeySchema keys() {
            return index == null ? table.keys : index.keys;
        }

        NavigableMap<StorageKey, StoredItem> map() {
            return index == null ? table.itemsInKeyOrder() : index.entriesInKeyOrder();
        }

        /** The ExclusiveStartKey as a position in {@link #map()}: the table key, plus the index key for an index. */
        StorageKey startKey(Request request) {
            Map<String, AttributeValue> start = request.item("ExclusiveStartKey");
            if (start == null) return null;
            KeySchema tableKeys = table.keys;
            if (start.size() != startKeySize()
                    || !tableKeys.indexes(start)
                    || (index != null && !index.keys.indexes(start))) {
                // Query and Scan have refused such a key with DynamoDB's words before; this is the last guard.
                throw DynamoDbException.validation(
                        "The provided starting key is invalid: The provided key element does not match the schema");
            }
            StorageKey tableKey = tableKeys.storageKey(start);
            return index == null ? tableKey : index.entryKey(start, tableKey);
        }

        /** LastEvaluatedKey from the last position read: the table's key attributes, and the index's for an index. */
        Map<String, AttributeValue> lastEvaluatedKey(StorageKey position) {
            Map<String, AttributeValue> key = new LinkedHashMap<>();
            StorageKey tableKey = index == null ? position : position.tail;
            key.put(table.keys.hashName(), tableKey.hash);
            if (table.keys.hasRange()) key.put(table.keys.rangeName(), tableKey.range);
            if (index != null) {
                key.put(index.keys.hashName(), position.hash);
                if (index.keys.hasRange()) key.put(index.keys.rangeName(), position.range);
            }
            return key;
        }
    }
}
