/**
 * The subset of AWS IAM that tenant isolation needs, for the embedded DynamoDB and its STS stand-in: an
 * {@link dev.groundwork.dynamodb.iam.AccessControl} names roles and long-term principals with their identity policies,
 * mints role sessions ({@code AssumeRole} with session tags, credentials that expire) and identifies the
 * {@link dev.groundwork.dynamodb.iam.Caller} behind an access key; a {@code Policy} decides one
 * {@link dev.groundwork.dynamodb.iam.AccessRequest} as IAM's policy evaluation logic does (explicit deny wins, then an
 * allow, else deny).
 *
 * <p>No HTTP, no Jackson: policies are read by a small JSON reader of this package ({@code PolicyJson}), so the rules
 * can be tested, and reused, without the server.
 */
package dev.groundwork.dynamodb.iam;
