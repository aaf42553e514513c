package dev.groundwork.dynamodb.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.groundwork.dynamodb.model.DynamoDbException;

/**
 * Routes an AWS JSON 1.0 request by its {@code X-Amz-Target} ({@code DynamoDB_20120810.<Op>} or
 * {@code DynamoDBStreams_20120810.<Op>}) to the operation that serves it. A plain switch rather than a map of method
 * references: each method reference costs a generated class at start, and start time is one of the server's goals.
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

    /**
     * Runs one request.
     *
     * @throws DynamoDbException the AWS error to answer, UnknownOperationException for a target nobody serves
     */
    public ObjectNode dispatch(String target, JsonNode body) {
        if (target == null) throw new DynamoDbException(DynamoDbException.UNKNOWN_OPERATION, null);
        if (target.startsWith(DYNAMODB)) UnsupportedOperations.refuse(target.substring(DYNAMODB.length()));
        if (!isServed(target)) throw new DynamoDbException(DynamoDbException.UNKNOWN_OPERATION, null);
        if (body == null || !body.isObject())
            throw DynamoDbException.serialization("Start of structure or map found where not expected");
        Request request = new Request(body);
        return switch (target) {
            case DYNAMODB + "CreateTable" -> tables.createTable(request);
            case DYNAMODB + "DescribeTable" -> tables.describeTable(request);
            case DYNAMODB + "ListTables" -> tables.listTables(request);
            case DYNAMODB + "UpdateTable" -> tables.updateTable(request);
            case DYNAMODB + "DeleteTable" -> tables.deleteTable(request);
            case DYNAMODB + "UpdateTimeToLive" -> tables.updateTimeToLive(request);
            case DYNAMODB + "DescribeTimeToLive" -> tables.describeTimeToLive(request);
            case DYNAMODB + "PutItem" -> items.putItem(request);
            case DYNAMODB + "GetItem" -> items.getItem(request);
            case DYNAMODB + "UpdateItem" -> items.updateItem(request);
            case DYNAMODB + "DeleteItem" -> items.deleteItem(request);
            case DYNAMODB + "Query" -> queries.query(request);
            case DYNAMODB + "Scan" -> queries.scan(request);
            case DYNAMODB + "BatchGetItem" -> batches.batchGetItem(request);
            case DYNAMODB + "BatchWriteItem" -> batches.batchWriteItem(request);
            case DYNAMODB + "TransactWriteItems" -> transactions.transactWriteItems(request);
            case DYNAMODB + "TransactGetItems" -> transactions.transactGetItems(request);
            case DYNAMODB + "TagResource" -> tags.tagResource(request);
            case DYNAMODB + "UntagResource" -> tags.untagResource(request);
            case DYNAMODB + "ListTagsOfResource" -> tags.listTagsOfResource(request);
            case STREAMS + "ListStreams" -> streams.listStreams(request);
            case STREAMS + "DescribeStream" -> streams.describeStream(request);
            case STREAMS + "GetShardIterator" -> streams.getShardIterator(request);
            case STREAMS + "GetRecords" -> streams.getRecords(request);
            default -> throw new DynamoDbException(DynamoDbException.UNKNOWN_OPERATION, null);
        };
    }

    private static boolean isServed(String target) {
        return switch (target) {
            case DYNAMODB + "CreateTable",
                    DYNAMODB + "DescribeTable",
                    DYNAMODB + "ListTables",
                    DYNAMODB + "UpdateTable",
                    DYNAMODB + "DeleteTable",
                    DYNAMODB + "UpdateTimeToLive",
                    DYNAMODB + "DescribeTimeToLive",
                    DYNAMODB + "PutItem",
                    DYNAMODB + "GetItem",
                    DYNAMODB + "UpdateItem",
                    DYNAMODB + "DeleteItem",
                    DYNAMODB + "Query",
                    DYNAMODB + "Scan",
                    DYNAMODB + "BatchGetItem",
                    DYNAMODB + "BatchWriteItem",
                    DYNAMODB + "TransactWriteItems",
                    DYNAMODB + "TransactGetItems",
                    DYNAMODB + "TagResource",
                    DYNAMODB + "UntagResource",
                    DYNAMODB + "ListTagsOfResource",
                    STREAMS + "ListStreams",
                    STREAMS + "DescribeStream",
                    STREAMS + "GetShardIterator",
                    STREAMS + "GetRecords" -> true;
            default -> false;
        };
    }
}
