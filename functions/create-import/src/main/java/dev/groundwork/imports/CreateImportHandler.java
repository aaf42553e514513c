package dev.groundwork.imports;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.groundwork.imports.domain.ImportJob;
import dev.groundwork.imports.domain.ImportRequestId;
import dev.groundwork.imports.domain.StartImport;
import dev.groundwork.imports.http.ImportBodies;
import dev.groundwork.imports.http.ImportRepresentation;
import dev.groundwork.items.ItemsPriming;
import dev.groundwork.platform.http.ApiRequest;
import dev.groundwork.platform.http.ApiResponses;
import dev.groundwork.platform.http.HttpFunction;
import dev.groundwork.platform.http.PrimingRequest;
import dev.groundwork.platform.http.Problem;
import dev.groundwork.platform.http.ProblemType;
import dev.groundwork.platform.http.Route;
import dev.groundwork.platform.idempotency.IdempotentRequests;
import dev.groundwork.platform.snapstart.Priming;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /v1/imports}: up to 10,000 items as a JSON array or NDJSON, up to 6 MB. Every line is checked as
 * {@code POST /v1/items} checks a body; the accepted ones go to the import-jobs queue in chunks. 202 with
 * {@code Location: /v1/imports/{importId}} and the rejected lines; honours {@code Idempotency-Key}.
 */
public final class CreateImportHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    /**
     * Four lines: an item with every kind of value, one line not JSON, an invalid item, a plain item. The priming reads
     * a body as an import does, rejected lines included.
     */
    private static final String PRIMING_BODY = ItemsPriming.ITEM_DOCUMENT + "\n{not json\n"
            + ItemsPriming.INVALID_DOCUMENT + "\n{\"name\":\"Second widget\"}\n";

    private final HttpFunction http;
    private final StartImport startImport;
    private final IdempotentRequests idempotentRequests;
    private final Duration sendMargin;
    private final StartImport startingNothing;
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
        this.startingNothing = application.startingNothing();
        this.sendMargin = application.sendMargin();
        this.route = request -> answer(request, startImport);
        this.priming = Priming.register("CreateImport", this::prime);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return http.handle(event, context, route);
    }

    /** @param start the real use case, or the priming's, which stores and sends nothing */
    private APIGatewayV2HTTPResponse answer(ApiRequest request, StartImport start) {
        request.requireMediaType(ImportBodies.MEDIA_TYPES);
        String mediaType = request.mediaType();
        byte[] body = request.body(
                ImportBodies.maxBytes(mediaType),
                Problem.of(
                        ProblemType.IMPORT_TOO_LARGE,
                        "An import body takes at most 4 MiB as NDJSON, 1 MB as JSON; split the file."));
        // Every line is read before anything is written: a refused body leaves no job and no key.
        var inputs = ImportBodies.read(mediaType, body);
        // The invoke ends with the gateway's 30 s (template.yaml): a call to the queue started later could still be
        // sending when the gateway tells the client the request failed.
        Instant sendBy = Instant.now().plus(request.remaining()).minus(sendMargin);
        // With a key, a retry of an attempt that failed half way finishes the same job (StartImport).
        return IdempotentRequests.keyOf(request)
                .map(key -> idempotentRequests.run(
                        request,
                        key,
                        body,
                        request.remaining(),
                        digest -> accepted(start.start(
                                request.tenant(), inputs, Optional.of(new ImportRequestId(digest)), sendBy))))
                .orElseGet(() -> accepted(start.start(request.tenant(), inputs, Optional.empty(), sendBy)));
    }

    private static APIGatewayV2HTTPResponse accepted(ImportJob job) {
        return ApiResponses.json(
                202, ImportRepresentation.of(job), Map.of("Location", ImportRepresentation.location(job)));
    }

    /**
     * SnapStart priming: an NDJSON body of a made-up tenant, read line by line and started as an import is
     * ({@link ImportsApplication.Start#startingNothing}): the job's put is sent with its condition reversed, which
     * DynamoDB refuses on a fresh id, and its chunk in a batch SQS refuses whole, so no job is stored and no chunk
     * arrives; answered 202 with the representation of that job (docs/snapstart.md).
     */
    void prime() {
        APIGatewayV2HTTPResponse response = http.prime(
                PrimingRequest.of("POST /v1/imports", "/v1/imports").withBody(ImportBodies.NDJSON, PRIMING_BODY),
                request -> answer(request, startingNothing));
        Priming.expectStatus("POST /v1/imports", 202, response.getStatusCode());
    }
}
