package dev.groundwork.imports;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.groundwork.imports.domain.ImportChunk;
import dev.groundwork.imports.domain.ImportId;
import dev.groundwork.imports.domain.ImportInput;
import dev.groundwork.imports.domain.ImportJob;
import dev.groundwork.imports.domain.ImportLine;
import dev.groundwork.imports.domain.ImportRequestId;
import dev.groundwork.imports.domain.StartImport;
import dev.groundwork.imports.dynamodb.DynamoDbImportJobs;
import dev.groundwork.imports.http.ImportBodies;
import dev.groundwork.imports.http.ImportRepresentation;
import dev.groundwork.imports.sqs.ImportChunkMessages;
import dev.groundwork.items.ItemsPriming;
import dev.groundwork.items.domain.ItemContent;
import dev.groundwork.platform.http.ApiRequest;
import dev.groundwork.platform.http.ApiResponses;
import dev.groundwork.platform.http.HttpFunction;
import dev.groundwork.platform.http.PrimingRequest;
import dev.groundwork.platform.http.Problem;
import dev.groundwork.platform.http.ProblemType;
import dev.groundwork.platform.http.Route;
import dev.groundwork.platform.idempotency.IdempotentRequests;
import dev.groundwork.platform.snapstart.Priming;
import dev.groundwork.platform.sqs.SqsSender;
import java.time.Instant;
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
    /** Three lines, one of them not JSON: the priming reads a body as an import does, rejected line included. */
    private static final String PRIMING_BODY =
            "{\"name\":\"Priming widget\",\"tags\":[\"priming\"]}\n{not json\n{\"name\":\"Second widget\"}\n";

    private final HttpFunction http;
    private final StartImport startImport;
    private final IdempotentRequests idempotentRequests;
    private final DynamoDbImportJobs jobs;
    private final SqsSender importJobs;
    /**
     * Built once: a lambda's class is made the first time its expression runs, so the requests and the priming share
     * this one, made at init (not on the first request after a SnapStart restore).
     */
    private final Route route;

    private final Priming priming;

    public CreateImportHandler() {
        this(ImportsApplication.start(System.getenv()));
    }

    CreateImportHandler(ImportsApplication.Start application) {
        this.http = application.http();
        this.startImport = application.startImport();
        this.idempotentRequests = application.idempotentRequests();
        this.jobs = application.jobs();
        this.importJobs = application.importJobs();
        this.route = request -> answer(request, this::start);
        this.priming = Priming.register("CreateImport", this::prime);
    }

    /** Starts the job of an import's lines: the real one, or the priming's, which starts nothing. */
    @FunctionalInterface
    private interface Start {
        APIGatewayV2HTTPResponse start(ApiRequest request, List<ImportInput> inputs, Optional<ImportRequestId> id);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return http.handle(event, context, route);
    }

    private APIGatewayV2HTTPResponse answer(ApiRequest request, Start start) {
        request.requireMediaType(ImportBodies.MEDIA_TYPES);
        String mediaType =
                request.header("Content-Type").orElse("").split(";")[0].strip().toLowerCase(Locale.ROOT);
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
                        request.remaining(),
                        () -> start.start(
                                request,
                                inputs,
                                Optional.of(
                                        new ImportRequestId(IdempotentRequests.requestDigest(key, request, body))))))
                .orElseGet(() -> start.start(request, inputs, Optional.empty()));
    }

    private APIGatewayV2HTTPResponse start(
            ApiRequest request, List<ImportInput> inputs, Optional<ImportRequestId> requestId) {
        return accepted(startImport.start(request.tenant(), inputs, requestId));
    }

    private static APIGatewayV2HTTPResponse accepted(ImportJob job) {
        return ApiResponses.json(
                202, ImportRepresentation.of(job), Map.of("Location", ImportRepresentation.location(job)));
    }

    /**
     * SnapStart priming: an NDJSON body of a made-up tenant, read line by line as an import is, and answered 202 with
     * the representation of a job that is never stored: the priming reads a job id nobody has (a read that finds
     * nothing), creates no job, and sends its chunk in a batch SQS refuses whole, so none arrives (docs/snapstart.md).
     */
    void prime() {
        APIGatewayV2HTTPResponse response = http.prime(
                PrimingRequest.of("POST /v1/imports", "/v1/imports").withBody(ImportBodies.NDJSON, PRIMING_BODY),
                request -> answer(request, this::startNothing));
        Priming.expect("POST /v1/imports", 202, response.getStatusCode());
    }

    private APIGatewayV2HTTPResponse startNothing(
            ApiRequest request, List<ImportInput> inputs, Optional<ImportRequestId> requestId) {
        ImportJob job =
                ImportJob.queued(ImportId.of(ItemsPriming.freshItemId()), inputs.size(), List.of(), 1, Instant.now());
        Priming.expect("the read of an import job nobody has", Optional.empty(), jobs.find(request.tenant(), job.id()));
        // The job's write, with and without an Idempotency-Key, built as create builds it (not sent: it would succeed).
        jobs.primeCreate(request.tenant(), job, new ImportRequestId("0".repeat(64)));
        ImportChunk chunk = new ImportChunk(
                request.tenant(),
                job.id(),
                job.createdAt(),
                1,
                List.of(new ImportLine(
                        1, new ItemContent("Priming widget", Map.of("color", "blue"), List.of("priming")))));
        importJobs.prime(new SqsSender.Outgoing(
                ImportChunkMessages.write(chunk), request.tenant().value()));
        return accepted(job);
    }
}
