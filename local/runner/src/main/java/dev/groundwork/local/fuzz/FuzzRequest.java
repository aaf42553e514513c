package dev.groundwork.local.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * One request exactly as it goes on the wire (so that it may be malformed in ways {@code java.net.http} refuses to
 * send), with what the fuzzer meant by it: the tenant whose token it carries, the contract operation it aims at (null
 * for an odd method or path), a label naming the hostile part (e.g. {@code body.attributes.v: nesting 33 objects}),
 * whether the contract or README promises its rejection, the hostile token it carries (if any), and the item id in
 * its path (if it names one well-formed).
 */
record FuzzRequest(
        int index,
        String tenant,
        ContractOperations.Operation operation,
        String label,
        String method,
        String target,
        List<Header> headers,
        byte[] body,
        boolean mustReject,
        String hostileToken,
        String itemId) {

    /** A header value is bytes: it may hold control characters or bytes that are not UTF-8. */
    record Header(String name, byte[] value) {
        static Header of(String name, String value) {
            return new Header(name, value.getBytes(StandardCharsets.UTF_8));
        }

        String text() {
            return new String(value, StandardCharsets.UTF_8);
        }
    }

    String header(String name) {
        return headers.stream()
                .filter(header -> header.name().equalsIgnoreCase(name))
                .map(Header::text)
                .findFirst()
                .orElse(null);
    }

    String path() {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    boolean isWrite() {
        return switch (method) {
            case "POST", "PUT", "PATCH", "DELETE" -> true;
            default -> false;
        };
    }

    /** The bytes of the request: request line, headers (with Content-Length for the body), body. */
    byte[] wire(String hostHeader) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + (body == null ? 0 : body.length));
        out.writeBytes((method + " " + target + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nConnection: close\r\n")
                .getBytes(StandardCharsets.UTF_8));
        for (Header header : headers) {
            out.writeBytes(header.name().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(": ".getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(header.value());
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        if (body != null) {
            out.writeBytes(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        if (body != null) {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    /** A readable summary: the request line, its headers (tokens shortened), and the body's start, escaped. */
    String summary() {
        StringBuilder text = new StringBuilder("#")
                .append(index)
                .append(" [")
                .append(label)
                .append("] tenant=")
                .append(tenant)
                .append('\n');
        text.append("    ")
                .append(Printable.of(method, 40))
                .append(' ')
                .append(Printable.of(target, 300))
                .append('\n');
        for (Header header : headers) {
            String value = header.text();
            if (header.name().equalsIgnoreCase("Authorization") && value.length() > 40) {
                value = value.substring(0, 30) + "…(" + value.length() + " chars)";
            }
            text.append("    ")
                    .append(header.name())
                    .append(": ")
                    .append(Printable.of(value, 300))
                    .append('\n');
        }
        if (body != null) {
            text.append("    body (")
                    .append(body.length)
                    .append(" bytes): ")
                    .append(Printable.of(body, 400))
                    .append('\n');
        }
        return text.toString();
    }

    String operationName() {
        return operation == null ? method.toUpperCase(Locale.ROOT) + " (no route)" : operation.id();
    }
}
