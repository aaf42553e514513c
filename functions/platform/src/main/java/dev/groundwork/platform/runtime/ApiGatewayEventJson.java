package dev.groundwork.platform.runtime;

import static dev.groundwork.platform.runtime.EventValues.flag;
import static dev.groundwork.platform.runtime.EventValues.map;
import static dev.groundwork.platform.runtime.EventValues.members;
import static dev.groundwork.platform.runtime.EventValues.object;
import static dev.groundwork.platform.runtime.EventValues.skip;
import static dev.groundwork.platform.runtime.EventValues.text;
import static dev.groundwork.platform.runtime.EventValues.textList;
import static dev.groundwork.platform.runtime.EventValues.textMap;
import static dev.groundwork.platform.runtime.EventValues.wholeNumber;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext.Authorizer;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext.Http;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext.IAM;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * An HTTP API's event (payload format 2.0) read, and the function's answer written, with Jackson's stream: every
 * member of the events library's {@code APIGatewayV2HTTPEvent}, by the names API Gateway writes
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html); members it
 * does not know are passed over, as the runtime's serializer does.
 */
final class ApiGatewayEventJson {
    private ApiGatewayEventJson() {}

    static APIGatewayV2HTTPEvent read(JsonParser event) throws IOException {
        return object(event, APIGatewayV2HTTPEvent::new, ApiGatewayEventJson::event);
    }

    private static void event(JsonParser event, APIGatewayV2HTTPEvent into) throws IOException {
        members(event, name -> {
            switch (name) {
                case "version" -> into.setVersion(text(event));
                case "routekey" -> into.setRouteKey(text(event));
                case "rawpath" -> into.setRawPath(text(event));
                case "rawquerystring" -> into.setRawQueryString(text(event));
                case "cookies" -> into.setCookies(textList(event));
                case "headers" -> into.setHeaders(textMap(event));
                case "querystringparameters" -> into.setQueryStringParameters(textMap(event));
                case "pathparameters" -> into.setPathParameters(textMap(event));
                case "stagevariables" -> into.setStageVariables(textMap(event));
                case "body" -> into.setBody(text(event));
                case "isbase64encoded" -> into.setIsBase64Encoded(flag(event));
                case "requestcontext" ->
                    into.setRequestContext(object(event, RequestContext::new, ApiGatewayEventJson::context));
                default -> skip(event);
            }
        });
    }

    private static void context(JsonParser event, RequestContext into) throws IOException {
        members(event, name -> {
            switch (name) {
                case "routekey" -> into.setRouteKey(text(event));
                case "accountid" -> into.setAccountId(text(event));
                case "stage" -> into.setStage(text(event));
                case "apiid" -> into.setApiId(text(event));
                case "domainname" -> into.setDomainName(text(event));
                case "domainprefix" -> into.setDomainPrefix(text(event));
                case "time" -> into.setTime(text(event));
                case "timeepoch" -> into.setTimeEpoch(wholeNumber(event));
                case "http" -> into.setHttp(object(event, Http::new, ApiGatewayEventJson::http));
                case "authorizer" ->
                    into.setAuthorizer(object(event, Authorizer::new, ApiGatewayEventJson::authorizer));
                case "requestid" -> into.setRequestId(text(event));
                default -> skip(event);
            }
        });
    }

    private static void http(JsonParser event, Http into) throws IOException {
        members(event, name -> {
            switch (name) {
                case "method" -> into.setMethod(text(event));
                case "path" -> into.setPath(text(event));
                case "protocol" -> into.setProtocol(text(event));
                case "sourceip" -> into.setSourceIp(text(event));
                case "useragent" -> into.setUserAgent(text(event));
                default -> skip(event);
            }
        });
    }

    private static void authorizer(JsonParser event, Authorizer into) throws IOException {
        members(event, name -> {
            switch (name) {
                case "jwt" -> into.setJwt(object(event, Authorizer.JWT::new, ApiGatewayEventJson::jwt));
                case "lambda" -> into.setLambda(map(event, EventValues::untyped));
                case "iam" -> into.setIam(object(event, IAM::new, ApiGatewayEventJson::iam));
                default -> skip(event);
            }
        });
    }

    private static void jwt(JsonParser event, Authorizer.JWT into) throws IOException {
        members(event, name -> {
            switch (name) {
                case "claims" -> into.setClaims(textMap(event));
                case "scopes" -> into.setScopes(textList(event));
                default -> skip(event);
            }
        });
    }

    private static void iam(JsonParser event, IAM into) throws IOException {
        members(event, name -> {
            switch (name) {
                case "accesskey" -> into.setAccessKey(text(event));
                case "accountid" -> into.setAccountId(text(event));
                case "callerid" -> into.setCallerId(text(event));
                case "cognitoidentity" ->
                    into.setCognitoIdentity(object(event, CognitoIdentity::new, ApiGatewayEventJson::cognito));
                case "principalorgid" -> into.setPrincipalOrgId(text(event));
                case "userarn" -> into.setUserArn(text(event));
                case "userid" -> into.setUserId(text(event));
                default -> skip(event);
            }
        });
    }

    private static void cognito(JsonParser event, CognitoIdentity into) throws IOException {
        members(event, name -> {
            switch (name) {
                case "amr" -> into.setAmr(textList(event));
                case "identityid" -> into.setIdentityId(text(event));
                case "identitypoolid" -> into.setIdentityPoolId(text(event));
                default -> skip(event);
            }
        });
    }

    /** The answer as the runtime's serializer writes it: absent members, and absent header values, left out. */
    static void write(APIGatewayV2HTTPResponse answer, JsonGenerator json) throws IOException {
        if (answer == null) {
            json.writeNull();
            return;
        }
        json.writeStartObject();
        json.writeNumberField("statusCode", answer.getStatusCode());
        if (answer.getHeaders() != null) {
            json.writeFieldName("headers");
            writeTextMap(answer.getHeaders(), json);
        }
        if (answer.getMultiValueHeaders() != null) {
            json.writeObjectFieldStart("multiValueHeaders");
            for (Map.Entry<String, List<String>> header :
                    answer.getMultiValueHeaders().entrySet()) {
                if (header.getValue() != null) {
                    json.writeFieldName(header.getKey());
                    writeTextList(header.getValue(), json);
                }
            }
            json.writeEndObject();
        }
        if (answer.getCookies() != null) {
            json.writeFieldName("cookies");
            writeTextList(answer.getCookies(), json);
        }
        if (answer.getBody() != null) {
            json.writeStringField("body", answer.getBody());
        }
        json.writeBooleanField("isBase64Encoded", answer.getIsBase64Encoded());
        json.writeEndObject();
    }

    private static void writeTextMap(Map<String, String> map, JsonGenerator json) throws IOException {
        json.writeStartObject();
        for (Map.Entry<String, String> entry : map.entrySet()) {
            if (entry.getValue() != null) {
                json.writeStringField(entry.getKey(), entry.getValue());
            }
        }
        json.writeEndObject();
    }

    private static void writeTextList(List<String> list, JsonGenerator json) throws IOException {
        json.writeStartArray();
        for (String element : list) {
            json.writeString(element);
        }
        json.writeEndArray();
    }
}
