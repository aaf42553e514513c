package dev.groundwork.imports;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.groundwork.imports.domain.ImportInput;
import dev.groundwork.imports.domain.ImportJob;
import dev.groundwork.imports.domain.ImportRequestId;
import dev.groundwork.imports.domain.StartImport;
import dev.groundwork.imports.http.ImportBodies;
import dev.groundwork.imports.http.ImportRepresentation;
import dev.groundwork.platform.http.ApiRequest;
import dev.groundwork.platform.http.ApiResponses;
import dev.groundwork.platform.http.HttpFunction;
import dev.groundwork.platform.http.Problem;
import dev.groundwork.platform.http.ProblemType;
import dev.groundwork.platform.idempotency.IdempotentRequests;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /v1/imports}: up to 10,000 items as a JSON array or NDJSON, up to 6 MB. Every line is checked as
 * {@code POST /v1/items} checks a body; the accepted ones go to the import-jobs queue in chunks. 202 with
 * {@code Location: /v1/imports/{importId}} and the rejected lines; honours {@code Idempotency-Key}.
 */
public final class CreateImportHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpFunction http;
    private final StartImport startImport;
    private final IdempotentRequests idempotentRequests;

    public CreateImportHandler() {
        this(ImportsApplication.start(System.getenv()));
    }

    CreateImportHandler(ImportsApplication.Start application) {
        this.http = application.http();
        this.startImport = application.startImport();
        this.idempotentRequests = application.idempotentRequests();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return http.handle(event, context, request -> {
            request.requireMediaType(ImportBodies.MEDIA_TYPES);
            String mediaType = request.header("Content-Type")
                    .orElse("")
                    .split(";")[0]
                    .strip()
                    .toLowerCase(Locale.ROOT);
            byte[] body = request.body(
                    ImportBodies.maxBytes(mediaType),
                    Problem.of(
                            ProblemType.IMPORT_TOO_LARGE,
                            "An import body takes at most 4 MiB as NDJSON, 1 MB as JSON; split the file."));
            // Every line is read before anything is written: a refused body leaves no job and no key.
            var inputs = ImportBodies.read(mediaType, body);
            // With a key, a retry of an attempt that failed half way finishes the same job (StartImport).
            return IdempotentRequests.keyOf(request)
                    .map(key -> idempotentRequests.run(
                            request,
                            key,
                            body,
                            Duration.ofMillis(context.getRemainingTimeInMillis()),
                            () -> start(
                                    request,
                                    inputs,
                                    Optional.of(new ImportRequestId(
                                            IdempotentRequests.requestDigest(key, request, body))))))
                    .orElseGet(() -> start(request, inputs, Optional.empty()));
        });
    }

    private APIGatewayV2HTTPResponse start(
            ApiRequest request, List<ImportInput> inputs, Optional<ImportRequestId> requestId) {
        ImportJob job = startImport.start(request.tenant(), inputs, requestId);
        return ApiResponses.json(
                202, ImportRepresentation.of(job), Map.of("Location", ImportRepresentation.location(job)));
    }
}
