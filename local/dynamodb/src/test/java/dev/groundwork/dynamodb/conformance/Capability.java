package dev.groundwork.dynamodb.conformance;

/**
 * What a target serves beyond the core item and query operations. A case that needs one skips, and says so, on a
 * target that lacks it; every target but dynalite has all of them. Each one dynalite lacks is a documented gap of
 * dynalite 4.0.0, not a behaviour the suite is unsure of.
 */
public enum Capability {
    /** TransactWriteItems and TransactGetItems (dynalite: UnknownOperationException). */
    TRANSACTIONS,
    /** The DynamoDB Streams API (dynalite: UnknownOperationException). */
    STREAMS,
    /** UpdateTimeToLive (dynalite: UnknownOperationException). */
    TIME_TO_LIVE,
    /** Expired items are swept within seconds (the embedded server's sweep interval is set short for the suite). */
    FAST_TTL_SWEEP,
    /** ReturnValuesOnConditionCheckFailure, added to DynamoDB in 2023 (dynalite 4.0.0 ignores it). */
    RETURN_VALUES_ON_CONDITION_CHECK_FAILURE,
    /** Creating a global secondary index on an existing table with UpdateTable (dynalite 4.0.0 rejects it). */
    ONLINE_INDEX_CREATION
}
