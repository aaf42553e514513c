package dev.groundwork.local.fuzz;

import static dev.groundwork.local.fuzz.Json.bytes;
import static dev.groundwork.local.fuzz.Json.concat;
import static dev.groundwork.local.fuzz.Json.quoted;
import static dev.groundwork.local.fuzz.Json.raw;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fuzzer's catalogue of hostile values, each with a label that names it in a report. JSON fragments go into
 * bodies; texts go into parameters and headers. {@code mustReject} marks the few values whose rejection the contract
 * or the README promises even where the OpenAPI schema cannot say it (numbers beyond DynamoDB's range, nesting far
 * beyond 32 levels, an item whose numbers DynamoDB would write out larger than Lambda answers).
 */
final class HostileValues {

    record Fragment(String label, byte[] json, boolean mustReject) {
        Fragment(String label, byte[] json) {
            this(label, json, false);
        }
    }

    record Text(String label, String text, boolean raw) {}

    private HostileValues() {}

    /** Numbers: beyond any double, beyond DynamoDB's 38 digits and 1E-130..1E+126, and not JSON at all. */
    static final List<Fragment> NUMBERS = List.of(
            new Fragment("number 1e999", raw("1e999"), true),
            new Fragment("number -1e999", raw("-1e999"), true),
            new Fragment("number 1e-2147483649", raw("1e-2147483649")),
            new Fragment("number 1E+2147483648", raw("1E+2147483648"), true),
            new Fragment("number of 39 digits", raw("123456789012345678901234567890123456789")),
            new Fragment("number of -39 digits", raw("-123456789012345678901234567890123456789")),
            new Fragment("number of 38 digits", raw("12345678901234567890123456789012345678")),
            new Fragment("number 1E+126", raw("1E+126")),
            new Fragment(
                    "number 9.9999999999999999999999999999999999999E+125",
                    raw("9.9999999999999999999999999999999999999E+125")),
            new Fragment("number 1e-130", raw("1e-130")),
            new Fragment("number 1e-131", raw("1e-131")),
            new Fragment("number 2^63", raw("9223372036854775808")),
            new Fragment("number -0", raw("-0")),
            new Fragment("number 0e0", raw("0e0")),
            new Fragment("number of 1,001 digits", raw("1" + "0".repeat(1000))),
            new Fragment("number 1e99999999999999999999", raw("1e99999999999999999999")),
            new Fragment("number NaN", raw("NaN")),
            new Fragment("number Infinity", raw("Infinity")),
            new Fragment("number 01", raw("01")),
            new Fragment("number .5", raw(".5")),
            new Fragment("number 1.", raw("1.")),
            new Fragment("number 0x1F", raw("0x1F")),
            new Fragment("number +1", raw("+1")));

    /** Strings: lone surrogates, NUL and control characters, noncharacters, bytes that are not UTF-8, long text. */
    static final List<Fragment> STRINGS = List.of(
            new Fragment("string \\ud800 (lone high surrogate)", raw("\"\\ud800\"")),
            new Fragment("string \\udc00 (lone low surrogate)", raw("\"\\udc00\"")),
            new Fragment("string a\\ud800b", raw("\"a\\ud800b\"")),
            new Fragment("string \\udc00\\ud800 (reversed pair)", raw("\"\\udc00\\ud800\"")),
            new Fragment("string \\udbff\\udfff (U+10FFFF)", raw("\"\\udbff\\udfff\"")),
            new Fragment("string \\u0000", raw("\"\\u0000\"")),
            new Fragment("string a\\u0000b", raw("\"a\\u0000b\"")),
            new Fragment("string of control characters", raw("\"\\u0001\\u0008\\u001b\\u001f\\u007f\"")),
            new Fragment("string \\ufffe", raw("\"\\ufffe\"")),
            new Fragment("string \\uffff", raw("\"\\uffff\"")),
            new Fragment("string \\ufdd0", raw("\"\\ufdd0\"")),
            new Fragment("string raw U+FFFE", quoted(bytes(0xEF, 0xBF, 0xBE))),
            new Fragment("string raw U+FFFF", quoted(bytes(0xEF, 0xBF, 0xBF))),
            new Fragment("string raw U+FDD0", quoted(bytes(0xEF, 0xB7, 0x90))),
            new Fragment("string raw U+1FFFE", quoted(bytes(0xF0, 0x9F, 0xBF, 0xBE))),
            new Fragment("string raw control byte 0x01", quoted(bytes(0x01))),
            new Fragment("string raw newline", quoted(bytes('a', '\n', 'b'))),
            new Fragment("string raw NUL byte", quoted(bytes('a', 0x00, 'b'))),
            new Fragment("invalid UTF-8 C3 28", quoted(bytes(0xC3, 0x28))),
            new Fragment("invalid UTF-8 FF FE", quoted(bytes(0xFF, 0xFE))),
            new Fragment("invalid UTF-8 lone continuation 80", quoted(bytes('a', 0x80, 'b'))),
            new Fragment("invalid UTF-8 encoded surrogate ED A0 80", quoted(bytes(0xED, 0xA0, 0x80))),
            new Fragment("invalid UTF-8 overlong C0 AF", quoted(bytes(0xC0, 0xAF))),
            new Fragment("invalid UTF-8 F5 (beyond U+10FFFF)", quoted(bytes(0xF5, 0x80, 0x80, 0x80))),
            new Fragment("invalid UTF-8 truncated E2 82", quoted(bytes(0xE2, 0x82))),
            new Fragment("string empty", raw("\"\"")),
            new Fragment("string blank", raw("\"   \"")),
            new Fragment("string of 200 characters", Json.string("n".repeat(200))),
            new Fragment("string of 201 characters", Json.string("n".repeat(201))),
            new Fragment("string of 200 emoji (400 UTF-16 units)", Json.string("\uD83D\uDE00".repeat(200))),
            new Fragment("string of 101 emoji", Json.string("\uD83D\uDE00".repeat(101))),
            new Fragment("string of 64 characters", Json.string("t".repeat(64))),
            new Fragment("string of 65 characters", Json.string("t".repeat(65))),
            new Fragment("string of 10,000 é", Json.string("é".repeat(10_000))),
            new Fragment("string of 100,000 characters", Json.string("s".repeat(100_000))),
            new Fragment("string RTL override and zero-width", Json.string("\u202egnp\u200b.exe")),
            new Fragment("string e + 300 combining accents", Json.string("e" + "\u0301".repeat(300))),
            new Fragment("string unterminated", raw("\"abc")),
            new Fragment("string bad escape \\x41", raw("\"\\x41\"")),
            new Fragment("string bad escape \\u12", raw("\"\\u12\"")));

    /** Nesting at and around DynamoDB's 32 levels, and far beyond. */
    static final List<Fragment> NESTING = List.of(
            new Fragment("nesting 31 objects", Json.nested(31, false)),
            new Fragment("nesting 32 objects", Json.nested(32, false)),
            new Fragment("nesting 33 objects", Json.nested(33, false)),
            new Fragment("nesting 31 arrays", Json.nested(31, true)),
            new Fragment("nesting 32 arrays", Json.nested(32, true)),
            new Fragment("nesting 33 arrays", Json.nested(33, true)),
            new Fragment("nesting 100 objects", Json.nested(100, false), true),
            new Fragment("nesting 100 arrays", Json.nested(100, true), true),
            new Fragment("nesting 10,000 arrays", Json.nested(10_000, true), true),
            new Fragment("nesting 10,000 objects", Json.nested(10_000, false), true));

    /** Other shapes: wrong types, large containers, odd keys, duplicate keys. */
    static final List<Fragment> SHAPES = buildShapes();

    private static List<Fragment> buildShapes() {
        List<Fragment> shapes = new ArrayList<>(List.of(
                new Fragment("null", raw("null")),
                new Fragment("true", raw("true")),
                new Fragment("empty object", raw("{}")),
                new Fragment("empty array", raw("[]")),
                new Fragment("array of a string", raw("[\"x\"]")),
                new Fragment("array of null", raw("[null]")),
                new Fragment("object with duplicate keys", raw("{\"k\":1,\"k\":2}")),
                new Fragment("object with empty key", raw("{\"\":1}")),
                new Fragment("object with key \\u0000", raw("{\"\\u0000\":1}")),
                new Fragment("object with key \\ud800", raw("{\"\\ud800\":1}")),
                new Fragment("object with key \\uffff", raw("{\"\\uffff\":1}")),
                new Fragment(
                        "object with key of invalid UTF-8", concat(raw("{"), quoted(bytes(0xC3, 0x28)), raw(":1}"))),
                new Fragment("object with key __proto__", raw("{\"__proto__\":{\"x\":1}}")),
                new Fragment("object with key TENANT#other", raw("{\"TENANT#other\":1}")),
                new Fragment("object with key of 1,024 bytes", raw("{\"" + "k".repeat(1_024) + "\":1}")),
                new Fragment("object with key of 1,025 bytes", raw("{\"" + "é".repeat(512) + "k\":1}")),
                new Fragment("object with key of 10,000 characters", raw("{\"" + "k".repeat(10_000) + "\":1}")),
                new Fragment("object with key of 60,000 characters", raw("{\"" + "k".repeat(60_000) + "\":1}")),
                new Fragment("object of 64 keys", manyKeys(64)),
                new Fragment("object of 65 keys", manyKeys(65)),
                new Fragment("object of 1,000 keys", manyKeys(1000)),
                new Fragment("array of 100,000 zeros", raw("[" + "0,".repeat(99_999) + "0]")),
                // 358 KB as sent, 180 KB as DynamoDB stores it, 7.6 MB as it returns it (plain decimal): refused as
                // too large, or its reads would answer more than Lambda returns (docs/security.md, "Size")
                new Fragment("array of 59,726 numbers 1e125", raw("[" + "1e125,".repeat(59_725) + "1e125]"), true),
                new Fragment("string of 400,000 characters", Json.string("b".repeat(400_000)))));
        return List.copyOf(shapes);
    }

    private static byte[] manyKeys(int count) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < count; i++) {
            out.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        return raw(out.append('}').toString());
    }

    static final List<Fragment> ALL_VALUES = concatLists(NUMBERS, STRINGS, NESTING, SHAPES);

    @SafeVarargs
    private static <T> List<T> concatLists(List<T>... lists) {
        List<T> all = new ArrayList<>();
        for (List<T> list : lists) {
            all.addAll(list);
        }
        return List.copyOf(all);
    }

    /** Whole bodies that are not a JSON document of the expected shape, or not JSON at all. */
    static final List<Fragment> BODIES = List.of(
            new Fragment("body empty", raw("")),
            new Fragment("body blank", raw("  \r\n ")),
            new Fragment("body {", raw("{")),
            new Fragment("body }", raw("}")),
            new Fragment("body []", raw("[]")),
            new Fragment("body null", raw("null")),
            new Fragment("body 0", raw("0")),
            new Fragment("body \"x\"", raw("\"x\"")),
            new Fragment("body trailing garbage", raw("{\"name\":\"a\"} x")),
            new Fragment("body two documents", raw("{\"name\":\"a\"}{\"name\":\"b\"}")),
            new Fragment("body trailing comma", raw("{\"name\":\"a\",}")),
            new Fragment("body single quotes", raw("{'name':'a'}")),
            new Fragment("body with a comment", raw("{\"name\":\"a\"/* c */}")),
            new Fragment("body with BOM", concat(bytes(0xEF, 0xBB, 0xBF), raw("{\"name\":\"bom\"}"))),
            new Fragment("body UTF-16LE", "{\"name\":\"utf16\"}".getBytes(java.nio.charset.StandardCharsets.UTF_16LE)),
            new Fragment(
                    "body UTF-16 with BOM", "{\"name\":\"utf16\"}".getBytes(java.nio.charset.StandardCharsets.UTF_16)),
            new Fragment("body duplicate name", raw("{\"name\":\"first\",\"name\":\"second\"}")),
            new Fragment(
                    "body duplicate attributes",
                    raw("{\"name\":\"a\",\"attributes\":{\"x\":1},\"attributes\":{\"y\":2}}")),
            new Fragment("body unknown member", raw("{\"name\":\"a\",\"tenantId\":\"other\"}")),
            new Fragment(
                    "body id and version", raw("{\"name\":\"a\",\"id\":\"01JDQ8Y6W3ZK9T4M2N7P5R8S0V\",\"version\":7}")),
            new Fragment("body NUL byte", raw("{\"name\":\"a\"}\u0000")),
            new Fragment("body of invalid UTF-8 only", bytes(0xFF, 0xFE, 0xFD)),
            new Fragment("body 1 MB of spaces then {}", concat(raw(" ".repeat(1 << 20)), raw("{\"name\":\"a\"}"))),
            // A JSON body's limit (1,000,000 bytes, ApiRequest.MAX_JSON_BODY_BYTES), to the byte: of whitespace, and of
            // control characters, which the event escapes six times over and which must still reach the function.
            new Fragment("body of exactly 1,000,000 bytes", concat(raw("{\"name\":\"a\"}"), raw(" ".repeat(999_988)))),
            new Fragment("body of 1,000,001 bytes", concat(raw("{\"name\":\"a\"}"), raw(" ".repeat(999_989))), true),
            new Fragment("body of 1,000,000 control characters", raw("\u0001".repeat(1_000_000)), true),
            new Fragment(
                    "body of 600 KB of \\u escapes for 300 KB of text",
                    raw("{\"name\":\"a\",\"attributes\":{\"t\":\"" + "\\u4e2d".repeat(100_000) + "\"}}")),
            new Fragment("body nesting 10,000", Json.nested(10_000, true), true));

    static final List<Text> CONTENT_TYPES = List.of(
            new Text("content-type missing", null, false),
            new Text("content-type empty", "", false),
            new Text("content-type text/plain", "text/plain", false),
            new Text("content-type form", "application/x-www-form-urlencoded", false),
            new Text("content-type multipart", "multipart/form-data; boundary=x", false),
            new Text("content-type APPLICATION/JSON", "APPLICATION/JSON", false),
            new Text("content-type json; charset=utf-8", "application/json; charset=utf-8", false),
            new Text("content-type json; charset=UTF-16", "application/json; charset=UTF-16", false),
            new Text("content-type json; charset=latin1", "application/json; charset=latin1", false),
            new Text("content-type json; charset=nonsense", "application/json; charset=nonsense", false),
            new Text(
                    "content-type json; charset given twice", "application/json; charset=utf-16; charset=utf-8", false),
            new Text("content-type json;;", "application/json;;", false),
            new Text("content-type json, text/plain", "application/json, text/plain", false),
            new Text("content-type problem+json", "application/problem+json", false),
            new Text("content-type merge-patch+json", "application/merge-patch+json", false),
            new Text("content-type x-ndjson", "application/x-ndjson", false),
            new Text("content-type json-seq", "application/json-seq", false),
            new Text("content-type */*", "*/*", false),
            new Text("content-type of 2,000 characters", "application/json; x=" + "y".repeat(2000), false),
            new Text("content-type with NUL", "application/json\u0000", false),
            new Text("content-type non-ASCII", "application/jsön", false));

    static final List<Text> CONTENT_ENCODINGS = List.of(
            new Text("content-encoding gzip", "gzip", false),
            new Text("content-encoding br", "br", false),
            new Text("content-encoding GZIP, identity", "GZIP, identity", false),
            new Text("content-encoding identity", "identity", false),
            new Text("content-encoding empty", "", false),
            new Text("content-encoding of 2,000 characters", "x".repeat(2000), false));

    static final List<Text> PATH_IDS = List.of(
            new Text("path id %zz", "%zz", true),
            new Text("path id %", "%", true),
            new Text("path id %00", "%00", true),
            new Text("path id %2F", "a%2Fb", true),
            new Text("path id %2e%2e", "%2e%2e", true),
            new Text("path id ..", "..", true),
            new Text("path id %C3%28 (invalid UTF-8)", "%C3%28", true),
            new Text("path id %ED%A0%80 (encoded surrogate)", "%ED%A0%80", true),
            new Text("path id %EF%BF%BF", "%EF%BF%BF", true),
            new Text("path id lower-case ULID", "01jdq8y6w3zk9t4m2n7p5r8s0v", false),
            new Text("path id of 25 characters", "01JDQ8Y6W3ZK9T4M2N7P5R8S0", false),
            new Text("path id of 27 characters", "01JDQ8Y6W3ZK9T4M2N7P5R8S0VV", false),
            new Text("path id 8ZZZZZZZZZZZZZZZZZZZZZZZZZ (overflow)", "8ZZZZZZZZZZZZZZZZZZZZZZZZZ", false),
            new Text("path id with I L O U", "01ILOU8Y6W3ZK9T4M2N7P5R8S0", false),
            new Text("path id of 10,000 characters", "A".repeat(10_000), false),
            new Text("path id TENANT#acme#ITEM#x", "TENANT#acme#ITEM#x", false),
            new Text("path id with space", "01JDQ8Y6W3ZK9T4M 2N7P5R8S0", false),
            new Text("path id non-ASCII", "ÉÉÉ", false),
            new Text("path id ;param", "01JDQ8Y6W3ZK9T4M2N7P5R8S0V;x=1", true));

    static final List<Text> STRINGS_FOR_PARAMETERS = List.of(
            new Text("empty", "", false),
            new Text("blank", "   ", false),
            new Text("NUL", "a\u0000b", false),
            new Text("control characters", "\u0001\u001b\u007f", false),
            new Text("tab", "a\tb", false),
            new Text("U+FFFF", "\uffff", false),
            new Text("U+FDD0", "\ufdd0", false),
            new Text("non-ASCII", "clé-ключ-鍵", false),
            new Text("emoji", "\uD83D\uDE00", false),
            new Text("quoted", "\"abc\"", false),
            new Text("%zz raw", "%zz", true),
            new Text("of 2,049 characters", "c".repeat(2049), false),
            new Text("of 10,000 characters", "c".repeat(10_000), false),
            new Text("raw space", "a b", true),
            new Text("raw non-ASCII bytes", "é", true));

    static final List<Text> INTEGERS = List.of(
            new Text("0", "0", false),
            new Text("-1", "-1", false),
            new Text("1.0", "1.0", false),
            new Text("1e2", "1e2", false),
            new Text("2^31", "2147483648", false),
            new Text("2^63", "9223372036854775808", false),
            new Text("39 digits", "123456789012345678901234567890123456789", false),
            new Text("1e999", "1e999", false),
            new Text("+1", "+1", false),
            new Text(" 1", " 1", false),
            new Text("0x10", "0x10", false),
            new Text("abc", "abc", false),
            new Text("NaN", "NaN", false),
            new Text("１ (fullwidth)", "１", false));

    static final List<Text> DATES = List.of(
            new Text("date 2026-02-30", "2026-02-30", false), new Text("date 2026-13-01", "2026-13-01", false),
            new Text("date 0000-01-01", "0000-01-01", false), new Text("date 9999-12-31", "9999-12-31", false),
            new Text("date +10000-01-01", "+10000-01-01", false), new Text("date -0001-01-01", "-0001-01-01", false),
            new Text("date 2026-1-1", "2026-1-1", false), new Text("date 20260101", "20260101", false),
            new Text("date with time", "2026-01-01T00:00:00Z", false),
                    new Text("date of 10,000 digits", "9".repeat(10_000), false));

    static final List<Text> ETAGS = List.of(
            new Text("etag *", "*", false),
            new Text("etag W/\"1\"", "W/\"1\"", false),
            new Text("etag \"0\"", "\"0\"", false),
            new Text("etag \"-1\"", "\"-1\"", false),
            new Text("etag of 20 digits", "\"99999999999999999999\"", false),
            new Text("etag unquoted 1", "1", false),
            new Text("etag \"\"", "\"\"", false),
            new Text("etag list", "\"1\", \"2\"", false),
            new Text("etag \"abc\"", "\"abc\"", false),
            new Text("etag unterminated", "\"1", false),
            new Text("etag of 1,025 characters", "\"" + "1".repeat(1023) + "\"", false),
            new Text("etag with control character", "\"1\u0001\"", false),
            new Text("etag \"01\"", "\"01\"", false),
            new Text("etag \"1e3\"", "\"1e3\"", false),
            new Text("etag non-ASCII", "\"１\"", false));

    static final List<Text> IDEMPOTENCY_KEYS = List.of(
            new Text("key blank", "", false),
            new Text("key spaces", "   ", false),
            new Text("key with inner space", "a b", false),
            new Text("key with tab", "a\tb", false),
            new Text("key with control character", "a\u0001b", false),
            new Text("key with DEL", "a\u007fb", false),
            new Text("key of 255 characters", "k".repeat(255), false),
            new Text("key of 256 characters", "k".repeat(256), false),
            // Quoted, the value is the key and two quotes: the contract's 255 bound the value as sent.
            new Text("key of 253 characters quoted", "\"" + "k".repeat(253) + "\"", false),
            new Text("key of 254 characters quoted", "\"" + "k".repeat(254) + "\"", false),
            new Text("key of 255 characters quoted", "\"" + "k".repeat(255) + "\"", false),
            new Text("key of 127 backslashes quoted", "\"" + "\\\\".repeat(127) + "\"", false),
            new Text("key of 10,000 characters", "k".repeat(10_000), false),
            new Text("key quoted", "\"quoted-key\"", false),
            new Text("key non-ASCII", "clé", false),
            new Text("key TENANT#other", "TENANT#other#KEY#x", false),
            new Text("key with NUL", "a\u0000b", false));

    static final List<Text> CURSORS = List.of(
            new Text("cursor garbage", "!!!", false),
            new Text("cursor a.b", "a.b", false),
            new Text("cursor .", ".", false),
            new Text("cursor base64 of {}", "e30.e30", false),
            new Text("cursor of 2,048 characters", "A".repeat(2048), false),
            new Text("cursor of 2,049 characters", "A".repeat(2049), false),
            new Text("cursor forged", "eyJ2IjoxLCJrIjoiMDFKRFE4WTZXM1pLOVQ0TTJON1A1UjhTMFYifQ.c2lnbmF0dXJl", false),
            new Text("cursor %zz raw", "%zz", true),
            new Text("cursor of invalid UTF-8", "%FF%FE", true),
            new Text("cursor with NUL", "a\u0000b", false));

    static final List<String> ODD_METHODS = List.of(
            "OPTIONS",
            "HEAD",
            "PUT",
            "TRACE",
            "FOO",
            "get",
            "Post",
            "PROPFIND",
            "CONNECT",
            "M-SEARCH",
            "G".repeat(300));

    static final List<Text> ODD_PATHS = List.of(
            new Text("path /", "/", true),
            new Text("path /v1", "/v1", true),
            new Text("path /v1/items/", "/v1/items/", true),
            new Text("path //v1/items", "//v1/items", true),
            new Text("path /v1//items", "/v1//items", true),
            new Text("path /v1/items/../usage", "/v1/items/../usage", true),
            new Text("path /v1/./items", "/v1/./items", true),
            new Text("path /V1/ITEMS", "/V1/ITEMS", true),
            new Text("path /v1/items;x=1", "/v1/items;x=1", true),
            new Text("path /v1/items%2F", "/v1/items%2F", true),
            new Text("path /v1/items/%zz/x", "/v1/items/%zz/x", true),
            new Text("path /v1/imports/", "/v1/imports/", true),
            new Text("path /v2/items", "/v2/items", true),
            new Text("path *", "*", true),
            new Text("path absolute-form", "http://localhost/v1/items", true),
            new Text("path of 20,000 characters", "/v1/items/" + "x".repeat(20_000), true),
            new Text("path /%00", "/%00", true),
            new Text("path /v1/items?%zz", "/v1/items?%zz", true),
            new Text("path /v1/items with fragment", "/v1/items#frag", true),
            new Text("path /v1/usage/", "/v1/usage/", true));

    static final Map<String, String> AUTH_SCHEMES = Map.of(
            "no Authorization", "",
            "Bearer without token", "Bearer",
            "Bearer and a space", "Bearer ",
            "Basic scheme", "Basic YWxhZGRpbjpvcGVuc2VzYW1l",
            "lower-case bearer", "bearer ");
}
