/** Groundwork's embedded DynamoDB: a DynamoDB-compatible server that runs inside a JVM. */
package dev.groundwork.dynamodb;
