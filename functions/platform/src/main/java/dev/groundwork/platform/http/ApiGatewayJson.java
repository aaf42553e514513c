package dev.groundwork.platform.http;

import com.amazonaws.services.lambda.runtime.CustomPojoSerializer;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;

/**
 * How Lambda's Java runtime reads an HTTP function's API Gateway event and writes its answer: with the Jackson the
 * function loads anyway, instead of the runtime's own shaded copy of Jackson and its event mix-ins. That copy costs
 * every cold start about 700 classes (counted with {@code ./groundwork bench coldstart --class-logs}) for the one
 * event type an HTTP function reads, and lands its first use after a SnapStart restore.
 *
 * <p>The runtime finds it through {@code META-INF/services/com.amazonaws.services.lambda.runtime.CustomPojoSerializer}
 * (https://docs.aws.amazon.com/lambda/latest/dg/java-custom-serialization.html), which only the HTTP functions'
 * modules carry: the runtime then uses it for every type of the function, and the stream and queue consumers' events
 * need the runtime's mix-ins. It reads and writes {@link APIGatewayV2HTTPEvent} and {@link APIGatewayV2HTTPResponse}
 * as the runtime's serializer does ({@code ApiGatewayJsonTest} compares the two on the sample events and on generated
 * ones): fields the events library does not know are ignored, as API Gateway adds them, and absent values are left
 * out of the answer.
 */
public final class ApiGatewayJson implements CustomPojoSerializer {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // The runtime owns the streams it hands over.
            .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .defaultPropertyInclusion(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build();

    /** Public and without arguments: the runtime's service loader builds it. */
    public ApiGatewayJson() {}

    @Override
    public <T> T fromJson(InputStream input, Type type) {
        try {
            return MAPPER.readValue(input, MAPPER.constructType(type));
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    @Override
    public <T> T fromJson(String input, Type type) {
        try {
            return MAPPER.readValue(input, MAPPER.constructType(type));
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    @Override
    public <T> void toJson(T value, OutputStream output, Type type) {
        try {
            MAPPER.writerFor(MAPPER.constructType(type)).writeValue(output, value);
        } catch (IOException unwritable) {
            throw new UncheckedIOException(unwritable);
        }
    }

    /** The event as the runtime hands it to the handler after reading it from the Runtime API: for a priming. */
    static APIGatewayV2HTTPEvent asDelivered(APIGatewayV2HTTPEvent event) {
        ApiGatewayJson json = new ApiGatewayJson();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        json.toJson(event, wire, APIGatewayV2HTTPEvent.class);
        return json.fromJson(new java.io.ByteArrayInputStream(wire.toByteArray()), APIGatewayV2HTTPEvent.class);
    }

    /** The answer as the runtime posts it to the Runtime API: for a priming. */
    static byte[] asPosted(APIGatewayV2HTTPResponse response) {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        new ApiGatewayJson().toJson(response, wire, APIGatewayV2HTTPResponse.class);
        return wire.toByteArray();
    }
}
