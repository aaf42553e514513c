package dev.groundwork.items;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.groundwork.items.domain.ListItems;
import dev.groundwork.items.http.ItemRepresentation;
import dev.groundwork.platform.http.ApiRequest;
import dev.groundwork.platform.http.ApiResponses;
import dev.groundwork.platform.http.HttpFunction;
import dev.groundwork.platform.http.PrimingRequest;
import dev.groundwork.platform.http.Problem;
import dev.groundwork.platform.http.ProblemType;
import dev.groundwork.platform.http.Rejection;
import dev.groundwork.platform.http.Route;
import dev.groundwork.platform.snapstart.Priming;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** {@code GET /v1/items?limit=&cursor=}: a page of the tenant's items, newest first, and the cursor of the next one. */
public final class ListItemsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpFunction http;
    private final ListItems listItems;
    /**
     * Built once: a lambda's class is made the first time its expression runs, so the requests and the priming share
     * this one, made at init (not on the first request after a SnapStart restore).
     */
    private final Route route;

    private final Priming priming;

    public ListItemsHandler() {
        this(ItemsApplication.fromEnvironment(System.getenv()));
    }

    ListItemsHandler(ItemsApplication application) {
        this.http = application.http();
        this.listItems = application.listItems();
        this.route = this::answer;
        this.priming = Priming.register("ListItems", this::prime);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return http.handle(event, context, route);
    }

    private APIGatewayV2HTTPResponse answer(ApiRequest request) {
        return switch (listItems.list(request.tenant(), limit(request), request.queryParameter("cursor"))) {
            case ListItems.Page page -> page(page);
            case ListItems.InvalidCursor invalid ->
                ApiResponses.problem(Problem.of(
                        ProblemType.INVALID_CURSOR,
                        "Use a nextCursor from this API, unchanged, with the token that received it."));
        };
    }

    private static APIGatewayV2HTTPResponse page(ListItems.Page page) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", ItemRepresentation.of(page.items()));
        body.put("nextCursor", page.nextCursor().orElse(null));
        return ApiResponses.json(200, body, Map.of());
    }

    /**
     * SnapStart priming: the first page of a made-up tenant, whose partition is empty (a query, answered 200 with no
     * item), a tampered cursor and a limit out of range, answered 400; then a page of found items, budgeted and mapped in memory
     * (docs/snapstart.md).
     */
    void prime() {
        APIGatewayV2HTTPResponse page =
                http.prime(PrimingRequest.of("GET /v1/items", "/v1/items").withQueryParameter("limit", "25"), route);
        Priming.expectStatus("GET /v1/items", 200, page.getStatusCode());
        APIGatewayV2HTTPResponse tampered = http.prime(
                PrimingRequest.of("GET /v1/items", "/v1/items").withQueryParameter("cursor", "priming.tampered"),
                route);
        Priming.expectStatus("GET /v1/items with a tampered cursor", 400, tampered.getStatusCode());
        APIGatewayV2HTTPResponse badLimit =
                http.prime(PrimingRequest.of("GET /v1/items", "/v1/items").withQueryParameter("limit", "1000"), route);
        Priming.expectStatus("GET /v1/items with a limit out of range", 400, badLimit.getStatusCode());
        Priming.expectStatus(
                "a page of found items",
                200,
                page(new ListItems.Page(
                                ListItems.withinBudget(ItemsPriming.asFoundPage(Priming.tenant())),
                                Optional.of("priming")))
                        .getStatusCode());
    }

    private static final Pattern DIGITS = Pattern.compile("[1-9][0-9]{0,2}");

    private static int limit(ApiRequest request) {
        String text = request.queryParameter("limit").orElse(Integer.toString(ListItems.DEFAULT_LIMIT));
        // Digits only, as the contract's integer is written: Integer.parseInt would also take "+1" and "٣"
        // (Arabic-Indic).
        if (DIGITS.matcher(text).matches()) {
            int limit = Integer.parseInt(text);
            if (limit >= ListItems.MIN_LIMIT && limit <= ListItems.MAX_LIMIT) {
                return limit;
            }
        }
        throw new Rejection(Problem.invalid("limit", "must be an integer from 1 to 100"));
    }
}
