package dev.groundwork.dynamodb.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.groundwork.dynamodb.EmbeddedDynamoDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * What the embedded server leaves out answers with an error that names the missing feature, never with a silent
 * wrong answer: an operation it lacks is UnknownOperationException.
 */
class UnsupportedFeaturesConformanceTest {

    private static EmbeddedDynamoDb server;
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void start() {
        server = EmbeddedDynamoDb.start();
        dynamo = TargetClients.forEndpoint(server.endpoint()).dynamo();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void partiqlAnswersUnknownOperationNamingIt() {
        DynamoDbException error = catchThrowableOfType(
                DynamoDbException.class, () -> dynamo.executeStatement(r -> r.statement("SELECT * FROM \"t\"")));

        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException");
        assertThat(error.awsErrorDetails().errorMessage()).contains("ExecuteStatement", "PartiQL");
    }

    @Test
    void backupsAnswerUnknownOperationNamingThem() {
        DynamoDbException error = catchThrowableOfType(
                DynamoDbException.class,
                () -> dynamo.createBackup(r -> r.tableName("any-table").backupName("b")));

        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException");
        assertThat(error.awsErrorDetails().errorMessage()).contains("CreateBackup", "backups");
    }
}
