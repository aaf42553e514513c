/**
 * AWS JSON 1.0's DynamoDB and DynamoDB Streams operations over the {@link dev.groundwork.dynamodb.storage storage}:
 * {@link dev.groundwork.dynamodb.protocol.Dispatcher} routes an operation to the class that serves its family
 * ({@code TableOperations}, {@code ItemOperations}, {@code QueryOperations}, {@code BatchOperations},
 * {@code TransactionOperations}, {@code StreamOperations}, {@code TagOperations}), each of which reads its
 * {@code Request} with AWS's validation wording, calls the storage and renders the answer ({@code TableJson},
 * {@code ReturnCapacity}, {@code ItemCollectionMetrics}).
 *
 * <p>{@code Persistence} lives here rather than in storage: the journal keeps a table as the JSON of a CreateTable
 * request ({@code TableJson#definition}) and replays it through {@code TableOperations}, so that a restored table
 * passes the same checks as a created one. Moving it into storage would mean a second reader of table definitions.
 */
package dev.groundwork.dynamodb.protocol;
