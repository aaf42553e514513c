package dev.groundwork.api;

import io.swagger.v3.oas.models.media.Schema;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.compare.OpenApiDiffOptions;
import org.openapitools.openapidiff.core.model.BackwardIncompatibleProp;
import org.openapitools.openapidiff.core.model.Changed;
import org.openapitools.openapidiff.core.model.ChangedApiResponse;
import org.openapitools.openapidiff.core.model.ChangedContent;
import org.openapitools.openapidiff.core.model.ChangedHeader;
import org.openapitools.openapidiff.core.model.ChangedHeaders;
import org.openapitools.openapidiff.core.model.ChangedList;
import org.openapitools.openapidiff.core.model.ChangedMediaType;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.model.ChangedOperation;
import org.openapitools.openapidiff.core.model.ChangedParameter;
import org.openapitools.openapidiff.core.model.ChangedParameters;
import org.openapitools.openapidiff.core.model.ChangedRequestBody;
import org.openapitools.openapidiff.core.model.ChangedResponse;
import org.openapitools.openapidiff.core.model.ChangedSchema;
import org.openapitools.openapidiff.core.model.ComposedChanged;
import org.openapitools.openapidiff.core.model.Endpoint;
import org.openapitools.openapidiff.core.model.schema.ChangedNullable;
import org.openapitools.openapidiff.core.model.schema.ChangedNumericRange;

/**
 * The changes from the released contract to the current one that can break a client written
 * against the released one, each named with where it is and what changed.
 *
 * <p>openapi-diff decides what is incompatible; this class switches on the checks it leaves off by
 * default that Groundwork's policy (docs/api-versioning.md) counts as breaking, and adds two that
 * it rates compatible: a request field removed (request bodies refuse unknown fields, so a client
 * still sending it would get a 400) and a change of nullability in the narrowing direction (a
 * response field that may now be null, a request field that may no longer be).
 *
 * <p>Both documents are compared as the OpenAPI 3.0 they mean ({@link OpenApi30View}): openapi-diff
 * reads a 3.1 {@code type} list as no type at all, and would miss a change of one.
 */
final class BreakingChanges {

    /** Off by default in openapi-diff; each narrows what a client may send or widens what it may get. */
    private static final List<BackwardIncompatibleProp> ALSO_BREAKING = List.of(
            BackwardIncompatibleProp.REQUEST_MIN_LENGTH_INCREASED,
            BackwardIncompatibleProp.RESPONSE_NUMERIC_RANGE_INCREASED,
            BackwardIncompatibleProp.OPERATION_ID_CHANGED);

    private final List<String> found = new ArrayList<>();
    private final Set<Object> visited = Collections.newSetFromMap(new IdentityHashMap<>());

    private BreakingChanges() {}

    /** Every breaking change from {@code released} to {@code current}, one line each; empty when none. */
    static List<String> between(String released, String current) {
        var options = OpenApiDiffOptions.builder();
        for (BackwardIncompatibleProp check : ALSO_BREAKING) {
            options.configProperty(check.getPropertyName(), "true");
        }
        ChangedOpenApi diff = OpenApiCompare.fromContents(
                OpenApi30View.toOpenApi30(released), OpenApi30View.toOpenApi30(current), null, options.build());

        var changes = new BreakingChanges();
        for (Endpoint removed : diff.getMissingEndpoints()) {
            changes.found.add(removed.getMethod() + " " + removed.getPathUrl() + ": operation removed");
        }
        for (ChangedOperation operation : diff.getChangedOperations()) {
            changes.operation(operation);
        }
        return List.copyOf(changes.found);
    }

    private void operation(ChangedOperation operation) {
        String where = operation.getHttpMethod() + " " + operation.getPathUrl();
        leaf(where, "operationId", operation.getOperationId());
        parameters(where, operation.getParameters());
        requestBody(where, operation.getRequestBody());
        responses(where, operation.getApiResponses());
        if (operation.getSecurityRequirements() != null
                && operation.getSecurityRequirements().isIncompatible()) {
            found.add(where + ": security requirements changed incompatibly");
        }
    }

    private void parameters(String where, ChangedParameters parameters) {
        if (parameters == null) {
            return;
        }
        parameters
                .getMissing()
                .forEach(p -> found.add(where + ": " + p.getIn() + " parameter " + p.getName() + " removed"));
        parameters.getIncreased().stream()
                .filter(p -> Boolean.TRUE.equals(p.getRequired()))
                .forEach(p -> found.add(where + ": required " + p.getIn() + " parameter " + p.getName() + " added"));
        for (ChangedParameter parameter : parameters.getChanged()) {
            String at = where + ": " + parameter.getIn() + " parameter " + parameter.getName();
            if (parameter.isCoreChanged().isIncompatible()) {
                boolean wasRequired =
                        Boolean.TRUE.equals(parameter.getOldParameter().getRequired());
                boolean isRequired =
                        Boolean.TRUE.equals(parameter.getNewParameter().getRequired());
                found.add(at
                        + (!wasRequired && isRequired
                                ? " became required"
                                : " changed its style, explode or allowEmptyValue"));
            }
            schema(at, parameter.getSchema());
            content(at, parameter.getContent());
        }
    }

    private void requestBody(String where, ChangedRequestBody body) {
        if (body == null) {
            return;
        }
        if (body.isCoreChanged().isIncompatible()) {
            found.add(where + ": request body became required");
        }
        content(where + ": request body", body.getContent());
    }

    private void responses(String where, ChangedApiResponse responses) {
        if (responses == null) {
            return;
        }
        responses.getMissing().keySet().forEach(status -> found.add(where + ": response " + status + " removed"));
        for (Map.Entry<String, ChangedResponse> response :
                responses.getChanged().entrySet()) {
            String at = where + ": response " + response.getKey();
            headers(at, response.getValue().getHeaders());
            content(at, response.getValue().getContent());
        }
    }

    private void headers(String where, ChangedHeaders headers) {
        if (headers == null) {
            return;
        }
        headers.getMissing().keySet().forEach(name -> found.add(where + ": header " + name + " removed"));
        for (Map.Entry<String, ChangedHeader> header : headers.getChanged().entrySet()) {
            String at = where + ": header " + header.getKey();
            if (header.getValue().isCoreChanged().isIncompatible()) {
                found.add(at + " changed whether it is required");
            }
            schema(at, header.getValue().getSchema());
            content(at, header.getValue().getContent());
        }
    }

    private void content(String where, ChangedContent content) {
        if (content == null) {
            return;
        }
        if (content.isCoreChanged().isIncompatible()) {
            content.getMissing().keySet().forEach(type -> found.add(where + ": media type " + type + " removed"));
        }
        for (Map.Entry<String, ChangedMediaType> mediaType :
                content.getChanged().entrySet()) {
            schema(where + " " + mediaType.getKey(), mediaType.getValue().getSchema());
        }
    }

    private void schema(String where, ChangedSchema schema) {
        if (schema == null || !visited.add(schema)) {
            return;
        }
        boolean request = schema.getContext() != null && schema.getContext().isRequest();
        Schema<?> before = schema.getOldSchema();
        Schema<?> after = schema.getNewSchema();
        if (schema.isChangedType() && schema.isCoreChanged().isIncompatible()) {
            found.add(where + ": type changed from " + typeOf(before) + " to " + typeOf(after));
        }
        if (!schema.getMissingProperties().isEmpty()) {
            List<String> required = before == null || before.getRequired() == null ? List.of() : before.getRequired();
            for (String field : new TreeSet<>(schema.getMissingProperties().keySet())) {
                if (request) {
                    found.add(where + ": request field " + field + " removed (clients that send it get a 400)");
                } else if (required.contains(field)) {
                    found.add(where + ": required field " + field + " removed");
                }
            }
        }
        if (schema.isChangeFormat() && schema.isCoreChanged().isIncompatible()) {
            found.add(where + ": format changed from " + format(before) + " to " + format(after));
        }
        nullability(where, request, schema.getNullable());
        leaf(where, "enum", schema.getEnumeration());
        leaf(where, "required", schema.getRequired());
        leaf(where, "readOnly", schema.getReadOnly());
        leaf(where, "writeOnly", schema.getWriteOnly());
        leaf(where, "maxLength", schema.getMaxLength());
        leaf(where, "minLength", schema.getMinLength());
        leaf(where, "range", schema.getNumericRange());
        leaf(where, "multipleOf", schema.getMultipleOf());
        leaf(where, "maxItems", schema.getMaxItems());
        leaf(where, "minItems", schema.getMinItems());
        leaf(where, "maxProperties", schema.getMaxProperties());
        leaf(where, "minProperties", schema.getMinProperties());
        leaf(where, "uniqueItems", schema.getUniqueItems());
        leaf(where, "pattern", schema.getPattern());
        leaf(where, "oneOf", schema.getOneOfSchema());
        for (Map.Entry<String, ChangedSchema> property :
                schema.getChangedProperties().entrySet()) {
            schema(where + " ." + property.getKey(), property.getValue());
        }
        schema(where + " []", schema.getItems());
        schema(where + " additionalProperties", schema.getAddProp());
    }

    private void nullability(String where, boolean request, ChangedNullable nullable) {
        if (nullable == null || nullable.isUnchanged()) {
            return;
        }
        boolean wasNullable = Boolean.TRUE.equals(nullable.getLeft());
        boolean isNullable = Boolean.TRUE.equals(nullable.getRight());
        if (request && wasNullable && !isNullable) {
            found.add(where + ": no longer accepts null");
        } else if (!request && !wasNullable && isNullable) {
            found.add(where + ": may now be null");
        }
    }

    private void leaf(String where, String keyword, Changed changed) {
        if (changed == null || !changed.isIncompatible()) {
            return;
        }
        if (changed instanceof ComposedChanged composed
                && !composed.isCoreChanged().isIncompatible()) {
            return;
        }
        found.add(where + ": " + keyword + " " + detail(changed));
    }

    private static String detail(Changed changed) {
        if (changed instanceof ChangedList<?> list) {
            var parts = new ArrayList<String>();
            if (!list.getMissing().isEmpty()) {
                parts.add("lost " + list.getMissing());
            }
            if (!list.getIncreased().isEmpty()) {
                parts.add("gained " + list.getIncreased());
            }
            return String.join(" and ", parts);
        }
        if (changed instanceof ChangedNumericRange range) {
            return "changed from [" + range.getOldMinimumValue() + ", " + range.getOldMaximumValue() + "] to ["
                    + range.getNewMinimumValue() + ", " + range.getNewMaximumValue() + "]";
        }
        for (String[] pair : List.of(
                new String[] {"getOldValue", "getNewValue"},
                new String[] {"getLeft", "getRight"},
                new String[] {"getOldPattern", "getNewPattern"})) {
            try {
                Method before = changed.getClass().getMethod(pair[0]);
                Method after = changed.getClass().getMethod(pair[1]);
                return "changed from " + before.invoke(changed) + " to " + after.invoke(changed);
            } catch (ReflectiveOperationException e) {
                // This kind of change has other accessors: try the next pair.
            }
        }
        return "changed incompatibly (" + changed + ")";
    }

    private static String typeOf(Schema<?> schema) {
        if (schema == null) {
            return "nothing";
        }
        Collection<?> types = schema.getTypes();
        return Objects.requireNonNullElse(schema.getType(), types == null ? "any" : types.toString())
                .toLowerCase(Locale.ROOT);
    }

    private static String format(Schema<?> schema) {
        return schema == null || schema.getFormat() == null ? "none" : schema.getFormat();
    }
}
