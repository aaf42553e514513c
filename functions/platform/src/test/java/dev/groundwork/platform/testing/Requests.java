package dev.groundwork.platform.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.util.HashMap;
import java.util.Map;

/**
 * A request built from a sample event of {@code events/http/} (the only copy of them), changed where a test needs:
 * another tenant, body, header, item id or query.
 */
public final class Requests {
    private final APIGatewayV2HTTPEvent event;

    private Requests(APIGatewayV2HTTPEvent event) {
        this.event = event;
    }

    /** @param sample a path under {@code events/http/}, such as {@code create-item/valid.json} */
    public static Requests from(String sample) {
        return new Requests(EventLoader.loadApiGatewayHttpEvent("events/http/" + sample));
    }

    public Requests tenant(String tenant) {
        Map<String, String> claims =
                new HashMap<>(event.getRequestContext().getAuthorizer().getJwt().getClaims());
        claims.put("tenant_id", tenant);
        event.getRequestContext().getAuthorizer().getJwt().setClaims(claims);
        return this;
    }

    public Requests body(String body) {
        event.setBody(body);
        return this;
    }

    public Requests header(String name, String value) {
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.put(name.toLowerCase(java.util.Locale.ROOT), value);
        event.setHeaders(headers);
        return this;
    }

    public Requests withoutHeader(String name) {
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.remove(name.toLowerCase(java.util.Locale.ROOT));
        event.setHeaders(headers);
        return this;
    }

    public Requests itemId(String id) {
        event.setPathParameters(Map.of("itemId", id));
        event.setRawPath("/v1/items/" + id);
        return this;
    }

    public Requests query(String name, String value) {
        Map<String, String> query =
                new HashMap<>(event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters());
        query.put(name, value);
        event.setQueryStringParameters(query);
        return this;
    }

    public Requests withoutQuery() {
        event.setQueryStringParameters(null);
        return this;
    }

    public APIGatewayV2HTTPEvent event() {
        return event;
    }
}
