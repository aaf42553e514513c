package dev.groundwork.local;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The runner's Jackson, for JSON that can hold a tenant's attribute names: DynamoDB's and its stream's answers, a
 * function's answers, the console's lines. By default a factory keeps every member name it reads in one table for
 * the process, and names chosen to collide in it (the same 4-byte blocks in another order) fill a slot's overflow,
 * after which every document with a new name is refused: one tenant's items stopped the runner's stream poller for
 * every tenant ({@code GetRecords answered 200 with no JSON}). Its parsers keep no names, as the functions' do.
 */
public final class LocalJson {
    private LocalJson() {}

    public static ObjectMapper mapper() {
        return JsonMapper.builder(JsonFactory.builder()
                        .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
                        .build())
                .build();
    }
}
