/**
 * The embedded DynamoDB's storage, behind the wire protocol: a {@code Database} of {@code Table}s, each with its
 * items in one sorted map ({@code StorageKey}, {@code StoredItem}), its {@code SecondaryIndex}es, its stream
 * ({@code StreamLog} of {@code StreamRecord}s) and its TTL expiries, deleted by the {@code TtlSweeper}. An
 * {@code ItemWrite} is one conditional write, checked and committed under its table's write lock; {@code Capacity}
 * applies AWS's capacity rules to the sizes a request read and wrote. Every change goes to a {@code Journal}.
 *
 * <p>No class here reads or builds JSON trees: a table describes itself as a plain {@code TableDescription}, and the
 * protocol renders it. The one seam left is the item format: a stored item, and a stream record's keys and images,
 * are kept as their canonical DynamoDB JSON text ({@link dev.groundwork.dynamodb.model.Json#itemText}), several times
 * smaller than a graph of attribute objects, and a read without a projection answers that text as it is, without
 * encoding it again. Separating storage from that format would cost memory and an encoding on every read.
 */
package dev.groundwork.dynamodb.storage;
