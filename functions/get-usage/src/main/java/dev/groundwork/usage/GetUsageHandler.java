package dev.groundwork.usage;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.groundwork.platform.http.ApiResponses;
import dev.groundwork.platform.http.HttpFunction;
import dev.groundwork.platform.http.Problem;
import dev.groundwork.platform.http.Rejection;
import dev.groundwork.usage.domain.GetUsage;
import dev.groundwork.usage.domain.UsageRange;
import dev.groundwork.usage.http.UsageRepresentation;
import java.util.Map;

/** {@code GET /v1/usage?from=YYYY-MM-DD&to=YYYY-MM-DD}: the caller's tenant's daily meters and totals, at most 92 days. */
public final class GetUsageHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpFunction http;
    private final GetUsage getUsage;

    public GetUsageHandler() {
        this(UsageApplication.api(System.getenv()));
    }

    GetUsageHandler(UsageApplication.Api application) {
        this.http = application.http();
        this.getUsage = application.getUsage();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return http.handle(event, context, request -> {
            UsageRange range = switch (UsageRange.read(request.queryParameter("from"), request.queryParameter("to"))) {
                case UsageRange.Valid valid -> valid.range();
                case UsageRange.Invalid invalid -> throw new Rejection(Problem.invalid(invalid.errors()));
            };
            return ApiResponses.json(
                    200,
                    UsageRepresentation.of(getUsage.report(request.tenant(), range)),
                    Map.of("Cache-Control", "private, no-store"));
        });
    }
}
