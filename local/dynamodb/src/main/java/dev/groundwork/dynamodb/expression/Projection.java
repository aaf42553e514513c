package dev.groundwork.dynamodb.expression;

import dev.groundwork.dynamodb.model.AttributeValue;
import java.util.List;
import java.util.Map;

/** A ProjectionExpression: which parts of an item a read returns. */
public interface Projection {
    /** The projected item; nested paths keep their structure ({@code a.b[1]} gives {@code {a:{b:[x]}}}). */
    Map<String, AttributeValue> apply(Map<String, AttributeValue> item);

    /** The top-level attribute names the projection reads, in expression order, without duplicates. */
    List<String> topLevelNames();
}
