package dev.groundwork.local.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.groundwork.api.ApiContract;
import dev.groundwork.local.LocalIdentity;
import dev.groundwork.local.api.LocalIssuer;
import dev.groundwork.local.fuzz.FuzzRequest.Header;
import dev.groundwork.local.fuzz.RawHttp.Answer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A contract-driven fuzzer of Groundwork's own HTTP API (issue 17): every operation, parameter and body of
 * {@code api/openapi.yaml}, sent random, boundary and hostile values by several tenants, with valid requests mixed in
 * so that state builds up; every answer checked ({@link AnswerChecks}), every rejected write checked to have written
 * nothing, each tenant's items compared with what the answers said, and a canary tenant's usage meter watched.
 *
 * <p>Why not a library: the maintained OpenAPI fuzzers are tools of other ecosystems (Schemathesis and RESTler in
 * Python, Dredd in JavaScript); the Java ones are applications, not libraries — EvoMaster runs as its own process and
 * Endava's CATS is a CLI that the registry here does not serve — and none checks Groundwork's own invariants (no write
 * by a rejected request, tenants apart, meters alive). jqwik (served here) generates values well, but its generators
 * are made to run inside its engine, with shrinking that cannot undo requests already sent to a live, stateful
 * application; so the run is a loop over one seeded {@code java.util.Random} ({@link RequestGenerator}).
 */
public final class Fuzzer {

    /** What to run: {@code endpoint} of a running application, its issuer for tokens, the contract document. */
    public record Settings(
            URI endpoint,
            LocalIssuer issuer,
            LocalIdentity identity,
            Path contractDocument,
            int requests,
            long seed,
            int tenants,
            int checkEvery,
            int canaryEvery,
            Duration usageTimeout,
            Duration requestTimeout) {

        public static Settings of(
                URI endpoint,
                LocalIssuer issuer,
                LocalIdentity identity,
                Path contractDocument,
                int requests,
                long seed,
                int tenants) {
            return new Settings(
                    endpoint,
                    issuer,
                    identity,
                    contractDocument,
                    requests,
                    seed,
                    tenants,
                    200,
                    250,
                    Duration.ofSeconds(30),
                    Duration.ofSeconds(15));
        }
    }

    /** The outcome of a run. */
    public record Report(String summary, String examples, int violations) {
        public boolean clean() {
            return violations == 0;
        }
    }

    private final Settings settings;
    /** Tenants are named after the seed, so that runs against one application do not see each other's items. */
    private final String canaryTenant;

    private final String importTenant;
    private final RawHttp http;
    private final AnswerChecks checks;
    private final ContractOperations operations;
    private final Tokens tokens;
    private final Model model;
    private final List<String> itemTenants = new ArrayList<>();
    private final Findings findings = new Findings();
    private final Map<String, Integer> statuses = new TreeMap<>();
    private final Set<String> answered = new LinkedHashSet<>();
    private final Set<String> succeeded = new LinkedHashSet<>();
    private final PrintStream progress;
    private int checkRequests;
    private int canaryCreated;
    private long canaryWaitingSince;
    private boolean canaryStallReported;

    private Fuzzer(Settings settings, PrintStream progress) throws IOException {
        this.settings = settings;
        this.progress = progress;
        this.http =
                new RawHttp(settings.endpoint().getHost(), settings.endpoint().getPort(), settings.requestTimeout());
        this.operations = ContractOperations.read(settings.contractDocument());
        this.checks = new AnswerChecks(ApiContract.fromFile(settings.contractDocument()), operations);
        this.tokens = new Tokens(settings.issuer(), settings.identity(), Clock.systemUTC());
        String prefix = "fuzz" + Long.toUnsignedString(settings.seed(), 36) + "-";
        for (int i = 0; i < settings.tenants(); i++) {
            itemTenants.add(prefix + (char) ('a' + i % 26) + (i >= 26 ? Integer.toString(i / 26) : ""));
        }
        canaryTenant = prefix + "canary";
        importTenant = prefix + "imports";
        List<String> all = new ArrayList<>(itemTenants);
        all.add(importTenant);
        all.add(canaryTenant);
        this.model = new Model(all);
    }

    public static Report run(Settings settings, PrintStream progress) throws Exception {
        return new Fuzzer(settings, progress).run();
    }

    private Report run() throws Exception {
        long started = System.nanoTime();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        RequestGenerator generator =
                new RequestGenerator(settings.seed(), operations, model, tokens, itemTenants, importTenant, today);
        for (int index = 1; index <= settings.requests(); index++) {
            FuzzRequest request = generator.next(index);
            RawHttp.Outcome outcome = send(request, true);
            learn(request, outcome);
            if (index % settings.canaryEvery() == 0 || index == 1) {
                canary();
            }
            if (index % settings.checkEvery() == 0) {
                compareItems();
            }
            if (progress != null && index % 500 == 0) {
                progress.printf(
                        Locale.ROOT,
                        "fuzz: %d/%d requests, %d violations so far%n",
                        index,
                        settings.requests(),
                        findings.total());
            }
        }
        compareItems();
        compareImports();
        awaitCanary();
        double seconds = (System.nanoTime() - started) / 1e9;
        return report(seconds);
    }

    // ---- sending and checking --------------------------------------------------------------------------------------

    private RawHttp.Outcome send(FuzzRequest request, boolean fuzzed) {
        RawHttp.Outcome outcome =
                http.send(request.wire(http.hostHeader()), request.method().equals("HEAD"));
        if (!fuzzed) {
            checkRequests++;
        }
        if (outcome instanceof Answer answer) {
            if (fuzzed) {
                statuses.merge(answer.status() / 100 + "xx", 1, Integer::sum);
            }
            boolean fromFunction = answer.header("api-version") != null;
            if (request.operation() != null && fromFunction) {
                answered.add(request.operation().id());
                if (answer.status() < 300) {
                    succeeded.add(request.operation().id());
                }
            }
        } else if (fuzzed) {
            statuses.merge("no answer", 1, Integer::sum);
        }
        for (AnswerChecks.Violation violation : checks.check(request, outcome)) {
            violation(violation.kind(), request, outcome, violation.detail());
        }
        return outcome;
    }

    private void violation(String kind, FuzzRequest request, RawHttp.Outcome outcome, String detail) {
        findings.add(kind, request.operationName(), request.label(), example(request, outcome, detail));
    }

    private String example(FuzzRequest request, RawHttp.Outcome outcome, String detail) {
        StringBuilder text = new StringBuilder("  request (seed ")
                .append(settings.seed())
                .append(") ")
                .append(request.summary());
        switch (outcome) {
            case Answer answer -> {
                text.append("  answer ")
                        .append(answer.status())
                        .append(" in ")
                        .append(answer.millis())
                        .append(" ms");
                String type = answer.header("content-type");
                text.append(", content-type ")
                        .append(type)
                        .append(", ")
                        .append(answer.body().length)
                        .append(" bytes: ")
                        .append(Printable.utf8(answer.body(), 500))
                        .append('\n');
            }
            case RawHttp.NoAnswer none ->
                text.append("  no answer after ")
                        .append(none.millis())
                        .append(" ms: ")
                        .append(none.why())
                        .append('\n');
            case null -> {}
        }
        if (detail != null && !detail.isEmpty()) {
            text.append("  why: ").append(detail).append('\n');
        }
        return text.toString();
    }

    // ---- what the answers say about the state ----------------------------------------------------------------------

    private void learn(FuzzRequest request, RawHttp.Outcome outcome) {
        if (request.hostileToken() != null) {
            return; // a hostile token let through is already a violation; what it wrote belongs to no tenant of the
            // model
        }
        if (request.operation() == null) {
            // An odd method or path that still reached a function (e.g. a fragment after /v1/items) may have written.
            if (outcome instanceof Answer answer
                    && answer.status() < 300
                    && answer.header("api-version") != null
                    && !request.method().equalsIgnoreCase("GET")
                    && !request.method().equals("HEAD")) {
                model.tenant(request.tenant()).uncertain = true;
            }
            return;
        }
        Model.Tenant tenant = model.tenant(request.tenant());
        if (!(outcome instanceof Answer answer) || answer.status() >= 500) {
            if (request.isWrite()) {
                tenant.uncertain = true;
            }
            return;
        }
        int status = answer.status();
        JsonNode json = AnswerChecks.parse(answer.text());
        switch (request.operation().id()) {
            case "createItem" -> {
                if (status == 201 && json != null) {
                    // A replay answers the first response again, even for an item deleted since: it creates nothing.
                    if (!checkIdempotentReplay(request, answer, json)) {
                        model.stored(request.tenant(), json);
                    }
                } else if (status >= 400 && request.hostileToken() == null) {
                    checkNothingCreated(request);
                }
            }
            case "updateItem" -> {
                if (status == 200 && json != null && request.itemId() != null) {
                    model.stored(request.tenant(), json);
                } else if (status >= 400) {
                    checkItemUnchanged(request);
                }
            }
            case "deleteItem" -> {
                if (status == 204 && request.itemId() != null) {
                    model.deleted(request.tenant(), request.itemId());
                } else if (status >= 400) {
                    checkItemUnchanged(request);
                }
            }
            case "getItem" -> {
                if (status == 200 && json != null) {
                    compareOne(request, json);
                }
            }
            case "listItems" -> {
                if (status == 200 && json != null && json.path("nextCursor").isTextual()) {
                    tenant.cursor = json.path("nextCursor").asText();
                }
            }
            case "createImport" -> {
                if (status == 202 && json != null && json.path("id").isTextual()) {
                    if (!tenant.imports.contains(json.path("id").asText())) {
                        tenant.imports.add(json.path("id").asText());
                    }
                }
            }
            default -> {}
        }
        if (status < 300 && request.isWrite() && request.header("Idempotency-Key") != null) {
            String id = json == null ? null : json.path("id").asText(null);
            tenant.keys.putIfAbsent(request.header("Idempotency-Key"), new Model.KeyUse(request.body(), id));
        }
        // Another tenant's item is never served, changed or deleted: it answers as a missing one.
        String owner = request.itemId() == null ? null : model.owner(request.itemId());
        if (status < 300 && owner != null && !owner.equals(request.tenant())) {
            violation("another tenant's item served", request, outcome, "owner " + owner);
        }
    }

    /** True when the 201 is a replay of an earlier one (by its Idempotency-Key); a violation if it is not faithful. */
    private boolean checkIdempotentReplay(FuzzRequest request, Answer answer, JsonNode item) {
        String key = request.header("Idempotency-Key");
        Model.KeyUse first =
                key == null ? null : model.tenant(request.tenant()).keys.get(key);
        if (first == null || first.createdId() == null) {
            return false;
        }
        boolean sameBody = Arrays.equals(first.body(), request.body());
        if (sameBody && !first.createdId().equals(item.path("id").asText())) {
            violation(
                    "Idempotency-Key replay created another item",
                    request,
                    answer,
                    "first created " + first.createdId());
        } else if (!sameBody) {
            violation(
                    "Idempotency-Key reused with another body accepted",
                    request,
                    answer,
                    "first created " + first.createdId());
        }
        return first.createdId().equals(item.path("id").asText());
    }

    /** A rejected create wrote nothing: the newest item (ids are time-ordered ULIDs) is one the answers told of. */
    private void checkNothingCreated(FuzzRequest rejected) {
        Model.Tenant tenant = model.tenant(rejected.tenant());
        if (tenant.uncertain) {
            return;
        }
        Answer page = get(rejected.tenant(), "/v1/items?limit=1", "listItems");
        JsonNode json = page == null ? null : AnswerChecks.parse(page.text());
        if (json == null || page.status() != 200) {
            return;
        }
        JsonNode newest = json.path("items").path(0);
        if (!newest.isMissingNode()
                && !tenant.items.containsKey(newest.path("id").asText())) {
            violation(
                    "write by a rejected request",
                    rejected,
                    null,
                    "an item appeared: " + Printable.of(newest.toString(), 300));
            model.stored(rejected.tenant(), newest);
        }
    }

    /** A rejected update or delete left the item it named as the answers last described it. */
    private void checkItemUnchanged(FuzzRequest rejected) {
        String id = rejected.itemId();
        String owner = id == null ? null : model.owner(id);
        if (owner == null
                || model.tenant(owner).uncertain
                || !model.tenant(owner).items.containsKey(id)) {
            return;
        }
        Model.ItemState expected = model.tenant(owner).items.get(id);
        Answer now = get(owner, "/v1/items/" + id, "getItem");
        if (now == null) {
            return;
        }
        if (now.status() == 404) {
            violation("write by a rejected request", rejected, null, "item " + id + " of " + owner + " is gone");
            model.deleted(owner, id);
        } else if (now.status() == 200) {
            JsonNode item = AnswerChecks.parse(now.text());
            if (item != null && !Model.ItemState.of(item).equals(expected)) {
                violation(
                        "write by a rejected request",
                        rejected,
                        null,
                        "item " + id + " of " + owner + " was " + expected + ", is " + Model.ItemState.of(item));
                model.stored(owner, item);
            }
        }
    }

    private void compareOne(FuzzRequest request, JsonNode item) {
        Model.Tenant tenant = model.tenant(request.tenant());
        Model.ItemState expected = tenant.items.get(item.path("id").asText());
        if (!tenant.uncertain && expected != null && !Model.ItemState.of(item).equals(expected)) {
            violation(
                    "item differs from what the answers said",
                    request,
                    null,
                    "expected " + expected + ", got " + Model.ItemState.of(item));
            model.stored(request.tenant(), item);
        }
    }

    /** Every tenant's items, page by page, against the model; a difference is a write nobody was told of. */
    private void compareItems() {
        for (String name : itemTenants) {
            Model.Tenant tenant = model.tenant(name);
            Map<String, JsonNode> actual = listAll(name);
            if (actual == null) {
                continue;
            }
            if (!tenant.uncertain) {
                List<String> differences = new ArrayList<>();
                for (Map.Entry<String, Model.ItemState> expected : tenant.items.entrySet()) {
                    JsonNode item = actual.get(expected.getKey());
                    if (item == null) {
                        differences.add("missing " + expected.getKey());
                    } else if (!Model.ItemState.of(item).equals(expected.getValue())) {
                        differences.add(expected.getKey() + " is " + Model.ItemState.of(item) + ", expected "
                                + expected.getValue());
                    }
                }
                actual.keySet().stream()
                        .filter(id -> !tenant.items.containsKey(id))
                        .forEach(id -> differences.add("extra " + id));
                if (!differences.isEmpty()) {
                    findings.add(
                            "items differ from what the answers said",
                            "listItems",
                            "periodic comparison",
                            "  tenant " + name + ": "
                                    + String.join("; ", differences.subList(0, Math.min(5, differences.size())))
                                    + (differences.size() > 5 ? " (" + differences.size() + " in all)" : "") + "\n");
                }
            }
            tenant.items.clear();
            actual.values().forEach(item -> model.stored(name, item));
            tenant.uncertain = false;
        }
    }

    private Map<String, JsonNode> listAll(String tenant) {
        Map<String, JsonNode> items = new LinkedHashMap<>();
        String cursor = null;
        for (int page = 0; page < 1000; page++) {
            String path = "/v1/items?limit=100"
                    + (cursor == null ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            Answer answer = get(tenant, path, "listItems");
            JsonNode json = answer == null || answer.status() != 200 ? null : AnswerChecks.parse(answer.text());
            if (json == null) {
                return null;
            }
            json.path("items").forEach(item -> items.put(item.path("id").asText(), item));
            if (!json.path("nextCursor").isTextual()) {
                return items;
            }
            cursor = json.path("nextCursor").asText();
        }
        return items;
    }

    /** Rejected imports wrote nothing: once every accepted job is done, the tenant holds exactly what they wrote. */
    private void compareImports() throws InterruptedException {
        Model.Tenant tenant = model.tenant(importTenant);
        long deadline = System.nanoTime() + settings.usageTimeout().toNanos();
        long written = 0;
        Set<String> pending = new HashSet<>(tenant.imports);
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            for (String id : List.copyOf(pending)) {
                Answer answer = get(importTenant, "/v1/imports/" + id, "getImport");
                JsonNode job = answer == null ? null : AnswerChecks.parse(answer.text());
                String status = job == null ? "" : job.path("status").asText();
                if (status.equals("succeeded") || status.equals("failed")) {
                    written += job.path("counts").path("written").asLong();
                    pending.remove(id);
                }
            }
            if (!pending.isEmpty()) {
                Thread.sleep(500);
            }
        }
        if (!pending.isEmpty()) {
            findings.add(
                    "import never finished",
                    "getImport",
                    "imports",
                    "  " + pending.size() + " of " + tenant.imports.size() + " accepted imports still not done after "
                            + settings.usageTimeout().toSeconds() + " s, e.g. "
                            + pending.iterator().next() + "\n");
            return;
        }
        Map<String, JsonNode> items = listAll(importTenant);
        if (items != null && items.size() != written) {
            findings.add(
                    "imports wrote other than their jobs say",
                    "createImport",
                    "imports",
                    "  tenant " + importTenant + " holds " + items.size() + " items; its " + tenant.imports.size()
                            + " accepted imports wrote " + written + "\n");
        }
    }

    // ---- the canary: is every tenant's usage still moving? ---------------------------------------------------------

    private void canary() {
        FuzzRequest create = request(
                canaryTenant,
                "POST",
                "/v1/items",
                "createItem",
                ("{\"name\":\"canary " + (canaryCreated + 1) + "\"}").getBytes(StandardCharsets.UTF_8));
        RawHttp.Outcome outcome = send(create, false);
        if (outcome instanceof Answer answer && answer.status() == 201) {
            if (canaryCreated == usageCount() || canaryWaitingSince == 0) {
                canaryWaitingSince = System.nanoTime();
            }
            canaryCreated++;
        }
        checkCanary(false);
    }

    private long usageCount() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Answer answer = get(canaryTenant, "/v1/usage?from=" + today.minusDays(1) + "&to=" + today, "getUsage");
        JsonNode json = answer == null || answer.status() != 200 ? null : AnswerChecks.parse(answer.text());
        return json == null ? -1 : json.path("totals").path("itemsCreated").asLong();
    }

    /** True when the meter has counted every canary item; a violation once it lags longer than the timeout. */
    private boolean checkCanary(boolean last) {
        long counted = usageCount();
        if (counted >= canaryCreated) {
            canaryWaitingSince = System.nanoTime();
            canaryStallReported = false;
            return true;
        }
        boolean late =
                System.nanoTime() - canaryWaitingSince > settings.usageTimeout().toNanos();
        if ((late || last) && !canaryStallReported) {
            canaryStallReported = true;
            findings.add(
                    "usage meter stalled",
                    "getUsage",
                    "canary",
                    "  tenant " + canaryTenant + " created " + canaryCreated + " items; GET /v1/usage counts " + counted
                            + " after " + settings.usageTimeout().toSeconds() + " s\n");
        }
        return false;
    }

    private void awaitCanary() throws InterruptedException {
        long deadline = System.nanoTime() + settings.usageTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            if (checkCanary(false)) {
                return;
            }
            Thread.sleep(500);
        }
        checkCanary(true);
    }

    // ---- small pieces ----------------------------------------------------------------------------------------------

    private Answer get(String tenant, String path, String operationId) {
        RawHttp.Outcome outcome = send(request(tenant, "GET", path, operationId, null), false);
        return outcome instanceof Answer answer ? answer : null;
    }

    private FuzzRequest request(String tenant, String method, String target, String operationId, byte[] body) {
        ContractOperations.Operation operation = operations.operations().stream()
                .filter(candidate -> candidate.id().equals(operationId))
                .findFirst()
                .orElseThrow();
        List<Header> headers = new ArrayList<>();
        headers.add(Header.of("Authorization", "Bearer " + tokens.valid(tenant)));
        if (body != null) {
            headers.add(Header.of("Content-Type", "application/json"));
        }
        return new FuzzRequest(
                0, tenant, operation, "check", method, target, List.copyOf(headers), body, false, null, null);
    }

    private Report report(double seconds) {
        StringBuilder summary = new StringBuilder();
        summary.append(String.format(
                Locale.ROOT,
                "fuzz: seed %d, %d requests (+%d checks) in %.1f s; routes answered %d/%d,"
                        + " with a 2xx %d/%d; %s%s; violations %d",
                settings.seed(),
                settings.requests(),
                checkRequests,
                seconds,
                answered.size(),
                operations.operations().size(),
                succeeded.size(),
                operations.operations().size(),
                statuses.entrySet().stream()
                        .map(entry -> entry.getKey() + " " + entry.getValue())
                        .collect(java.util.stream.Collectors.joining(", ")),
                checks.unchecked() == 0 ? "" : "; " + checks.unchecked() + " not readable by the contract validator",
                findings.total()));
        if (!findings.isEmpty()) {
            summary.append(" (");
            summary.append(findings.kinds().stream()
                    .map(kind -> kind.name + ": " + kind.count)
                    .collect(java.util.stream.Collectors.joining("; ")));
            summary.append(')');
        }
        StringBuilder examples = new StringBuilder();
        for (Findings.Kind kind : findings.kinds()) {
            examples.append("\n== ")
                    .append(kind.name)
                    .append(" (")
                    .append(kind.count)
                    .append(")\n");
            kind.firstExamples.forEach((where, example) ->
                    examples.append(" on ").append(where).append(":\n").append(example));
            examples.append("  labels: ")
                    .append(kind.labels.entrySet().stream()
                            .limit(12)
                            .map(entry -> entry.getKey() + " ×" + entry.getValue())
                            .collect(java.util.stream.Collectors.joining(" | ")))
                    .append(kind.labels.size() > 12 ? " | …" : "")
                    .append('\n');
        }
        return new Report(summary.toString(), examples.toString(), findings.total());
    }
}
