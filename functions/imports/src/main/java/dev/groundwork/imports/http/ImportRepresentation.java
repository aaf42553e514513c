package dev.groundwork.imports.http;

import dev.groundwork.imports.domain.ImportJob;
import dev.groundwork.imports.domain.RejectedLine;
import dev.groundwork.platform.http.ApiResponses;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An import job as the API shows it: {@code {"id","status","counts":{"accepted","written","failed","rejected"},
 * "rejectedLines":[{"line","errors":[{"field","message"}],"errorsTruncated"?}],"rejectedLinesTruncated","createdAt","updatedAt","finishedAt"}}.
 */
public final class ImportRepresentation {
    private ImportRepresentation() {}

    public static Map<String, Object> of(ImportJob job) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", job.id().value());
        body.put("status", job.status().wireName());
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("accepted", job.accepted());
        counts.put("written", job.written());
        counts.put("failed", job.failed());
        counts.put("rejected", job.rejected());
        body.put("counts", counts);
        body.put(
                "rejectedLines",
                job.rejectedLines().stream().map(ImportRepresentation::line).toList());
        body.put("rejectedLinesTruncated", job.rejectedLinesTruncated());
        body.put("createdAt", job.createdAt().toString());
        body.put("updatedAt", job.updatedAt().toString());
        body.put("finishedAt", job.finishedAt().map(Object::toString).orElse(null));
        return body;
    }

    public static String location(ImportJob job) {
        return "/v1/imports/" + job.id().value();
    }

    private static Map<String, Object> line(RejectedLine line) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("line", line.number());
        ApiResponses.putErrors(json, line.errors());
        return json;
    }
}
