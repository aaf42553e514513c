/**
 * DynamoDB's expression language: condition, filter, projection, update and key condition expressions, parsed into a
 * small syntax tree and evaluated with DynamoDB's semantics and error messages.
 */
package dev.groundwork.dynamodb.expression;
