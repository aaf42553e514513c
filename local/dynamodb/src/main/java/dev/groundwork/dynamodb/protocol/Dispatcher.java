package dev.groundwork.dynamodb.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.groundwork.dynamodb.model.DynamoDbException;
import dev.groundwork.dynamodb.storage.Database;

/**
 * Routes an AWS JSON 1.0 request by its {@code X-Amz-Target} ({@code DynamoDB_20120810.<Op>} or
 * {@code DynamoDBStreams_20120810.<Op>}) to the operation that serves it, each named once. A plain switch rather than
 * a map of method references: each method reference costs a generated class at start, and start time is one of the
 * server's goals.
 */
public final class Dispatcher {
    static final String DYNAMODB = "DynamoDB_20120810.";
    static final String STREAMS = "DynamoDBStreams_20120810.";

    private final TableOperations tables;
    private final ItemOperations items;
    private final QueryOperations queries;
    private final BatchOperations batches;
    private final TransactionOperations transactions;
    private final StreamOperations streams;
    private final TagOperations tags;

    public Dispatcher(Database database) {
        tables = new TableOperations(database);
        items = new ItemOperations(database);
        queries = new QueryOperations(database);
        batches = new BatchOperations(database);
        transactions = new TransactionOperations(database);
        streams = new StreamOperations(database);
        tags = new TagOperations(database);
    }

    /** Runs one request that passed the HTTP layer's checks. */
    public ObjectNode dispatch(String target, JsonNode body) {
        return dispatch(target, body, null);
    }

    /**
     * Runs one request. {@code refusal}, when not null, is the HTTP layer's answer to a request DynamoDB refuses once it
     * knows the operation (a missing or incomplete Authorization): DynamoDB answers an unknown operation first, then
     * the refusal, then the body's types and validation (dynalite's request handling, recorded against DynamoDB).
     *
     * @throws DynamoDbException the AWS error to answer, UnknownOperationException for a target nobody serves
     */
    public ObjectNode dispatch(String target, JsonNode body, DynamoDbException refusal) {
        return dispatch(target, body, refusal, null);
    }

    /**
     * Runs one request for a caller whose IAM policies decide what it may do; {@code access} null means the server
     * enforces no policies.
     */
    public ObjectNode dispatch(String target, JsonNode body, DynamoDbException refusal, Access access) {
        if (target == null) throw new DynamoDbException(DynamoDbException.UNKNOWN_OPERATION, null);
        if (target.startsWith(DYNAMODB)) UnsupportedOperations.refuse(target.substring(DYNAMODB.length()));
        // Each case reads its body with request(body, refusal, access), so that an unknown target is refused before a
        // malformed
        // body.
        return switch (target) {
            case DYNAMODB + "CreateTable" -> tables.createTable(request(body, refusal, access));
            case DYNAMODB + "DescribeTable" -> tables.describeTable(request(body, refusal, access));
            case DYNAMODB + "ListTables" -> tables.listTables(request(body, refusal, access));
            case DYNAMODB + "UpdateTable" -> tables.updateTable(request(body, refusal, access));
            case DYNAMODB + "DeleteTable" -> tables.deleteTable(request(body, refusal, access));
            case DYNAMODB + "UpdateTimeToLive" -> tables.updateTimeToLive(request(body, refusal, access));
            case DYNAMODB + "DescribeTimeToLive" -> tables.describeTimeToLive(request(body, refusal, access));
            case DYNAMODB + "PutItem" -> items.putItem(request(body, refusal, access));
            case DYNAMODB + "GetItem" -> items.getItem(request(body, refusal, access));
            case DYNAMODB + "UpdateItem" -> items.updateItem(request(body, refusal, access));
            case DYNAMODB + "DeleteItem" -> items.deleteItem(request(body, refusal, access));
            case DYNAMODB + "Query" -> queries.query(request(body, refusal, access));
            case DYNAMODB + "Scan" -> queries.scan(request(body, refusal, access));
            case DYNAMODB + "BatchGetItem" -> batches.batchGetItem(request(body, refusal, access));
            case DYNAMODB + "BatchWriteItem" -> batches.batchWriteItem(request(body, refusal, access));
            case DYNAMODB + "TransactWriteItems" -> transactions.transactWriteItems(request(body, refusal, access));
            case DYNAMODB + "TransactGetItems" -> transactions.transactGetItems(request(body, refusal, access));
            case DYNAMODB + "TagResource" -> tags.tagResource(request(body, refusal, access));
            case DYNAMODB + "UntagResource" -> tags.untagResource(request(body, refusal, access));
            case DYNAMODB + "ListTagsOfResource" -> tags.listTagsOfResource(request(body, refusal, access));
            case STREAMS + "ListStreams" -> streams.listStreams(request(body, refusal, access));
            case STREAMS + "DescribeStream" -> streams.describeStream(request(body, refusal, access));
            case STREAMS + "GetShardIterator" -> streams.getShardIterator(request(body, refusal, access));
            case STREAMS + "GetRecords" -> streams.getRecords(request(body, refusal, access));
            default -> throw new DynamoDbException(DynamoDbException.UNKNOWN_OPERATION, null);
        };
    }

    /**
     * The body of a served operation; AWS refuses one that is not a JSON object as a SerializationException, and a
     * request without a body (null here) with one that carries no text, after the caller's authentication (dynalite's
     * listTables serializations, recorded against DynamoDB).
     */
    private static Request request(JsonNode body, DynamoDbException refusal, Access access) {
        if (refusal != null) throw refusal;
        if (body == null) throw DynamoDbException.serialization(null);
        if (!body.isObject())
            throw DynamoDbException.serialization("Start of structure or map found where not expected");
        return new Request(body, access);
    }
}
