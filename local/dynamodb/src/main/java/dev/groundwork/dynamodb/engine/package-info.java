/**
 * The embedded DynamoDB's engine, behind the HTTP layer: {@link dev.groundwork.dynamodb.engine.Dispatcher} routes an
 * operation to the class that serves its family ({@code TableOperations}, {@code ItemOperations},
 * {@code QueryOperations}, {@code BatchOperations}, {@code TransactionOperations}, {@code StreamOperations},
 * {@code TagOperations}); a {@code Table} holds a schema, items in one sorted map, secondary indexes, a stream
 * ({@code StreamLog}) and a TTL setting; {@code Capacity} applies AWS's capacity rules; {@code TtlSweeper} deletes
 * expired items; {@code Persistence} journals changes to a data directory.
 */
package dev.groundwork.dynamodb.engine;
