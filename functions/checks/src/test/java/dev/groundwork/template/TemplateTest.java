package dev.groundwork.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.items.ItemsConfig;
import dev.groundwork.platform.config.AwsSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * template.yaml is the only source of names and wiring (house style, rule 17): these checks catch a handler renamed
 * without the template, a variable read but never declared, a module that `sam build` would not find.
 */
class TemplateTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent().getParent();
    private final Map<String, Object> template = CloudFormationYaml.read(ROOT.resolve("template.yaml"));

    TemplateTest() throws IOException {}

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    private Map<String, Map<String, Object>> resourcesOfType(String type) {
        Map<String, Map<String, Object>> found = new HashMap<>();
        map(template.get("Resources")).forEach((id, resource) -> {
            if (type.equals(map(resource).get("Type"))) {
                found.put(id, map(resource));
            }
        });
        return found;
    }

    private Map<String, Map<String, Object>> functions() {
        return resourcesOfType("AWS::Serverless::Function");
    }

    /** The Items API's functions; other functions (docs/async.md) have checks of their own beside their code. */
    private Map<String, Map<String, Object>> itemFunctions() {
        Map<String, Map<String, Object>> items = new java.util.LinkedHashMap<>(functions());
        items.values()
                .removeIf(function -> !String.valueOf(
                                map(function.get("Properties")).get("Handler"))
                        .startsWith("dev.groundwork.items."));
        return items;
    }

    @Test
    void hasTheFiveItemFunctions() {
        assertThat(itemFunctions().keySet())
                .containsExactlyInAnyOrder(
                        "CreateItemFunction",
                        "GetItemFunction",
                        "ListItemsFunction",
                        "UpdateItemFunction",
                        "DeleteItemFunction");
    }

    @Test
    void everyHandlerClassExistsInItsCodeUriModule() {
        functions().forEach((id, function) -> {
            Map<String, Object> properties = map(function.get("Properties"));
            String codeUri = (String) properties.get("CodeUri");
            String handler = ((String) properties.get("Handler")).split("::")[0];
            Path source = ROOT.resolve(codeUri).resolve("src/main/java").resolve(handler.replace('.', '/') + ".java");
            assertThat(source).as("%s's handler", id).isRegularFile();
            assertThat(handler).as(id).endsWith(id.replace("Function", "Handler"));
        });
    }

    @Test
    void everyCodeUriIsAModuleOfTheBuildWithItsSamBuildTarget() throws IOException {
        String modules = Files.readString(ROOT.resolve("functions/pom.xml"));
        for (var entry : functions().entrySet()) {
            String codeUri = (String) map(entry.getValue().get("Properties")).get("CodeUri");
            Path module = ROOT.resolve(codeUri);
            assertThat(module.resolve("pom.xml")).as(codeUri).isRegularFile();
            assertThat(modules).contains("<module>" + module.getFileName() + "</module>");
            assertThat(map(entry.getValue().get("Metadata"))).containsEntry("BuildMethod", "makefile");
            assertThat(Files.readString(module.resolve("Makefile"))).contains("build-" + entry.getKey() + ":");
        }
    }

    @Test
    void declaresEveryVariableTheConfigurationReads() {
        Set<String> read = new HashSet<>();
        Map<String, String> recording = new HashMap<>() {
            @Override
            public String get(Object name) {
                read.add((String) name);
                return ((String) name).startsWith("AWS_") || name.equals("TABLE_NAME") ? "x" : null;
            }
        };
        ItemsConfig.fromEnvironment(recording(recording));
        // Lambda sets AWS_*; the endpoint override and the local switch are for local runs only.
        read.removeIf(name -> name.startsWith("AWS_")
                || name.equals(AwsSettings.DYNAMODB_ENDPOINT)
                || name.equals(AwsSettings.SQS_ENDPOINT)
                || name.equals(ItemsConfig.GROUNDWORK_LOCAL));
        Set<String> declared = new HashSet<>(
                map(map(map(map(template.get("Globals")).get("Function")).get("Environment"))
                                .get("Variables"))
                        .keySet());
        functions()
                .values()
                .forEach(function ->
                        declared.addAll(map(map(map(function.get("Properties")).get("Environment"))
                                        .get("Variables"))
                                .keySet()));

        assertThat(declared).containsAll(read).containsAll(ItemsConfig.TEMPLATE_VARIABLES);
        assertThat(read).containsExactlyInAnyOrderElementsOf(ItemsConfig.TEMPLATE_VARIABLES);
    }

    /** Answers like a local environment, so that the configuration reads every variable it knows. */
    private static Map<String, String> recording(Map<String, String> reads) {
        return new HashMap<>() {
            @Override
            public String get(Object name) {
                String value = reads.get(name);
                return name.equals(ItemsConfig.GROUNDWORK_LOCAL) ? "true" : value;
            }
        };
    }

    @Test
    void wiresTheTableAndTenantClaimByReferenceNeverByLiteral() {
        Map<String, Object> variables =
                map(map(map(map(template.get("Globals")).get("Function")).get("Environment"))
                        .get("Variables"));

        assertThat(variables.get("TABLE_NAME")).isEqualTo(Map.of("Ref", "ItemsTable"));
        assertThat(variables.get("TENANT_CLAIM")).isEqualTo(Map.of("Ref", "TenantClaim"));
    }

    @Test
    void routesEveryFunctionThroughTheJwtProtectedHttpApi() {
        List<String> routes = new ArrayList<>();
        itemFunctions()
                .forEach((id, function) -> map(map(function.get("Properties")).get("Events"))
                        .values()
                        .forEach(event -> {
                            assertThat(map(event).get("Type")).isEqualTo("HttpApi");
                            Map<String, Object> properties = map(map(event).get("Properties"));
                            assertThat(properties.get("ApiId")).isEqualTo(Map.of("Ref", "HttpApi"));
                            routes.add(properties.get("Method") + " " + properties.get("Path"));
                        }));
        Map<String, Object> auth = map(
                map(resourcesOfType("AWS::Serverless::HttpApi").get("HttpApi").get("Properties"))
                        .get("Auth"));

        assertThat(routes)
                .containsExactlyInAnyOrder(
                        "POST /v1/items",
                        "GET /v1/items/{itemId}",
                        "GET /v1/items",
                        "PATCH /v1/items/{itemId}",
                        "DELETE /v1/items/{itemId}");
        assertThat(map(map(auth.get("Authorizers")).get(auth.get("DefaultAuthorizer"))))
                .containsKey("JwtConfiguration");
    }

    @Test
    void givesReadersNoWriteAction() {
        for (String reader : List.of("GetItemFunction", "ListItemsFunction")) {
            String policies = String.valueOf(
                    map(functions().get(reader).get("Properties")).get("Policies"));
            assertThat(policies).as(reader).doesNotContain("Put", "Update", "Delete", "Crud", "Write", "*");
        }
    }

    @Test
    void declaresTheTableTheRepositoryExpects() {
        Map<String, Object> table =
                map(resourcesOfType("AWS::DynamoDB::Table").get("ItemsTable").get("Properties"));

        assertThat(String.valueOf(table.get("KeySchema")))
                .isEqualTo("[{AttributeName=pk, KeyType=HASH}, {AttributeName=sk, KeyType=RANGE}]");
        assertThat(table).containsEntry("BillingMode", "PAY_PER_REQUEST");
        assertThat(map(table.get("PointInTimeRecoverySpecification")))
                .containsEntry("PointInTimeRecoveryEnabled", true);
        assertThat(map(table.get("SSESpecification"))).containsEntry("SSEEnabled", true);
        assertThat(map(table.get("TimeToLiveSpecification"))).containsEntry("AttributeName", "expiresAt");
        assertThat(map(table.get("StreamSpecification"))).containsEntry("StreamViewType", "NEW_AND_OLD_IMAGES");
    }

    @Test
    void hasSampleEventsForEveryFunction() {
        itemFunctions().values().forEach(function -> {
            String module = Path.of((String) map(function.get("Properties")).get("CodeUri"))
                    .getFileName()
                    .toString();
            assertThat(ROOT.resolve("events/http").resolve(module)).as(module).isDirectoryContaining("glob:**.json");
        });
    }
}
