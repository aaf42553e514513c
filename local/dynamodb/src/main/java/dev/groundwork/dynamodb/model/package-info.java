/**
 * DynamoDB's values, their JSON codec ({@code AttributeValues}, and {@code Json} for the server's reading and writing
 * of JSON, which the protocol and the storage's item text share), item sizes and the server's one error type.
 */
package dev.groundwork.dynamodb.model;
