package dev.groundwork.items.http;

import dev.groundwork.items.domain.ItemContent;
import dev.groundwork.items.domain.ItemDocument;
import dev.groundwork.items.domain.ItemId;
import dev.groundwork.kernel.FieldError;
import dev.groundwork.platform.http.ApiRequest;
import dev.groundwork.platform.http.Problem;
import dev.groundwork.platform.http.ProblemType;
import dev.groundwork.platform.http.Rejection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The request parts that item routes share: their media types, the item id in the path, content from a body. */
public final class ItemBodies {
    public static final Set<String> CREATE_MEDIA_TYPES = Set.of("application/json");
    /** RFC 7396 registers application/merge-patch+json; plain JSON is accepted for clients that cannot set it. */
    public static final Set<String> PATCH_MEDIA_TYPES = Set.of("application/merge-patch+json", "application/json");

    /**
     * A body may take more bytes than the item it describes: JSON encoders that escape every character beyond ASCII
     * (Python's {@code json.dumps} by default) write a CJK character's 3 bytes of UTF-8 as the 6 of {@code \u4e2d}, a
     * character beyond the BMP's 4 as the 12 of a surrogate pair, and pretty-printing adds its whitespace. So the
     * item is held to its limit as DynamoDB counts it ({@link ItemDocument#MAX_ITEM_BYTES}), and the body only to
     * what any JSON body may be ({@link ApiRequest#MAX_JSON_BODY_BYTES}, 1,000,000 bytes, 2.8 times an item), which
     * bounds what is parsed and is what the deployed path brings to the function whatever the body's bytes.
     */
    public static final long MAX_BODY_BYTES = ApiRequest.MAX_JSON_BODY_BYTES;

    private static final Problem BODY_TOO_LARGE = Problem.of(
            ProblemType.PAYLOAD_TOO_LARGE,
            "The body is larger than " + MAX_BODY_BYTES + " bytes; the item it describes may take at most "
                    + ItemDocument.MAX_ITEM_BYTES + ".");

    private ItemBodies() {}

    /** The body as a JSON object of one of these media types, within {@link #MAX_BODY_BYTES}; a 4xx otherwise. */
    public static Map<String, Object> jsonObject(ApiRequest request, Set<String> mediaTypes) {
        return request.jsonObjectBody(mediaTypes, MAX_BODY_BYTES, BODY_TOO_LARGE);
    }

    /** The body's bytes, within {@link #MAX_BODY_BYTES}; a 413 otherwise. */
    public static byte[] bytes(ApiRequest request) {
        return request.body(MAX_BODY_BYTES, BODY_TOO_LARGE);
    }

    /** The content a valid document describes; a 400 or a 413 otherwise. */
    public static ItemContent content(ItemDocument.Reading reading) {
        return switch (reading) {
            case ItemDocument.Valid valid -> valid.content();
            case ItemDocument.Invalid invalid -> throw new Rejection(Problem.invalid(invalid.errors()));
            case ItemDocument.TooLarge tooLarge -> throw new Rejection(tooLarge(tooLarge.bytes()));
        };
    }

    public static Problem tooLarge(long bytes) {
        return Problem.of(
                ProblemType.PAYLOAD_TOO_LARGE,
                "The item would take about " + bytes + " bytes; at most " + ItemDocument.MAX_ITEM_BYTES
                        + " are allowed.");
    }

    public static Problem invalid(List<FieldError> errors) {
        return Problem.invalid(errors);
    }

    /**
     * The item id of the path. A text that is no item id can name no item: that is a 404, like any other missing item,
     * so the answer says nothing about how ids are made.
     */
    public static ItemId itemId(ApiRequest request) {
        return request.pathParameter("itemId").flatMap(ItemId::parse).orElseThrow(() -> new Rejection(notFound()));
    }

    public static Problem notFound() {
        return Problem.of(ProblemType.NOT_FOUND, "No item has this id.");
    }
}
