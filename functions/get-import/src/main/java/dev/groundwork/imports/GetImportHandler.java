package dev.groundwork.imports;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.groundwork.imports.domain.GetImport;
import dev.groundwork.imports.domain.ImportId;
import dev.groundwork.imports.http.ImportRepresentation;
import dev.groundwork.platform.http.ApiResponses;
import dev.groundwork.platform.http.HttpFunction;
import dev.groundwork.platform.http.Problem;
import dev.groundwork.platform.http.ProblemType;
import dev.groundwork.platform.http.Rejection;
import java.util.Map;

/** {@code GET /v1/imports/{importId}}: the job's status, counts and rejected lines. Another tenant's job is a 404. */
public final class GetImportHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpFunction http;
    private final GetImport getImport;

    public GetImportHandler() {
        this(ImportsApplication.read(System.getenv()));
    }

    GetImportHandler(ImportsApplication.Read application) {
        this.http = application.http();
        this.getImport = application.getImport();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return http.handle(event, context, request -> {
            Problem notFound = Problem.of(ProblemType.IMPORT_NOT_FOUND, "No import has this id.");
            ImportId id = request.pathParameter("importId")
                    .flatMap(ImportId::parse)
                    .orElseThrow(() -> new Rejection(notFound));
            return getImport
                    .get(request.tenant(), id)
                    .map(job ->
                            ApiResponses.json(200, ImportRepresentation.of(job), Map.of("Cache-Control", "no-store")))
                    .orElseGet(() -> ApiResponses.problem(notFound));
        });
    }
}
