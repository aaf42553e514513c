/** DynamoDB's values, their wire codec, item sizes and the server's one error type. */
package dev.groundwork.dynamodb.model;
