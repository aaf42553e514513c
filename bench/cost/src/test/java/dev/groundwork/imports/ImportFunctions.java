package dev.groundwork.imports;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.groundwork.platform.testing.TestContext;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/** The import routes' handlers and the worker, wired from an environment. */
public record ImportFunctions(
        Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> create,
        Function<SQSEvent, SQSBatchResponse> worker,
        Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> get) {

    public static ImportFunctions fromEnvironment(Map<String, String> env) {
        CreateImportHandler create = new CreateImportHandler(ImportsApplication.start(env));
        ImportWorkerHandler worker = new ImportWorkerHandler(ImportWorkerConsumer.fromEnvironment(env));
        GetImportHandler get = new GetImportHandler(ImportsApplication.read(env));
        return new ImportFunctions(
                event -> create.handleRequest(event, new TestContext("CreateImportFunction", Duration.ofSeconds(30))),
                event -> worker.handleRequest(event, new TestContext("ImportWorkerFunction")),
                event -> get.handleRequest(event, new TestContext("GetImportFunction")));
    }
}
