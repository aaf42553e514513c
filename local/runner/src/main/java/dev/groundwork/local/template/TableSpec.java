package dev.groundwork.local.template;

import java.util.Map;

/** One {@code AWS::DynamoDB::Table} (or {@code AWS::Serverless::SimpleTable}), its properties resolved. */
public record TableSpec(String logicalId, String tableName, Map<String, Object> properties) {}
