package dev.groundwork.dynamodb.protocol;

import dev.groundwork.dynamodb.expression.KeyCondition;
import dev.groundwork.dynamodb.iam.AccessRequest;
import dev.groundwork.dynamodb.iam.Caller;
import dev.groundwork.dynamodb.iam.Decision;
import dev.groundwork.dynamodb.model.AttributeValue;
import dev.groundwork.dynamodb.model.DynamoDbException;
import dev.groundwork.dynamodb.model.Numbers;
import dev.groundwork.dynamodb.storage.Database;
import dev.groundwork.dynamodb.storage.KeySchema;
import dev.groundwork.dynamodb.storage.SecondaryIndex;
import dev.groundwork.dynamodb.storage.Table;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The caller of one request, for a server that enforces IAM policies, and the one place that turns an operation into
 * IAM's terms as DynamoDB does: the action {@code dynamodb:<Operation>}, the resource (the table's ARN, an index's
 * {@code .../index/<name>}, a stream's ARN) and {@code dynamodb:LeadingKeys}, the partition key values the request
 * touches ("Using IAM policy conditions for fine-grained access control", DynamoDB developer guide).
 *
 * <p>A request without one (no access control configured) is never checked: the operations test {@code access ==
 * null} and do nothing more, so a server without policies does no extra work.
 *
 * <p>Operations authorise after their request is valid and before they look a table up or write: a denied request
 * leaves nothing behind, and tells a caller nothing about a table it may not use, not even whether it exists.
 */
public final class Access {
    private final Caller caller;
    private final String region;
    private final String accountId;

    /** {@code region} is the one the request was signed for (its credential scope). */
    public Access(Caller caller, String region) {
        this.caller = caller;
        this.region = region;
        this.accountId = caller.accountId();
    }

    String tableArn(String tableName) {
        return "arn:aws:dynamodb:" + region + ":" + accountId + ":table/" + tableName;
    }

    String indexArn(String tableName, String indexName) {
        return tableArn(tableName) + "/index/" + indexName;
    }

    /**
     * @throws DynamoDbException AccessDeniedException with DynamoDB's message when the caller's policies do not allow
     *     it
     */
    void authorize(String operation, String resource, Collection<String> leadingKeys) {
        String action = "dynamodb:" + operation;
        Decision decision = caller.authorize(new AccessRequest(action, resource, List.copyOf(leadingKeys)));
        if (!decision.allowed())
            throw DynamoDbException.accessDenied(decision.denialMessage(caller.arn(), action, resource));
    }

    /**
     * Who the request's caller is, as DynamoDB names it in an AccessDeniedException: the caller's ARN when policies
     * are enforced, otherwise the account's root.
     */
    static String callerArn(Request request) {
        Access access = request.access();
        return access == null ? "arn:aws:iam::" + Database.ACCOUNT + ":root" : access.caller.arn();
    }

    /** An operation on a whole table (or ListTables' {@code *}), with no partition in its context. */
    static void table(Request request, String operation, String tableName) {
        Access access = request.access();
        if (access == null) return;
        access.authorize(operation, access.tableArn(tableName), List.of());
    }

    /** The request's TableName, once the caller is allowed {@code operation} on that table. */
    static String tableNamed(Request request, String operation) {
        String tableName = request.tableName();
        table(request, operation, tableName);
        return tableName;
    }

    /** The ARN in the request's member {@code field}, once the caller is allowed {@code operation} on it. */
    static String resourceNamed(Request request, String operation, String field) {
        String arn = request.requiredString(field);
        resource(request, operation, arn);
        return arn;
    }

    /** An operation on an index, or on the table when {@code indexName} is null, with no partition in its context. */
    static void tableOrIndex(Request request, String operation, String tableName, String indexName) {
        Access access = request.access();
        if (access == null) return;
        String resource = indexName == null ? access.tableArn(tableName) : access.indexArn(tableName, indexName);
        access.authorize(operation, resource, List.of());
    }

    /** An operation on a resource named by its ARN (a stream, a tagged table), or {@code *}. */
    static void resource(Request request, String operation, String arn) {
        Access access = request.access();
        if (access == null) return;
        access.authorize(operation, arn, List.of());
    }

    /**
     * An operation on items of one table (GetItem, PutItem, a transaction's action, a batch's table): its leading keys
     * are the partition key values of {@code keys} on the table's key schema. A table that does not exist has no key
     * schema, so the request is decided with no partition in its context; a caller held to its own partitions is then
     * denied, rather than told the table is missing.
     */
    static void items(
            Access access,
            Database database,
            String operation,
            String tableName,
            Collection<Map<String, AttributeValue>> keys) {
        if (access == null) return;
        Table table = database.tableOrNull(tableName);
        Set<String> leadingKeys = new LinkedHashSet<>();
        if (table != null) {
            for (Map<String, AttributeValue> key : keys) {
                AttributeValue partition = key.get(table.keys.hashName());
                if (partition != null) leadingKeys.add(text(partition));
            }
        }
        access.authorize(operation, access.tableArn(tableName), leadingKeys);
    }

    static void item(
            Request request, Database database, String operation, String tableName, Map<String, AttributeValue> key) {
        item(request.access(), database, operation, tableName, key);
    }

    /** One item's key (or the item itself) in one table; nothing is built when no access is enforced. */
    static void item(
            Access access, Database database, String operation, String tableName, Map<String, AttributeValue> key) {
        if (access == null) return;
        items(access, database, operation, tableName, List.of(key));
    }

    /**
     * A Query: the resource is the index when it names one, and the leading key is the partition value of its key
     * condition on the key schema it reads by (the index's). A table or index that does not exist puts no partition
     * in the context.
     */
    /**
     * @param keyFor the request's key condition (an expression's or KeyConditions') for a key schema's attribute names
     */
    static void query(
            Request request,
            Database database,
            String tableName,
            BiFunction<String, Optional<String>, KeyCondition> keyFor) {
        Access access = request.access();
        if (access == null) return;
        String indexName = request.optionalString("IndexName");
        String resource = indexName == null ? access.tableArn(tableName) : access.indexArn(tableName, indexName);
        KeySchema keys = keysOf(database.tableOrNull(tableName), indexName);
        List<String> leadingKeys = List.of();
        if (keys != null) {
            AttributeValue hash = keyFor.apply(keys.hashName(), Optional.ofNullable(keys.rangeName()))
                    .hashValue();
            leadingKeys = List.of(text(hash));
        }
        access.authorize("Query", resource, leadingKeys);
    }

    /** The key schema a Query on {@code indexName} (or the table, for null) reads by, or null if there is none. */
    private static KeySchema keysOf(Table table, String indexName) {
        if (table == null) return null;
        if (indexName == null) return table.keys;
        SecondaryIndex index = table.index(indexName);
        return index == null ? null : index.keys;
    }

    /** A partition key value as IAM compares it: a string's text, a number's canonical digits, binary in base64. */
    static String text(AttributeValue value) {
        return switch (value) {
            case AttributeValue.S s -> s.value();
            case AttributeValue.N n -> Numbers.format(n.value());
            case AttributeValue.B b -> b.value().toBase64();
            default -> value.toString();
        };
    }
}
