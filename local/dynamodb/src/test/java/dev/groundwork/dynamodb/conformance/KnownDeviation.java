package dev.groundwork.dynamodb.conformance;

/**
 * A place where a reference server answers differently from DynamoDB's documented behaviour. The cases that hit
 * one skip on that server and name it here; docs/embedded-dynamodb.md lists them with how each was settled.
 */
public enum KnownDeviation {
    /**
     * dynalite 4.0.0 compares maps in conditions by key order. DynamoDB documents a map as an unordered collection
     * of name-value pairs, so two maps with the same entries are equal.
     */
    MAP_EQUALITY_DEPENDS_ON_KEY_ORDER,
    /**
     * dynalite 4.0.0 refuses more than five index creations and deletions in one UpdateTable. DynamoDB's UpdateTable
     * API reference: "You can create or delete only one global secondary index per UpdateTable operation."
     */
    SEVERAL_INDEX_CREATIONS_OR_DELETIONS_ACCEPTED,
    /**
     * dynalite 4.0.0 reports expression syntax errors in its parser generator's words ({@code Expected "#", ... but
     * "=" found.}); DynamoDB says {@code Syntax error; token: "=", near: "= = :v"}.
     */
    PARSER_SYNTAX_ERROR_WORDING,
    /**
     * dynalite 4.0.0 accepts {@code Select: ALL_PROJECTED_ATTRIBUTES} on a query of the table itself; DynamoDB's
     * API reference allows it "only when querying an index" and answers a ValidationException.
     */
    ACCEPTS_ALL_PROJECTED_ATTRIBUTES_WITHOUT_INDEX,
    /**
     * dynalite 4.0.0 charges a single-item write for the table only. DynamoDB charges each global secondary index
     * the write touches as well, and lists them under {@code ReturnConsumedCapacity: INDEXES}.
     */
    INDEX_WRITES_NOT_CHARGED,
    /**
     * dynalite 4.0.0 stores the exact result of {@code SET a = a + :v} or {@code ADD} even past 38 significant
     * digits. DynamoDB numbers have "up to 38 digits of precision", and exceeding it is a ValidationException.
     */
    ARITHMETIC_BEYOND_38_DIGITS_STORED,
    /**
     * dynalite 4.0.0 accepts an empty string as a secondary index's key value. DynamoDB allows empty strings
     * outside keys only, and answers a ValidationException naming the index.
     */
    EMPTY_STRING_INDEX_KEY_ACCEPTED,
    /**
     * dynalite 4.0.0 accepts UpdateItem's ReturnValues (ALL_NEW, UPDATED_OLD, UPDATED_NEW) on DeleteItem. The
     * DeleteItem API reference: "the valid values are: NONE ... ALL_OLD", anything else is a ValidationException.
     */
    ACCEPTS_UPDATE_RETURN_VALUES_ON_DELETE,
    /**
     * dynalite 4.0.0 measures a string by its UTF-16 length ("日本" is 2), DynamoDB by its UTF-8 bytes ("日本" is 6),
     * which changes item sizes and so capacity, the 400 KB limit and the 1 MB page.
     */
    STRING_SIZE_IN_UTF16_UNITS,
    /**
     * dynalite 4.0.0 accepts a ConditionalOperator with no Expected, QueryFilter or ScanFilter, or with only one
     * condition in it. DynamoDB answers "ConditionalOperator cannot be used without Filter or Expected" and
     * "ConditionalOperator can only be used when Filter or Expected has two or more elements" (the ConditionalOperator
     * entries of the API reference; the wording as captured with the AWS CLI in ExtendDB's conformance tests).
     */
    CONDITIONAL_OPERATOR_USAGE_UNCHECKED,
    /**
     * dynalite 4.0.0 evaluates {@code ConditionalOperator: OR} as false as soon as one condition is false, in map
     * order. The API reference: "OR - At least one of the conditions must evaluate to true".
     */
    CONDITIONAL_OPERATOR_OR_STOPS_AT_FIRST_FALSE_CONDITION,
    /**
     * dynalite 4.0.0 finds a tagged table by the name at the end of its ARN, whatever account and region the ARN
     * names. DynamoDB denies an ARN of another account (AccessDeniedException) and refuses one of another region as an
     * invalid table ARN.
     */
    TABLE_ARN_ACCOUNT_AND_REGION_IGNORED,
    /**
     * dynalite 4.0.0 checks only the types of TagResource's tags. DynamoDB's API reference constrains each tag: a key of
     * 1 to 128 characters and a value of at most 256, both required, listed like any member constraint.
     */
    TAG_MEMBERS_UNCHECKED,
    /**
     * dynalite 4.0.0 requires ProvisionedThroughput in a global index's Update action, as DynamoDB did before tables
     * could be on demand. Today's API reference (UpdateGlobalSecondaryIndexAction) requires only IndexName: an on-demand
     * table's index is updated with OnDemandThroughput or WarmThroughput instead.
     */
    INDEX_UPDATE_REQUIRES_PROVISIONED_THROUGHPUT
}
