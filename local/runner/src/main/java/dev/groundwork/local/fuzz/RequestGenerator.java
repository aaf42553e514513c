package dev.groundwork.local.fuzz;

import static dev.groundwork.local.fuzz.Json.raw;

import dev.groundwork.local.fuzz.ContractOperations.Operation;
import dev.groundwork.local.fuzz.ContractOperations.Parameter;
import dev.groundwork.local.fuzz.FuzzRequest.Header;
import dev.groundwork.local.fuzz.HostileValues.Fragment;
import dev.groundwork.local.fuzz.HostileValues.Text;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The next request of a run: for an operation of the contract, chosen at random, either a valid request (so that
 * items, versions, cursors, keys and imports build up) or one with one hostile part — a parameter of the contract
 * (path, query, header) given a boundary or hostile value, the body, its media type, the token, or an
 * Idempotency-Key reused — and now and then an odd method or path. Every choice comes from one {@link Random} of the
 * run's seed: {@code java.util.Random}'s algorithm is fixed by its specification, so a seed gives the same sequence
 * on every JDK, and the run is sequential, so the only other input, the ids the application assigns, is
 * substituted into the same places.
 */
final class RequestGenerator {

    /** Share of requests that are valid; the rest carry one hostile part. */
    private static final double VALID = 0.4;

    private static final double ODD_METHOD_OR_PATH = 0.04;
    private static final double HOSTILE_TOKEN = 0.08;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_éüß漢字";
    private static final List<String> ATTRIBUTE_KEYS =
            List.of("colour", "size", "weight", "shape", "n", "flag", "dims");
    private static final List<String> TAGS = List.of("red", "blue", "heavy", "light", "new", "old", "x1", "x2");
    private static final String ULID_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private final Random random;
    private final List<Operation> operations;
    private final Model model;
    private final Tokens tokens;
    private final List<String> itemTenants;
    private final String importTenant;
    private final LocalDate today;

    RequestGenerator(
            long seed,
            ContractOperations contract,
            Model model,
            Tokens tokens,
            List<String> itemTenants,
            String importTenant,
            LocalDate today) {
        this.random = new Random(seed);
        this.operations = contract.operations();
        this.model = model;
        this.tokens = tokens;
        this.itemTenants = itemTenants;
        this.importTenant = importTenant;
        this.today = today;
    }

    /** What is being built: mutable while one request is composed. */
    private final class Draft {
        final int index;
        final Operation operation;
        String tenant;
        String method;
        String path;
        final Map<String, String> query = new LinkedHashMap<>();
        final Map<String, byte[]> headers = new LinkedHashMap<>();
        byte[] body;
        final List<String> labels = new ArrayList<>();
        boolean mustReject;
        String hostileToken;
        String itemId;
        boolean odd;

        Draft(int index, Operation operation, String tenant) {
            this.index = index;
            this.operation = operation;
            this.tenant = tenant;
            this.method = operation.method();
        }

        FuzzRequest build() {
            StringBuilder target = new StringBuilder(path);
            String separator = "?";
            for (Map.Entry<String, String> parameter : query.entrySet()) {
                target.append(separator).append(parameter.getKey()).append('=').append(parameter.getValue());
                separator = "&";
            }
            List<Header> list = new ArrayList<>();
            headers.forEach((name, value) -> {
                if (value != null) {
                    list.add(new Header(name, value));
                }
            });
            String label = labels.isEmpty() ? "valid" : String.join(", ", labels);
            // An odd method or path aims at no operation of the contract, whatever the draft started from.
            return new FuzzRequest(
                    index,
                    tenant,
                    odd ? null : operation,
                    label,
                    method,
                    target.toString(),
                    List.copyOf(list),
                    body,
                    mustReject,
                    hostileToken,
                    itemId);
        }
    }

    FuzzRequest next(int index) {
        Operation operation = pick(operations);
        String tenant = operation.id().contains("mport") ? importTenant : pick(itemTenants);
        Draft draft = new Draft(index, operation, tenant);
        draft.headers.put("Authorization", raw("Bearer " + tokens.valid(tenant)));
        validParameters(draft);
        if (operation.hasBody()) {
            validBody(draft);
        }
        if (random.nextDouble() < ODD_METHOD_OR_PATH) {
            oddMethodOrPath(draft);
        } else if (random.nextDouble() >= VALID) {
            mutate(draft);
        }
        return draft.build();
    }

    // ---- valid requests --------------------------------------------------------------------------------------------

    private void validParameters(Draft draft) {
        String path = draft.operation.path();
        for (Parameter parameter : draft.operation.parameters("path")) {
            String value = parameter.name().equals("importId") ? importId(draft.tenant) : itemId(draft);
            path = path.replace("{" + parameter.name() + "}", value);
        }
        draft.path = path;
        for (Parameter parameter : draft.operation.parameters("query")) {
            if (parameter.required() || random.nextBoolean()) {
                String value = validQuery(draft, parameter);
                if (value != null) {
                    draft.query.put(parameter.name(), encode(value));
                }
            }
        }
        for (Parameter parameter : draft.operation.parameters("header")) {
            if (parameter.required() || random.nextBoolean()) {
                String value = validHeader(draft, parameter);
                if (value != null) {
                    draft.headers.put(parameter.name(), raw(value));
                }
            }
        }
    }

    private String itemId(Draft draft) {
        Model.Tenant tenant = model.tenant(draft.tenant);
        double choice = random.nextDouble();
        String id;
        if (choice < 0.75 && !tenant.items.isEmpty()) {
            id = pick(tenant.ids());
        } else if (choice < 0.85 && !tenant.gone.isEmpty()) {
            id = pick(tenant.gone);
            draft.labels.add("deleted item");
        } else if (choice < 0.95) {
            String other = pick(itemTenants);
            if (!other.equals(draft.tenant) && !model.tenant(other).items.isEmpty()) {
                id = pick(model.tenant(other).ids());
                draft.labels.add("another tenant's item");
            } else {
                id = randomUlid();
            }
        } else {
            id = randomUlid();
        }
        draft.itemId = id;
        return id;
    }

    private String importId(String tenant) {
        List<String> imports = model.tenant(tenant).imports;
        return !imports.isEmpty() && random.nextDouble() < 0.8 ? pick(imports) : randomUlid();
    }

    private String validQuery(Draft draft, Parameter parameter) {
        return switch (String.valueOf(parameter.keyword("format"))) {
            case "date" ->
                parameter.name().equals("to")
                        ? today.toString()
                        : today.minusDays(random.nextInt(30)).toString();
            default ->
                switch (String.valueOf(parameter.keyword("type"))) {
                    case "integer" ->
                        Integer.toString(between(parameter.integer("minimum"), parameter.integer("maximum")));
                    default ->
                        parameter.name().equals("cursor") ? model.tenant(draft.tenant).cursor : randomText(1, 20);
                };
        };
    }

    private String validHeader(Draft draft, Parameter parameter) {
        String name = parameter.name().toLowerCase(Locale.ROOT);
        if (name.equals("if-match") || name.equals("if-none-match")) {
            Model.ItemState item = draft.itemId == null
                    ? null
                    : model.tenant(draft.tenant).items.get(draft.itemId);
            return item == null ? "\"" + (1 + random.nextInt(3)) + "\"" : "\"" + item.version() + "\"";
        }
        if (name.equals("idempotency-key")) {
            return new UUID(random.nextLong(), random.nextLong()).toString();
        }
        Integer max = parameter.integer("maxLength");
        return randomAscii(1, max == null ? 20 : Math.min(max, 40));
    }

    private void validBody(Draft draft) {
        switch (draft.operation.id()) {
            case "createImport" -> validImport(draft);
            case "updateItem" -> {
                draft.body = Json.object(patchMembers());
                draft.headers.put(
                        "Content-Type",
                        raw(random.nextInt(4) == 0 ? "application/json" : "application/merge-patch+json"));
            }
            default -> {
                draft.body = Json.object(newItemMembers());
                draft.headers.put(
                        "Content-Type", raw(draft.operation.mediaTypes().get(0)));
            }
        }
    }

    private List<Map.Entry<byte[], byte[]>> newItemMembers() {
        List<Map.Entry<byte[], byte[]>> members = new ArrayList<>();
        members.add(member("name", Json.string(randomText(1, 30))));
        if (random.nextBoolean()) {
            members.add(member("attributes", attributes()));
        }
        if (random.nextBoolean()) {
            members.add(member("tags", tags()));
        }
        return members;
    }

    private List<Map.Entry<byte[], byte[]>> patchMembers() {
        List<Map.Entry<byte[], byte[]>> members = new ArrayList<>();
        if (random.nextBoolean()) {
            members.add(member("name", Json.string(randomText(1, 30))));
        }
        if (random.nextBoolean()) {
            members.add(member("attributes", random.nextInt(5) == 0 ? raw("null") : attributes()));
        }
        if (random.nextBoolean()) {
            members.add(member("tags", random.nextInt(5) == 0 ? raw("null") : tags()));
        }
        return members;
    }

    private byte[] attributes() {
        List<Map.Entry<byte[], byte[]>> members = new ArrayList<>();
        List<String> keys = new ArrayList<>(ATTRIBUTE_KEYS);
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            String key = keys.remove(random.nextInt(keys.size()));
            byte[] value = switch (random.nextInt(6)) {
                case 0 -> Json.string(randomText(0, 12));
                case 1 -> raw(Integer.toString(random.nextInt(2001) - 1000));
                case 2 -> raw(random.nextInt(1000) + "." + random.nextInt(100));
                case 3 -> raw(Boolean.toString(random.nextBoolean()));
                case 4 -> raw("{\"w\":" + random.nextInt(100) + ",\"h\":" + random.nextInt(100) + "}");
                default -> raw("[1,\"a\",null]");
            };
            members.add(member(key, value));
        }
        return Json.object(members);
    }

    private byte[] tags() {
        List<String> pool = new ArrayList<>(TAGS);
        List<byte[]> tags = new ArrayList<>();
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            tags.add(Json.string(pool.remove(random.nextInt(pool.size()))));
        }
        return Json.array(tags);
    }

    private void validImport(Draft draft) {
        int lines = 1 + random.nextInt(8);
        List<byte[]> documents = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            documents.add(random.nextInt(6) == 0 ? raw("{\"name\":\"\"}") : Json.object(newItemMembers()));
        }
        if (random.nextInt(3) == 0) {
            draft.body = Json.array(documents);
            draft.headers.put("Content-Type", raw("application/json"));
        } else {
            draft.body = ndjson(documents, "\n", true);
            draft.headers.put("Content-Type", raw("application/x-ndjson"));
        }
    }

    private static byte[] ndjson(List<byte[]> lines, String newline, boolean trailing) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < lines.size(); i++) {
            out.writeBytes(lines.get(i));
            if (trailing || i < lines.size() - 1) {
                out.writeBytes(raw(newline));
            }
        }
        return out.toByteArray();
    }

    // ---- hostile parts ---------------------------------------------------------------------------------------------

    private void mutate(Draft draft) {
        List<Runnable> choices = new ArrayList<>();
        choices.add(() -> hostileAuthorization(draft));
        for (Parameter parameter : draft.operation.parameters()) {
            Runnable mutation = () -> hostileParameter(draft, parameter);
            choices.add(mutation);
            choices.add(mutation);
        }
        if (draft.operation.hasBody()) {
            Runnable body = () -> hostileBody(draft);
            for (int i = 0; i < 6; i++) {
                choices.add(body);
            }
            choices.add(() -> hostileContentType(draft));
            choices.add(() -> hostileContentType(draft));
            choices.add(() -> hostileContentEncoding(draft));
        }
        if (draft.operation.parameters("header").stream().anyMatch(p -> p.name().equalsIgnoreCase("Idempotency-Key"))) {
            choices.add(() -> reusedKey(draft));
            choices.add(() -> reusedKey(draft));
        }
        if (random.nextDouble() < HOSTILE_TOKEN) {
            hostileAuthorization(draft);
        } else {
            pick(choices).run();
        }
    }

    private void hostileAuthorization(Draft draft) {
        if (random.nextInt(4) == 0) {
            List<String> schemes = new ArrayList<>(new java.util.TreeMap<>(HostileValues.AUTH_SCHEMES).keySet());
            String name = pick(schemes);
            String value = HostileValues.AUTH_SCHEMES.get(name);
            if (name.equals("lower-case bearer")) {
                draft.headers.put("Authorization", raw(value + tokens.valid(draft.tenant)));
            } else {
                draft.headers.put("Authorization", value.isEmpty() ? null : raw(value));
                draft.hostileToken = name;
                draft.mustReject = true;
            }
            draft.labels.add("authorization: " + name);
            return;
        }
        String name = pick(tokens.hostileNames());
        draft.headers.put("Authorization", raw("Bearer " + tokens.hostile(name)));
        draft.hostileToken = name;
        draft.mustReject = true;
        draft.labels.add("token: " + name);
    }

    private void hostileParameter(Draft draft, Parameter parameter) {
        String name = parameter.name();
        Text value;
        if (parameter.in().equals("path")) {
            value = pick(HostileValues.PATH_IDS);
            draft.path =
                    draft.operation.path().replace("{" + name + "}", value.raw() ? value.text() : encode(value.text()));
            draft.itemId = null;
        } else {
            value = switch (name.toLowerCase(Locale.ROOT)) {
                case "if-match", "if-none-match" ->
                    pick(random.nextBoolean() ? HostileValues.ETAGS : HostileValues.STRINGS_FOR_PARAMETERS);
                case "idempotency-key" ->
                    pick(random.nextBoolean() ? HostileValues.IDEMPOTENCY_KEYS : HostileValues.STRINGS_FOR_PARAMETERS);
                case "cursor" -> cursor(draft);
                default ->
                    switch (String.valueOf(parameter.keyword("format")) + "/" + parameter.keyword("type")) {
                        case "date/string" ->
                            pick(random.nextBoolean() ? HostileValues.DATES : HostileValues.STRINGS_FOR_PARAMETERS);
                        default ->
                            String.valueOf(parameter.keyword("type")).equals("integer")
                                    ? integer(parameter)
                                    : pick(HostileValues.STRINGS_FOR_PARAMETERS);
                    };
            };
            if (parameter.in().equals("query")) {
                if (parameter.name().equals("to") && value.text() != null && random.nextBoolean()) {
                    value = range(draft);
                }
                if (value.text() == null) {
                    draft.query.remove(name);
                } else {
                    draft.query.put(name, value.raw() ? value.text() : encode(value.text()));
                }
            } else {
                // A header value cannot hold CR or LF without becoming another header: those are not sent.
                draft.headers.put(
                        name,
                        value.text() == null
                                ? null
                                : raw(value.text().replace("\r", "").replace("\n", "")));
            }
        }
        draft.labels.add(parameter.in() + " " + name + ": " + value.label());
    }

    private Text integer(Parameter parameter) {
        Integer minimum = parameter.integer("minimum");
        Integer maximum = parameter.integer("maximum");
        List<Text> values = new ArrayList<>(HostileValues.INTEGERS);
        if (minimum != null) {
            values.add(new Text("minimum " + minimum, Integer.toString(minimum), false));
            values.add(new Text("minimum - 1", Integer.toString(minimum - 1), false));
        }
        if (maximum != null) {
            values.add(new Text("maximum " + maximum, Integer.toString(maximum), false));
            values.add(new Text("maximum + 1", Integer.toString(maximum + 1), false));
        }
        values.addAll(HostileValues.STRINGS_FOR_PARAMETERS);
        return pick(values);
    }

    private Text cursor(Draft draft) {
        String own = model.tenant(draft.tenant).cursor;
        List<String> others = itemTenants.stream()
                .filter(tenant -> !tenant.equals(draft.tenant))
                .map(tenant -> model.tenant(tenant).cursor)
                .filter(cursor -> cursor != null)
                .toList();
        int choice = random.nextInt(6);
        if (choice == 0 && !others.isEmpty()) {
            return new Text("another tenant's cursor", pick(others), false);
        }
        if (choice == 1 && own != null) {
            return new Text("own cursor truncated", own.substring(0, own.length() / 2), false);
        }
        if (choice == 2 && own != null) {
            char[] edited = own.toCharArray();
            int at = random.nextInt(edited.length);
            edited[at] = edited[at] == 'A' ? 'B' : 'A';
            return new Text("own cursor with one character edited", new String(edited), false);
        }
        return pick(random.nextBoolean() ? HostileValues.CURSORS : HostileValues.STRINGS_FOR_PARAMETERS);
    }

    /** A {@code to} of 92 days (the most a call may span) or 93 days after {@code from}, or before it. */
    private Text range(Draft draft) {
        LocalDate from = today.minusDays(200);
        draft.query.put("from", from.toString());
        return switch (random.nextInt(3)) {
            case 0 -> new Text("range of 92 days", from.plusDays(91).toString(), false);
            case 1 -> new Text("range of 93 days", from.plusDays(92).toString(), false);
            default -> new Text("to before from", from.minusDays(1).toString(), false);
        };
    }

    private void hostileContentType(Draft draft) {
        Text type = pick(HostileValues.CONTENT_TYPES);
        draft.headers.put("Content-Type", type.text() == null ? null : raw(type.text()));
        draft.labels.add(type.label());
    }

    /** A body sent as it is, but labelled compressed: the contract promises a 415 for any coding but identity. */
    private void hostileContentEncoding(Draft draft) {
        Text coding = pick(HostileValues.CONTENT_ENCODINGS);
        draft.headers.put("Content-Encoding", raw(coding.text()));
        draft.labels.add(coding.label());
        String[] codings = coding.text().split(",");
        draft.mustReject |= java.util.Arrays.stream(codings)
                .map(String::strip)
                .anyMatch(name -> !name.isEmpty() && !name.equalsIgnoreCase("identity"));
    }

    private void reusedKey(Draft draft) {
        Model.Tenant tenant = model.tenant(draft.tenant);
        if (tenant.keys.isEmpty()) {
            hostileBody(draft);
            return;
        }
        String key = pick(new ArrayList<>(tenant.keys.keySet()));
        draft.headers.put("Idempotency-Key", raw(key));
        if (random.nextBoolean()) {
            draft.body = tenant.keys.get(key).body();
            draft.labels.add("Idempotency-Key reused with the same body");
        } else {
            draft.labels.add("Idempotency-Key reused with another body");
        }
    }

    private void hostileBody(Draft draft) {
        if (draft.operation.id().equals("createImport")) {
            hostileImport(draft);
            return;
        }
        boolean patch = draft.operation.id().equals("updateItem");
        int where = random.nextInt(10);
        if (where == 0) {
            Fragment body = pick(HostileValues.BODIES);
            draft.body = body.json();
            draft.mustReject |= body.mustReject();
            draft.labels.add(body.label());
            return;
        }
        List<Map.Entry<byte[], byte[]>> members = patch ? patchMembers() : newItemMembers();
        Fragment value = pick(HostileValues.ALL_VALUES);
        String slot = switch (where) {
            case 1, 2 -> {
                put(members, "name", value.json());
                yield "name";
            }
            case 3, 4 -> {
                put(members, "attributes", Json.object(List.of(member("v", value.json()))));
                yield "attributes.v";
            }
            case 5 -> {
                put(members, "attributes", value.json());
                yield "attributes";
            }
            case 6 -> {
                put(members, "tags", Json.array(List.of(value.json())));
                yield "tags[0]";
            }
            case 7 -> {
                put(members, "tags", value.json());
                yield "tags";
            }
            case 8 -> {
                Fragment key = pick(HostileValues.STRINGS);
                put(members, "attributes", Json.object(List.of(new AbstractMap.SimpleEntry<>(key.json(), raw("1")))));
                value = key;
                yield "attributes key";
            }
            default -> {
                members.add(new AbstractMap.SimpleEntry<>(
                        pick(HostileValues.STRINGS).json(), value.json()));
                yield "extra member";
            }
        };
        // Only an attribute value's out-of-range number or deep nesting is promised a rejection (README: DynamoDB's
        // number range and 32 levels); elsewhere the schema decides, and the contract check sees a 2xx it forbids.
        draft.mustReject |= value.mustReject() && slot.startsWith("attributes");
        draft.body = Json.object(members);
        draft.labels.add("body." + slot + ": " + value.label());
    }

    private void hostileImport(Draft draft) {
        List<byte[]> documents = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            documents.add(Json.object(newItemMembers()));
        }
        String label;
        byte[] body;
        String type = "application/x-ndjson";
        switch (random.nextInt(16)) {
            case 0 -> {
                label = "ndjson blank lines";
                body = raw("\n\n" + new String(ndjson(documents, "\n\n", true), StandardCharsets.UTF_8) + "\n \n\t\n");
            }
            case 1 -> {
                label = "ndjson CRLF";
                body = ndjson(documents, "\r\n", true);
            }
            case 2 -> {
                label = "ndjson bare CR";
                body = ndjson(documents, "\r", true);
            }
            case 3 -> {
                label = "ndjson BOM";
                body = Json.concat(Json.bytes(0xEF, 0xBB, 0xBF), ndjson(documents, "\n", true));
            }
            case 4 -> {
                label = "ndjson huge line (1 MB)";
                documents.add(1, Json.object(List.of(member("name", Json.string("h".repeat(1 << 20))))));
                body = ndjson(documents, "\n", true);
            }
            case 5 -> {
                label = "ndjson 10,000 lines, all rejected";
                body = ndjson(java.util.Collections.nCopies(10_000, raw("{}")), "\n", true);
            }
            case 6 -> {
                label = "ndjson 10,001 lines";
                body = ndjson(java.util.Collections.nCopies(10_001, raw("{}")), "\n", true);
                draft.mustReject = true;
            }
            case 7 -> {
                label = "json array of 10,001";
                body = Json.array(java.util.Collections.nCopies(10_001, raw("{}")));
                type = "application/json";
                draft.mustReject = true;
            }
            case 8 -> {
                label = "json array empty";
                body = raw("[]");
                type = "application/json";
            }
            case 9 -> {
                label = "ndjson without final newline";
                body = ndjson(documents, "\n", false);
            }
            case 10 -> {
                label = "ndjson only newlines";
                body = raw("\n\n\n");
            }
            case 11 -> {
                Fragment line = pick(HostileValues.ALL_VALUES);
                label = "ndjson line: " + line.label();
                documents.add(1, line.json());
                body = ndjson(documents, "\n", true);
            }
            case 12 -> {
                Fragment name = pick(HostileValues.ALL_VALUES);
                label = "ndjson line name: " + name.label();
                documents.add(1, Json.object(List.of(member("name", name.json()))));
                body = ndjson(documents, "\n", true);
            }
            case 13 -> {
                Fragment value = pick(HostileValues.ALL_VALUES);
                label = "ndjson line attributes.v: " + value.label();
                documents.add(
                        1,
                        Json.object(List.of(
                                member("name", Json.string("n")),
                                member("attributes", Json.object(List.of(member("v", value.json())))))));
                body = ndjson(documents, "\n", true);
            }
            case 14 -> {
                if (random.nextInt(8) == 0) {
                    label = "ndjson over 6 MB";
                    byte[] padded = Json.object(List.of(
                            member("name", Json.string("x")),
                            member("attributes", Json.object(List.of(member("pad", Json.string("p".repeat(700))))))));
                    body = ndjson(java.util.Collections.nCopies(9_000, padded), "\n", true);
                    draft.mustReject = true;
                } else {
                    Fragment whole = pick(HostileValues.BODIES);
                    label = "import " + whole.label();
                    body = whole.json();
                }
            }
            default -> {
                label = "ndjson sent as application/json";
                body = ndjson(documents, "\n", true);
                type = "application/json";
            }
        }
        draft.body = body;
        draft.headers.put("Content-Type", raw(type));
        draft.labels.add(label);
    }

    private void oddMethodOrPath(Draft draft) {
        if (random.nextBoolean()) {
            draft.method = pick(HostileValues.ODD_METHODS);
            draft.labels.add("method " + Printable.of(draft.method, 20));
        } else {
            Text path = pick(HostileValues.ODD_PATHS);
            draft.path = path.text();
            draft.query.clear();
            draft.labels.add(path.label());
        }
        draft.itemId = null;
        draft.odd = true;
    }

    // ---- small pieces ----------------------------------------------------------------------------------------------

    private static Map.Entry<byte[], byte[]> member(String name, byte[] value) {
        return new AbstractMap.SimpleEntry<>(Json.string(name), value);
    }

    private static void put(List<Map.Entry<byte[], byte[]>> members, String name, byte[] value) {
        members.removeIf(member -> new String(member.getKey(), StandardCharsets.UTF_8).equals("\"" + name + "\""));
        members.add(member(name, value));
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private int between(Integer minimum, Integer maximum) {
        int low = minimum == null ? 0 : minimum;
        int high = maximum == null ? low + 100 : maximum;
        return low + random.nextInt(high - low + 1);
    }

    private String randomText(int min, int max) {
        int length = min + random.nextInt(max - min + 1);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return length > 0 && text.toString().isBlank() ? "x" + text.substring(1) : text.toString();
    }

    private String randomAscii(int min, int max) {
        int length = min + random.nextInt(max - min + 1);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) (0x21 + random.nextInt(0x7e - 0x21 + 1)));
        }
        return text.toString();
    }

    private String randomUlid() {
        StringBuilder id = new StringBuilder("0");
        for (int i = 1; i < 26; i++) {
            id.append(ULID_ALPHABET.charAt(random.nextInt(ULID_ALPHABET.length())));
        }
        return id.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
