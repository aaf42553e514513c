package dev.groundwork.imports;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.groundwork.imports.domain.GetImport;
import dev.groundwork.imports.domain.ImportId;
import dev.groundwork.imports.domain.ImportJob;
import dev.groundwork.imports.domain.RejectedLine;
import dev.groundwork.imports.dynamodb.DynamoDbImportJobs;
import dev.groundwork.imports.http.ImportRepresentation;
import dev.groundwork.items.ItemsPriming;
import dev.groundwork.kernel.FieldError;
import dev.groundwork.platform.http.ApiRequest;
import dev.groundwork.platform.http.ApiResponses;
import dev.groundwork.platform.http.HttpFunction;
import dev.groundwork.platform.http.PrimingRequest;
import dev.groundwork.platform.http.Problem;
import dev.groundwork.platform.http.ProblemType;
import dev.groundwork.platform.http.Rejection;
import dev.groundwork.platform.http.Route;
import dev.groundwork.platform.snapstart.Priming;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code GET /v1/imports/{importId}}: the job's status, counts and rejected lines. Another tenant's job is a 404. */
public final class GetImportHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpFunction http;
    private final GetImport getImport;
    /**
     * Built once: a lambda's class is made the first time its expression runs, so the requests and the priming share
     * this one, made at init (not on the first request after a SnapStart restore).
     */
    private final Route route;

    private final DynamoDbImportJobs jobs;

    private final Priming priming;

    public GetImportHandler() {
        this(ImportsApplication.read(System.getenv()));
    }

    GetImportHandler(ImportsApplication.Read application) {
        this.http = application.http();
        this.getImport = application.getImport();
        this.jobs = application.jobs();
        this.route = this::answer;
        this.priming = Priming.register("GetImport", this::prime);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return http.handle(event, context, route);
    }

    private APIGatewayV2HTTPResponse answer(ApiRequest request) {
        Problem notFound = Problem.of(ProblemType.IMPORT_NOT_FOUND, "No import has this id.");
        ImportId id =
                request.pathParameter("importId").flatMap(ImportId::parse).orElseThrow(() -> new Rejection(notFound));
        return getImport
                .get(request.tenant(), id)
                .map(GetImportHandler::found)
                .orElseGet(() -> ApiResponses.problem(notFound));
    }

    private static APIGatewayV2HTTPResponse found(ImportJob job) {
        return ApiResponses.json(200, ImportRepresentation.of(job), Map.of("Cache-Control", "no-store"));
    }

    /**
     * SnapStart priming: the read of an import id nobody has, of a made-up tenant, answered 404; then a found job with
     * a rejected line, mapped in memory (docs/snapstart.md).
     */
    void prime() {
        String id = ImportId.of(ItemsPriming.freshItemId()).value();
        APIGatewayV2HTTPResponse response = http.prime(
                PrimingRequest.of("GET /v1/imports/{importId}", "/v1/imports/" + id)
                        .withPathParameter("importId", id),
                route);
        Priming.expectStatus("GET /v1/imports/{importId}", 404, response.getStatusCode());
        ImportJob job = ImportJob.queued(
                ImportId.of(ItemsPriming.freshItemId()),
                1,
                List.of(new RejectedLine(2, List.of(new FieldError("name", "must have 1 to 200 characters")))),
                1,
                Instant.now());
        Priming.expectStatus(
                "a found import",
                200,
                found(jobs.asFound(Priming.tenant(), job)).getStatusCode());
    }
}
