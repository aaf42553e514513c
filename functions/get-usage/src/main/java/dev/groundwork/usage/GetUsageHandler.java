package dev.groundwork.usage;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.groundwork.platform.http.ApiRequest;
import dev.groundwork.platform.http.ApiResponses;
import dev.groundwork.platform.http.HttpFunction;
import dev.groundwork.platform.http.PrimingRequest;
import dev.groundwork.platform.http.Problem;
import dev.groundwork.platform.http.Rejection;
import dev.groundwork.platform.http.Route;
import dev.groundwork.platform.snapstart.Priming;
import dev.groundwork.usage.domain.GetUsage;
import dev.groundwork.usage.domain.UsageRange;
import dev.groundwork.usage.http.UsageRepresentation;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

/** {@code GET /v1/usage?from=YYYY-MM-DD&to=YYYY-MM-DD}: the caller's tenant's daily meters and totals, at most 92 days. */
public final class GetUsageHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpFunction http;
    private final GetUsage getUsage;
    /**
     * Built once: a lambda's class is made the first time its expression runs, so the requests and the priming share
     * this one, made at init (not on the first request after a SnapStart restore).
     */
    private final Route route;

    private final Priming priming;

    public GetUsageHandler() {
        this(UsageApplication.api(System.getenv()));
    }

    GetUsageHandler(UsageApplication.Api application) {
        this.http = application.http();
        this.getUsage = application.getUsage();
        this.route = this::answer;
        this.priming = Priming.register("GetUsage", this::prime);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return http.handle(event, context, route);
    }

    private APIGatewayV2HTTPResponse answer(ApiRequest request) {
        UsageRange range = switch (UsageRange.read(request.queryParameter("from"), request.queryParameter("to"))) {
            case UsageRange.Valid valid -> valid.range();
            case UsageRange.Invalid invalid -> throw new Rejection(Problem.invalid(invalid.errors()));
        };
        return ApiResponses.json(
                200,
                UsageRepresentation.of(getUsage.report(request.tenant(), range)),
                Map.of("Cache-Control", "private, no-store"));
    }

    /**
     * SnapStart priming: the last week's usage of a made-up tenant, whose partition is empty (a query, answered 200
     * with zeros), and a range too long, answered 400 (docs/snapstart.md).
     */
    void prime() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        APIGatewayV2HTTPResponse week = http.prime(
                PrimingRequest.of("GET /v1/usage", "/v1/usage")
                        .withQueryParameter("from", today.minusDays(6).toString())
                        .withQueryParameter("to", today.toString()),
                route);
        Priming.expectStatus("GET /v1/usage", 200, week.getStatusCode());
        APIGatewayV2HTTPResponse tooLong = http.prime(
                PrimingRequest.of("GET /v1/usage", "/v1/usage")
                        .withQueryParameter("from", "2000-01-01")
                        .withQueryParameter("to", today.toString()),
                route);
        Priming.expectStatus("GET /v1/usage with a range too long", 400, tooLong.getStatusCode());
    }
}
