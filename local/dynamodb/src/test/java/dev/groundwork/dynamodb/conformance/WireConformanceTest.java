package dev.groundwork.dynamodb.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the SDK hides, over plain HTTP: each error's wire shape ({@code __type} namespace and message member) and the
 * SerializationException DynamoDB answers for a member of the wrong JSON type, before any validation.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.groundwork.dynamodb.conformance.Targets#all")
class WireConformanceTest {

    private final DynamoDbTarget target;
    private final RawCalls raw;

    WireConformanceTest(DynamoDbTarget target) {
        this.target = target;
        this.raw = new RawCalls(target.endpoint());
    }

    @BeforeParameterizedClassInvocation
    static void requireRunning(DynamoDbTarget target) {
        target.endpoint();
    }

    @Test
    void sendsValidationErrorsInCoralsValidateNamespaceWithLowerCaseMessage() {
        RawCalls.Answer answer = raw.call("GetItem", "{\"Key\":{\"pk\":{\"S\":\"a\"}}}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.type()).isEqualTo("com.amazon.coral.validate#ValidationException");
        assertThat(answer.json().path("message").asText())
                .contains("Value null at 'tableName' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void sendsSerializationErrorsWithCapitalMessage() {
        RawCalls.Answer answer = raw.call("BatchGetItem", "{\"RequestItems\":[]}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.type()).isEqualTo("com.amazon.coral.service#SerializationException");
        assertThat(answer.json().path("Message").asText())
                .isEqualTo("Unrecognized collection type java.util.Map<java.lang.String, "
                        + "com.amazonaws.dynamodb.v20120810.KeysAndAttributes>");
        assertThat(answer.json().has("message")).isFalse();
    }

    @Test
    void sendsResourceNotFoundInDynamoDbsNamespace() {
        RawCalls.Answer answer = raw.call("DescribeTable", "{\"TableName\":\"no-such-table-wire\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.type()).isEqualTo("com.amazonaws.dynamodb.v20120810#ResourceNotFoundException");
        assertThat(answer.json().path("message").asText()).startsWith("Requested resource not found");
    }

    @Test
    void refusesANumberWhereAStringBelongs() {
        assertSerializationError(
                raw.call("DescribeTable", "{\"TableName\":5}"), "NUMBER_VALUE cannot be converted to String");
        assertSerializationError(
                raw.call("DescribeTable", "{\"TableName\":1.5}"), "DECIMAL_VALUE cannot be converted to String");
        assertSerializationError(
                raw.call("DescribeTable", "{\"TableName\":true}"), "TRUE_VALUE cannot be converted to String");
        assertSerializationError(
                raw.call("DescribeTable", "{\"TableName\":[\"a\"]}"),
                "Unrecognized collection type class java.lang.String");
        assertSerializationError(
                raw.call("DescribeTable", "{\"TableName\":{}}"), "Start of structure or map found where not expected");
    }

    @Test
    void refusesAStringWhereAMapBelongs() {
        assertSerializationError(
                raw.call("PutItem", "{\"TableName\":\"missing-wire\",\"Item\":\"x\"}"), "Unexpected field type");
        assertSerializationError(
                raw.call("GetItem", "{\"TableName\":\"missing-wire\",\"Key\":[]}"),
                "Unrecognized collection type java.util.Map<java.lang.String, "
                        + "com.amazonaws.dynamodb.v20120810.AttributeValue>");
    }

    @Test
    void refusesAStringWhereANumberOrABooleanBelongs() {
        assertSerializationError(
                raw.call("Scan", "{\"TableName\":\"missing-wire\",\"Limit\":\"1\"}"),
                "STRING_VALUE cannot be converted to Integer");
        assertSerializationError(
                raw.call("GetItem", "{\"TableName\":\"missing-wire\",\"Key\":{},\"ConsistentRead\":\"maybe\"}"),
                "Unexpected token received from parser");
        assertSerializationError(
                raw.call("GetItem", "{\"TableName\":\"missing-wire\",\"Key\":{},\"ConsistentRead\":5}"),
                "NUMBER_VALUE cannot be converted to Boolean");
    }

    @Test
    void refusesTheWrongTypesNestedInATableDefinitionBeforeAnyConstraint() {
        assertSerializationError(
                raw.call("CreateTable", "{\"KeySchema\":[{\"KeyType\":true}]}"),
                "TRUE_VALUE cannot be converted to String");
        assertSerializationError(raw.call("CreateTable", "{\"KeySchema\":[true]}"), "Unexpected value type in payload");
        assertSerializationError(
                raw.call("CreateTable", "{\"ProvisionedThroughput\":[]}"),
                "Unrecognized collection type class com.amazonaws.dynamodb.v20120810.ProvisionedThroughput");
        assertSerializationError(
                raw.call("UpdateTable", "{\"ProvisionedThroughput\":{\"ReadCapacityUnits\":\"1\"}}"),
                "STRING_VALUE cannot be converted to Long");
        assertSerializationError(
                raw.call("UpdateTable", "{\"GlobalSecondaryIndexUpdates\":[{\"Delete\":{\"IndexName\":5}}]}"),
                "NUMBER_VALUE cannot be converted to String");
    }

    @Test
    void refusesTheWrongTypesInsideAttributeValuesBeforeAnyConstraint() {
        assertSerializationError(raw.call("GetItem", "{\"Key\":{\"a\":true}}"), "Unexpected value type in payload");
        assertSerializationError(
                raw.call("PutItem", "{\"Item\":{\"a\":{\"L\":[{\"S\":5}]}}}"),
                "NUMBER_VALUE cannot be converted to String");
        assertSerializationError(
                raw.call("PutItem", "{\"Expected\":{\"a\":{\"Value\":\"x\"}}}"), "Unexpected field type");
        assertSerializationError(
                raw.call("Query", "{\"ExpressionAttributeNames\":{\"#a\":true}}"),
                "TRUE_VALUE cannot be converted to String");
    }

    @Test
    void refusesAStartKeyValueBeforeLookingForTheTable() {
        assertValidationMessage(
                raw.call("Scan", "{\"TableName\":\"missing-wire\",\"ExclusiveStartKey\":{\"a\":{}}}"),
                "The provided starting key is invalid: Supplied AttributeValue is empty, must contain exactly one of"
                        + " the supported datatypes");
        // Sic: a number's refusal comes without the prefix.
        assertValidationMessage(
                raw.call(
                        "Query",
                        "{\"TableName\":\"missing-wire\",\"KeyConditionExpression\":\"a = :a\","
                                + "\"ExpressionAttributeValues\":{\":a\":{\"S\":\"a\"}},"
                                + "\"ExclusiveStartKey\":{\"a\":{\"N\":\"x\"}}}"),
                "The parameter cannot be converted to a numeric value: x");
    }

    @Test
    void listsABatchsTableNamesWithItsOtherViolations() {
        String mapKeys = "at 'requestItems' failed to satisfy constraint: Map keys must satisfy constraint: "
                + "[Member must have length less than or equal to 255, Member must have length greater than or equal"
                + " to 3, Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+]";

        RawCalls.Answer get = raw.call("BatchGetItem", "{\"RequestItems\":{\"a\":{\"Keys\":[]}}}");
        assertThat(get.type()).isEqualTo("com.amazon.coral.validate#ValidationException");
        assertThat(get.json().path("message").asText())
                .startsWith("2 validation errors detected: ")
                .contains(mapKeys)
                .endsWith("Value '[]' at 'requestItems.a.member.keys' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 1");

        RawCalls.Answer write =
                raw.call("BatchWriteItem", "{\"RequestItems\":{\"a;\":[{\"PutRequest\":{},\"DeleteRequest\":{}}]}}");
        assertThat(write.type()).isEqualTo("com.amazon.coral.validate#ValidationException");
        assertThat(write.json().path("message").asText())
                .startsWith("3 validation errors detected: ")
                .contains(mapKeys)
                .contains("Value null at 'requestItems.a;.member.1.member.deleteRequest.key' failed to satisfy"
                        + " constraint: Member must not be null; Value null at"
                        + " 'requestItems.a;.member.1.member.putRequest.item' failed to satisfy constraint: Member"
                        + " must not be null");

        RawCalls.Answer empty = raw.call("BatchWriteItem", "{\"RequestItems\":{\"a\":[]}}");
        assertThat(empty.json().path("message").asText())
                .startsWith("2 validation errors detected: ")
                .contains(mapKeys)
                .endsWith("at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: "
                        + "[Member must have length less than or equal to 25, Member must have length greater than"
                        + " or equal to 1]");
    }

    @Test
    void refusesTheWrongTypesInsideBatches() {
        assertSerializationError(
                raw.call("BatchGetItem", "{\"RequestItems\":{\"missing-wire\":\"x\"}}"),
                "Unexpected value type in payload");
        assertSerializationError(
                raw.call("BatchGetItem", "{\"RequestItems\":{\"missing-wire\":{\"Keys\":{}}}}"),
                "Start of structure or map found where not expected");
        // The types of a table's reads come before its missing Keys.
        assertSerializationError(
                raw.call("BatchGetItem", "{\"RequestItems\":{\"missing-wire\":{\"ConsistentRead\":\"maybe\"}}}"),
                "Unexpected token received from parser");
        assertSerializationError(
                raw.call("BatchGetItem", "{\"RequestItems\":{\"missing-wire\":{\"ProjectionExpression\":true}}}"),
                "TRUE_VALUE cannot be converted to String");
        assertSerializationError(
                raw.call(
                        "BatchGetItem",
                        "{\"RequestItems\":{\"missing-wire\":{\"ExpressionAttributeNames\":{\"#a\":1}}}}"),
                "NUMBER_VALUE cannot be converted to String");
        assertSerializationError(
                raw.call("BatchWriteItem", "{\"RequestItems\":{\"missing-wire\":[\"x\"]}}"),
                "Unexpected value type in payload");
        assertSerializationError(
                raw.call("BatchWriteItem", "{\"RequestItems\":{\"missing-wire\":[{\"PutRequest\":\"x\"}]}}"),
                "Unexpected field type");
    }

    @Test
    void listsEveryViolationOfABatchInDynamoDbsOrder() {
        RawCalls.Answer answer = raw.call("BatchGetItem", "{\"ReturnConsumedCapacity\":\"ALL\"}");

        assertThat(answer.type()).isEqualTo("com.amazon.coral.validate#ValidationException");
        assertThat(answer.json().path("message").asText())
                .isEqualTo("2 validation errors detected: "
                        + "Value 'ALL' at 'returnConsumedCapacity' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: [INDEXES, TOTAL, NONE]; "
                        + "Value null at 'requestItems' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void listsEveryViolationOfACreateTableInDynamoDbsOrder() {
        assertValidationMessage(
                raw.call("CreateTable", "{\"TableName\":\"abc;\"}"),
                "3 validation errors detected: "
                        + "Value null at 'attributeDefinitions' failed to satisfy constraint: Member must not be null; "
                        + "Value 'abc;' at 'tableName' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; "
                        + "Value null at 'keySchema' failed to satisfy constraint: Member must not be null");
        assertValidationMessage(
                raw.call(
                        "CreateTable",
                        "{\"TableName\":\"abc\",\"AttributeDefinitions\":[],\"KeySchema\":[],\"BillingMode\":\"A\","
                                + "\"ProvisionedThroughput\":{\"ReadCapacityUnits\":-1,\"WriteCapacityUnits\":-1}}"),
                "4 validation errors detected: "
                        + "Value 'A' at 'billingMode' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]; "
                        + "Value '-1' at 'provisionedThroughput.writeCapacityUnits' failed to satisfy constraint: "
                        + "Member must have value greater than or equal to 1; "
                        + "Value '-1' at 'provisionedThroughput.readCapacityUnits' failed to satisfy constraint: "
                        + "Member must have value greater than or equal to 1; "
                        + "Value '[]' at 'keySchema' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 1");
    }

    @Test
    void namesEachMemberOfAListByItsPosition() {
        assertValidationMessage(
                raw.call(
                        "CreateTable",
                        "{\"TableName\":\"abc\",\"AttributeDefinitions\":[{}],"
                                + "\"KeySchema\":[{\"KeyType\":\"HASH\"},{\"AttributeName\":\"a\",\"KeyType\":\"Woop\"}],"
                                + "\"ProvisionedThroughput\":{\"ReadCapacityUnits\":1,\"WriteCapacityUnits\":1}}"),
                "4 validation errors detected: "
                        + "Value null at 'attributeDefinitions.1.member.attributeName' failed to satisfy constraint: "
                        + "Member must not be null; "
                        + "Value null at 'attributeDefinitions.1.member.attributeType' failed to satisfy constraint: "
                        + "Member must not be null; "
                        + "Value null at 'keySchema.1.member.attributeName' failed to satisfy constraint: "
                        + "Member must not be null; "
                        + "Value 'Woop' at 'keySchema.2.member.keyType' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: [HASH, RANGE]");
        assertValidationMessage(
                raw.call(
                        "CreateTable",
                        "{\"TableName\":\"abc\",\"AttributeDefinitions\":[{\"AttributeName\":\"b\",\"AttributeType\":\"SS\"}],"
                                + "\"KeySchema\":[{\"KeyType\":\"HASH\",\"AttributeName\":\"a\"}],"
                                + "\"ProvisionedThroughput\":{\"ReadCapacityUnits\":1,\"WriteCapacityUnits\":1}}"),
                "1 validation error detected: "
                        + "Value 'SS' at 'attributeDefinitions.1.member.attributeType' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: [B, N, S]");
    }

    @Test
    void answersAMissingOrShortTableNameOfATableOperationOnItsOwn() {
        assertValidationMessage(
                raw.call("DescribeTable", "{}"),
                "The parameter 'TableName' is required but was not present in the request");
        assertValidationMessage(
                raw.call("DeleteTable", "{\"TableName\":\"a;\"}"),
                "TableName must be at least 3 characters long and at most 255 characters long");
        assertValidationMessage(
                raw.call("UpdateTable", "{\"TableName\":\"abc;\",\"BillingMode\":\"A\"}"),
                "2 validation errors detected: "
                        + "Value 'abc;' at 'tableName' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; "
                        + "Value 'A' at 'billingMode' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]");
    }

    @Test
    void listsEveryViolationOfATransactionBeforeLookingAtItsTables() {
        assumeTrue(target.supports(Capability.TRANSACTIONS), "transactions");

        assertValidationMessage(
                raw.call("TransactWriteItems", "{\"ReturnConsumedCapacity\":\"ALL\",\"ClientRequestToken\":\"\"}"),
                "3 validation errors detected: "
                        + "Value null at 'transactItems' failed to satisfy constraint: Member must not be null; "
                        + "Value 'ALL' at 'returnConsumedCapacity' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: [INDEXES, TOTAL, NONE]; "
                        + "Value '' at 'clientRequestToken' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 1");
        assertValidationMessage(
                raw.call("TransactGetItems", "{\"TransactItems\":[{\"Get\":{\"TableName\":\"a;\"}},{}]}"),
                "3 validation errors detected: "
                        + "Value 'a;' at 'transactItems.1.member.get.tableName' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; "
                        + "Value 'a;' at 'transactItems.1.member.get.tableName' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 3; "
                        + "Value null at 'transactItems.2.member.get' failed to satisfy constraint: "
                        + "Member must not be null");
    }

    @Test
    void listsEveryViolationOfAStreamsCall() {
        assumeTrue(target.supports(Capability.STREAMS), "DynamoDB Streams");

        assertValidationMessage(
                raw.send("POST", "DynamoDBStreams_20120810.GetShardIterator", "{}", RawCalls.AUTHORIZATION),
                "3 validation errors detected: "
                        + "Value null at 'streamArn' failed to satisfy constraint: Member must not be null; "
                        + "Value null at 'shardId' failed to satisfy constraint: Member must not be null; "
                        + "Value null at 'shardIteratorType' failed to satisfy constraint: Member must not be null");
        assertValidationMessage(
                raw.send(
                        "POST",
                        "DynamoDBStreams_20120810.GetRecords",
                        "{\"ShardIterator\":\"\",\"Limit\":0}",
                        RawCalls.AUTHORIZATION),
                "2 validation errors detected: "
                        + "Value '' at 'shardIterator' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 1; "
                        + "Value '0' at 'limit' failed to satisfy constraint: "
                        + "Member must have value greater than or equal to 1");
    }

    @Test
    void listsEveryViolationOfATagAfterTheResourceArn() {
        assumeFalse(target.deviatesBy(KnownDeviation.TAG_MEMBERS_UNCHECKED), "tag member constraints");

        assertValidationMessage(
                raw.call(
                        "TagResource",
                        "{\"ResourceArn\":\"arn:aws:dynamodb:us-east-1:000000000000:table/no-such-table-wire\","
                                + "\"Tags\":[{\"Key\":\"\"},{\"Key\":\"a\",\"Value\":\"b\"}]}"),
                "2 validation errors detected: "
                        + "Value '' at 'tags.1.member.key' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 1; "
                        + "Value null at 'tags.1.member.value' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void checksEveryTypeBeforeAnyConstraint() {
        assertSerializationError(
                raw.call("PutItem", "{\"ReturnValues\":\"EVERYTHING\",\"ConditionExpression\":5}"),
                "NUMBER_VALUE cannot be converted to String");
    }

    @Test
    void refusesARequestWithoutAuthorization() {
        RawCalls.Answer answer = raw.send("POST", "DynamoDB_20120810.ListTables", "{}", null);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.type()).isEqualTo("com.amazon.coral.service#MissingAuthenticationTokenException");
        assertThat(answer.json().path("message").asText()).isEqualTo("Request is missing Authentication Token");
    }

    @Test
    void refusesAnAuthorizationThatIsNotSigV4s() {
        RawCalls.Answer answer = raw.send("POST", "DynamoDB_20120810.ListTables", "{}", "Bearer abc");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.type()).isEqualTo("com.amazon.coral.service#MissingAuthenticationTokenException");
    }

    @Test
    void refusesAnIncompleteSignatureNamingWhatIsMissing() {
        String authorization = "AWS4-HMAC-SHA256 Credential=groundwork/20260101/us-east-1/dynamodb/aws4_request";
        RawCalls.Answer answer = raw.send("POST", "DynamoDB_20120810.ListTables", "{}", authorization);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.type()).isEqualTo("com.amazon.coral.service#IncompleteSignatureException");
        assertThat(answer.json().path("message").asText())
                .isEqualTo("Authorization header requires 'Signature' parameter. "
                        + "Authorization header requires 'SignedHeaders' parameter. Authorization=" + authorization);
    }

    @Test
    void answersAnUnknownOperationBeforeAMissingAuthorization() {
        RawCalls.Answer answer = raw.send("POST", "DynamoDB_20120810.NoSuchThing", "{}", null);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.type()).isEqualTo("com.amazon.coral.service#UnknownOperationException");
    }

    @Test
    void answersGetWithTheHealthLine() {
        RawCalls.Answer answer = raw.send("GET", null, null, null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("healthy: dynamodb.us-east-1.amazonaws.com ");
    }

    @Test
    void answersOtherMethodsWith404() {
        for (String method : new String[] {"PUT", "DELETE", "PATCH"}) {
            RawCalls.Answer answer = raw.send(method, "DynamoDB_20120810.ListTables", "{}", RawCalls.AUTHORIZATION);

            assertThat(answer.status()).as(method).isEqualTo(404);
            assertThat(answer.body()).as(method).isEqualTo("<UnknownOperationException/>\n");
        }
    }

    @Test
    void refusesABodyOver16MegabytesWith413() {
        RawCalls.Answer answer = raw.sendLarge("ListTables", 16 * 1024 * 1024 + 1);

        assertThat(answer.status()).isEqualTo(413);
    }

    @Test
    void answersABodyThatIsNotJsonWith404() {
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", "application/xml"}) {
            RawCalls.Answer answer = raw.sendWithHeaders("POST", "ListTables", "{}", "Content-Type", type);

            assertThat(answer.status()).as(type).isEqualTo(404);
            assertThat(answer.body()).as(type).isEqualTo("<UnknownOperationException/>\n");
        }
    }

    @Test
    void refusesABodyThatIsNotJsonWithATextlessSerializationException() {
        for (String type : new String[] {"application/x-amz-json-1.0", "application/json"}) {
            RawCalls.Answer answer = raw.sendWithHeaders("POST", "ListTables", "hi", "Content-Type", type);

            assertThat(answer.status()).as(type).isEqualTo(400);
            assertThat(answer.json().toString())
                    .as(type)
                    .isEqualTo("{\"__type\":\"com.amazon.coral.service#SerializationException\"}");
        }
    }

    @Test
    void refusesASignedRequestWithoutABodyAsUnreadable() {
        // Not read as an empty request: even ListTables, which needs no member, wants at least "{}".
        RawCalls.Answer answer = raw.sendWithHeaders("POST", "ListTables", null, "Content-Type", null);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().toString())
                .isEqualTo("{\"__type\":\"com.amazon.coral.service#SerializationException\"}");
    }

    @Test
    void answersInPlainJsonARequestThatNamesNoContentType() {
        RawCalls.Answer answer = raw.sendBarePost();

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).isEqualTo("application/json");
        assertThat(answer.type()).isEqualTo("com.amazon.coral.service#UnknownOperationException");
    }

    @Test
    void answersPlainJsonInKind() {
        RawCalls.Answer answer =
                raw.sendWithHeaders("POST", "ListTables", "{}", "Content-Type", "application/json; charset=utf-8");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).isEqualTo("application/json");
        assertThat(answer.json().has("TableNames")).isTrue();
    }

    @Test
    void allowsABrowsersRequestFromAnyOrigin() {
        RawCalls.Answer answer = raw.sendWithHeaders("POST", "ListTables", "{}", "Origin", "https://app.example.com");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Access-Control-Allow-Origin")).isEqualTo("*");
    }

    @Test
    void answersACorsPreflightWithWhatItAsksFor() {
        RawCalls.Answer answer = raw.sendWithHeaders(
                "OPTIONS",
                null,
                null,
                "Origin",
                "https://app.example.com",
                "Access-Control-Request-Method",
                "POST",
                "Access-Control-Request-Headers",
                "content-type,x-amz-target");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEmpty();
        assertThat(answer.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(answer.header("Access-Control-Allow-Methods")).isEqualTo("POST");
        assertThat(answer.header("Access-Control-Allow-Headers")).isEqualTo("content-type,x-amz-target");
        assertThat(answer.header("Access-Control-Max-Age")).isEqualTo("172800");
    }

    @Test
    void sendsNoCorsHeaderWithoutAnOrigin() {
        RawCalls.Answer answer = raw.call("ListTables", "{}");

        assertThat(answer.header("Access-Control-Allow-Origin")).isNull();
    }

    private static void assertValidationMessage(RawCalls.Answer answer, String message) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.type()).as(answer.body()).isEqualTo("com.amazon.coral.validate#ValidationException");
        assertThat(answer.json().path("message").asText()).as(answer.body()).isEqualTo(message);
    }

    private static void assertSerializationError(RawCalls.Answer answer, String message) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.type()).as(answer.body()).isEqualTo("com.amazon.coral.service#SerializationException");
        assertThat(answer.json().path("Message").asText()).as(answer.body()).isEqualTo(message);
    }
}
