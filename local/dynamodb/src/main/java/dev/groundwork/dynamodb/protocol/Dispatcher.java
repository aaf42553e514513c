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

    /**
     * Runs one request.
     *
     * @throws DynamoDbException the AWS error to answer, UnknownOperationException for a target nobody serves
     */
    public ObjectNode dispatch(String target, JsonNode body) {
        if (target == null) throw new DynamoDbException(DynamoDbException.UNKNOWN_OPERATION, null);
        if (target.startsWith(DYNAMODB)) UnsupportedOperations.refuse(target.substring(DYNAMODB.length()));
        // Each case reads its body with request(body), so that an unknown target is refused before a malformed body.
        return switch (target) {
            case DYNAMODB + "CreateTable" -> tables.createTable(request(body));
            case DYNAMODB + "DescribeTable" -> tables.describeTable(request(body));
            case DYNAMODB + "ListTables" -> tables.listTables(request(body));
            case DYNAMODB + "UpdateTable" -> tables.updateTable(request(body));
            case DYNAMODB + "DeleteTable" -> tables.deleteTable(request(body));
            case DYNAMODB + "UpdateTimeToLive" -> tables.updateTimeToLive(request(body));
            case DYNAMODB + "DescribeTimeToLive" -> tables.describeTimeToLive(request(body));
            case DYNAMODB + "PutItem" -> items.putItem(request(body));
            case DYNAMODB + "GetItem" -> items.getItem(request(body));
            case DYNAMODB + "UpdateItem" -> items.updateItem(request(body));
            case DYNAMODB + "DeleteItem" -> items.deleteItem(request(body));
            case DYNAMODB + "Query" -> queries.query(request(body));
            case DYNAMODB + "Scan" -> queries.scan(request(body));
            case DYNAMODB + "BatchGetItem" -> batches.batchGetItem(request(body));
            case DYNAMODB + "BatchWriteItem" -> batches.batchWriteItem(request(body));
            case DYNAMODB + "TransactWriteItems" -> transactions.transactWriteItems(request(body));
            case DYNAMODB + "TransactGetItems" -> transactions.transactGetItems(request(body));
            case DYNAMODB + "TagResource" -> tags.tagResource(request(body));
            case DYNAMODB + "UntagResource" -> tags.untagResource(request(body));
            case DYNAMODB + "ListTagsOfResource" -> tags.listTagsOfResource(request(body));
            case STREAMS + "ListStreams" -> streams.listStreams(request(body));
            case STREAMS + "DescribeStream" -> streams.describeStream(request(body));
            case STREAMS + "GetShardIterator" -> streams.getShardIterator(request(body));
            case STREAMS + "GetRecords" -> streams.getRecords(request(body));
            default -> throw new DynamoDbException(DynamoDbException.UNKNOWN_OPERATION, null);
        };
    }

    /** The body of a served operation; AWS refuses one that is not a JSON object as a SerializationException. */
    private static Request request(JsonNode body) {
        if (body == null || !body.isObject())
            throw DynamoDbException.serialization("Start of structure or map found where not expected");
        return new Request(body);
    }
}
