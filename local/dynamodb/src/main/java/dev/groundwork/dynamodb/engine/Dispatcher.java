package dev.groundwork.dynamodb.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.groundwork.dynamodb.model.DynamoDbException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Routes an AWS JSON 1.0 request by its {@code X-Amz-Target} ({@code DynamoDB_20120810.<Op>} or
 * {@code DynamoDBStreams_20120810.<Op>}) to the operation that serves it.
 */
public final class Dispatcher {
  static final String DYNAMODB = "DynamoDB_20120810.";
  static final String STREAMS = "DynamoDBStreams_20120810.";

  private final Map<String, Function<Request, ObjectNode>> operations = new HashMap<>();

  public Dispatcher(Database database) {
    TableOperations tables = new TableOperations(database);
    ItemOperations items = new ItemOperations(database);
    QueryOperations queries = new QueryOperations(database);
    BatchOperations batches = new BatchOperations(database);
    TransactionOperations transactions = new TransactionOperations(database);
    StreamOperations streams = new StreamOperations(database);
    TagOperations tags = new TagOperations(database);
    dynamodb("CreateTable", tables::createTable);
    dynamodb("DescribeTable", tables::describeTable);
    dynamodb("ListTables", tables::listTables);
    dynamodb("UpdateTable", tables::updateTable);
    dynamodb("DeleteTable", tables::deleteTable);
    dynamodb("UpdateTimeToLive", tables::updateTimeToLive);
    dynamodb("DescribeTimeToLive", tables::describeTimeToLive);
    dynamodb("PutItem", items::putItem);
    dynamodb("GetItem", items::getItem);
    dynamodb("UpdateItem", items::updateItem);
    dynamodb("DeleteItem", items::deleteItem);
    dynamodb("Query", queries::query);
    dynamodb("Scan", queries::scan);
    dynamodb("BatchGetItem", batches::batchGetItem);
    dynamodb("BatchWriteItem", batches::batchWriteItem);
    dynamodb("TransactWriteItems", transactions::transactWriteItems);
    dynamodb("TransactGetItems", transactions::transactGetItems);
    dynamodb("TagResource", tags::tagResource);
    dynamodb("UntagResource", tags::untagResource);
    dynamodb("ListTagsOfResource", tags::listTagsOfResource);
    streams("ListStreams", streams::listStreams);
    streams("DescribeStream", streams::describeStream);
    streams("GetShardIterator", streams::getShardIterator);
    streams("GetRecords", streams::getRecords);
    UnsupportedOperations.register(this::dynamodb);
  }

  private void dynamodb(String operation, Function<Request, ObjectNode> handler) {
    operations.put(DYNAMODB + operation, handler);
  }

  private void streams(String operation, Function<Request, ObjectNode> handler) {
    operations.put(STREAMS + operation, handler);
  }

  /**
   * Runs one request.
   *
   * @throws DynamoDbException the AWS error to answer, UnknownOperationException for a target nobody serves
   */
  public ObjectNode dispatch(String target, JsonNode body) {
    Function<Request, ObjectNode> operation = target == null ? null : operations.get(target);
    if (operation == null) throw new DynamoDbException(DynamoDbException.UNKNOWN_OPERATION, null);
    if (body == null || !body.isObject()) throw DynamoDbException.serialization("Start of structure or map found where not expected");
    return operation.apply(new Request(body));
  }
}
