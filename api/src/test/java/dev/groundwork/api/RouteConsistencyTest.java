package dev.groundwork.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every route that template.yaml wires is in the contract, and every route in the contract is wired. */
class RouteConsistencyTest {

    private static final Path TEMPLATE = Path.of("..", "template.yaml");
    private static final Path DOCUMENT = Path.of("openapi.yaml");

    @Test
    void templateAndContractHaveTheSameRoutes() throws IOException {
        assumeTrue(Files.exists(TEMPLATE), "template.yaml is not written yet: nothing to compare the contract with");
        SortedSet<String> wired = Routes.ofTemplate(Files.readString(TEMPLATE));
        SortedSet<String> documented = Routes.ofDocument(Files.readString(DOCUMENT));

        assertThat(wired).as("template.yaml wires no HttpApi route at all").isNotEmpty();
        assertThat(difference(wired, documented))
                .as("routes in template.yaml that api/openapi.yaml does not describe")
                .isEmpty();
        assertThat(difference(documented, wired))
                .as("routes in api/openapi.yaml that no function in template.yaml serves")
                .isEmpty();
    }

    @Test
    void readsHttpApiEventsThroughCloudFormationShortFormTags() {
        String template = """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Api:
                    Type: AWS::Serverless::HttpApi
                  Table:
                    Type: AWS::DynamoDB::Table
                  GetItemFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Environment:
                        Variables:
                          TABLE_NAME: !Ref Table
                          STREAM: !GetAtt Table.StreamArn
                          URL: !Sub 'https://${Api}.execute-api.${AWS::Region}.amazonaws.com'
                          JOINED: !Join [',', [a, !Ref Table]]
                          PICKED: !Select [0, !Split [',', 'a,b']]
                          MAPPED: !FindInMap {MapName: M, TopLevelKey: K, SecondLevelKey: S}
                      Events:
                        Get:
                          Type: HttpApi
                          Properties:
                            ApiId: !Ref Api
                            Path: /v1/items/{itemId}
                            Method: get
                  ItemEventsConsumer:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        Queue:
                          Type: SQS
                          Properties:
                            Queue: !GetAtt Queue.Arn
                """;

        assertThat(Routes.ofTemplate(template)).containsExactly("GET /v1/items/{itemId}");
    }

    @Test
    void findsARouteMissingOnEitherSide() {
        String template = """
                Resources:
                  CreateItemFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        Create: {Type: HttpApi, Properties: {ApiId: !Ref Api, Path: /v1/items, Method: POST}}
                  ExportFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        Export: {Type: HttpApi, Properties: {ApiId: !Ref Api, Path: /v1/exports, Method: post}}
                """;
        String document = """
                openapi: 3.1.0
                paths:
                  /v1/items:
                    parameters: []
                    post: {}
                    get: {}
                """;

        SortedSet<String> wired = Routes.ofTemplate(template);
        SortedSet<String> documented = Routes.ofDocument(document);

        assertThat(difference(wired, documented)).containsExactly("POST /v1/exports");
        assertThat(difference(documented, wired)).containsExactly("GET /v1/items");
    }

    @Test
    void refusesAnHttpApiEventWhosePathIsNotLiteral() {
        String template = """
                Resources:
                  F:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        E: {Type: HttpApi, Properties: {Path: !Sub '/${Version}/items', Method: get}}
                """;

        assertThatThrownBy(() -> Routes.ofTemplate(template))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("F.E");
    }

    @Test
    void readsTheContractsOwnRoutes() throws IOException {
        assertThat(Routes.ofDocument(Files.readString(DOCUMENT)))
                .containsExactly(
                        "DELETE /v1/items/{itemId}",
                        "GET /v1/imports/{importId}",
                        "GET /v1/items",
                        "GET /v1/items/{itemId}",
                        "GET /v1/usage",
                        "PATCH /v1/items/{itemId}",
                        "POST /v1/imports",
                        "POST /v1/items");
    }

    private static List<String> difference(SortedSet<String> left, SortedSet<String> right) {
        var only = new TreeSet<>(left);
        only.removeAll(right);
        return List.copyOf(only);
    }
}
