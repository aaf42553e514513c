package dev.groundwork.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.groundwork.template.CloudFormationYaml;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDeploymentTest {

    @TempDir
    Path folder;

    private LocalDeployment deploy(String yaml, Map<String, String> overrides) throws Exception {
        Path file = folder.resolve("template.yaml");
        Files.writeString(file, yaml);
        return new LocalDeployment(
                Template.load(file),
                new LocalDeployment.Settings(
                        "stack",
                        "eu-west-1",
                        "123456789012",
                        overrides,
                        URI.create("http://localhost:9324"),
                        URI.create("http://localhost:3000")),
                logicalId -> "arn:aws:dynamodb:eu-west-1:123456789012:table/stack-" + logicalId + "/stream/2026");
    }

    private static final String TEMPLATE = """
      Parameters:
        Env: {Type: String, Default: dev}
        Claim: {Type: String, Default: tenant_id}
      Conditions:
        IsProd: !Equals [!Ref Env, prod]
      Mappings:
        Sizes: {dev: {Memory: 256}, prod: {Memory: 2048}}
      Globals:
        Function:
          Timeout: 9
          MemorySize: !FindInMap [Sizes, !Ref Env, Memory]
          Environment:
            Variables:
              TABLE: !Ref Table
              WHO: globals
      Resources:
        Table:
          Type: AWS::DynamoDB::Table
          Properties:
            AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]
            KeySchema: [{AttributeName: pk, KeyType: HASH}]
            StreamSpecification: {StreamViewType: NEW_IMAGE}
        Dlq:
          Type: AWS::SQS::Queue
        Work:
          Type: AWS::SQS::Queue
          Properties:
            QueueName: !Sub '${AWS::StackName}-work'
            VisibilityTimeout: 60
            RedrivePolicy: {deadLetterTargetArn: !GetAtt Dlq.Arn, maxReceiveCount: 3}
        ProdOnly:
          Type: AWS::SQS::Queue
          Condition: IsProd
        Fn:
          Type: AWS::Serverless::Function
          Properties:
            CodeUri: functions/fn
            Handler: a.b.Handler::handle
            Environment:
              Variables:
                WHO: !If [IsProd, prod-fn, fn]
                QUEUE_URL: !Ref Work
                STREAM: !GetAtt Table.StreamArn
                JOINED: !Join ['-', [!Ref 'AWS::Region', !Select [1, !Split [',', 'a,b,c']]]]
                LITERAL: !Sub 'x-${!NotAVariable}-${AWS::AccountId}'
                CLAIM: !Sub
                  - '${Name}:${Claim}'
                  - {Name: claim}
            Events:
              Api:
                Type: HttpApi
                Properties: {Method: get, Path: '/things/{id}'}
              Jobs:
                Type: SQS
                Properties:
                  Queue: !GetAtt Work.Arn
                  BatchSize: 5
                  MaximumBatchingWindowInSeconds: 2
                  FunctionResponseTypes: [ReportBatchItemFailures]
              Changes:
                Type: DynamoDB
                Properties: {Stream: !GetAtt Table.StreamArn, StartingPosition: TRIM_HORIZON, MaximumRetryAttempts: 2}
      """;

    @Test
    void resolvesShortFormIntrinsicsGlobalsAndConditionsToLocalValues() throws Exception {
        FunctionSpec fn = deploy(TEMPLATE, Map.of()).functions().get(0);

        assertThat(fn.functionName()).isEqualTo("stack-Fn");
        assertThat(fn.handlerClass()).isEqualTo("a.b.Handler");
        assertThat(fn.handlerMethod()).isEqualTo("handle");
        assertThat(fn.codeUri()).isEqualTo(folder.resolve("functions/fn"));
        assertThat(fn.timeout()).isEqualTo(Duration.ofSeconds(9));
        assertThat(fn.memoryMb()).isEqualTo(256);
        assertThat(fn.environment())
                .containsEntry("TABLE", "stack-Table")
                .containsEntry("WHO", "fn")
                .containsEntry("QUEUE_URL", "http://localhost:9324/123456789012/stack-work")
                .containsEntry("STREAM", "arn:aws:dynamodb:eu-west-1:123456789012:table/stack-Table/stream/2026")
                .containsEntry("JOINED", "eu-west-1-b")
                .containsEntry("LITERAL", "x-${NotAVariable}-123456789012")
                .containsEntry("CLAIM", "claim:tenant_id");
    }

    @Test
    void parameterOverridesChangeConditionsAndMappings() throws Exception {
        LocalDeployment prod = deploy(TEMPLATE, Map.of("Env", "prod"));

        assertThat(prod.functions().get(0).environment()).containsEntry("WHO", "prod-fn");
        assertThat(prod.functions().get(0).memoryMb()).isEqualTo(2048);
        assertThat(prod.queues()).extracting(QueueSpec::logicalId).contains("ProdOnly");
        assertThat(deploy(TEMPLATE, Map.of()).queues())
                .extracting(QueueSpec::logicalId)
                .doesNotContain("ProdOnly");
    }

    @Test
    void readsEventSourcesWithLambdasDefaultsAndQueuesDeadLetterQueuesFirst() throws Exception {
        LocalDeployment deployment = deploy(TEMPLATE, Map.of());
        FunctionSpec fn = deployment.functions().get(0);

        assertThat(fn.routes()).containsExactly(new HttpRouteSpec("GET", "/things/{id}", "Fn", null, List.of()));
        SqsSourceSpec jobs = fn.sqsSources().get(0);
        assertThat(jobs.queueName()).isEqualTo("stack-work");
        assertThat(jobs.batchSize()).isEqualTo(5);
        assertThat(jobs.batchingWindow()).isEqualTo(Duration.ofSeconds(2));
        assertThat(jobs.reportBatchItemFailures()).isTrue();
        StreamSourceSpec changes = fn.streamSources().get(0);
        assertThat(changes.tableLogicalId()).isEqualTo("Table");
        assertThat(changes.batchSize()).isEqualTo(100);
        assertThat(changes.maximumRetryAttempts()).isEqualTo(2);
        assertThat(deployment.queues()).extracting(QueueSpec::queueName).startsWith("stack-Dlq");
        QueueSpec work = deployment.queues().stream()
                .filter(queue -> queue.logicalId().equals("Work"))
                .findFirst()
                .orElseThrow();
        assertThat(work.deadLetterQueueName()).isEqualTo("stack-Dlq");
        assertThat(work.maxReceiveCount()).isEqualTo(3);
        assertThat(work.visibilityTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void givesAFunctionSnapStartAsTheParameterResolvesIt() throws Exception {
        String template = TEMPLATE.replace(
                        "  IsProd: !Equals [!Ref Env, prod]\n",
                        "  IsProd: !Equals [!Ref Env, prod]\n  SnapStartOn: !Equals [!Ref SnapStart, 'On']\n")
                .replace(
                        "  Claim: {Type: String, Default: tenant_id}\n",
                        "  Claim: {Type: String, Default: tenant_id}\n  SnapStart: {Type: String, Default: 'On'}\n")
                .replace(
                        "    Timeout: 9\n",
                        "    Timeout: 9\n    AutoPublishAlias: live\n"
                                + "    SnapStart:\n      ApplyOn: !If [SnapStartOn, PublishedVersions, None]\n");

        assertThat(deploy(template, Map.of()).functions().get(0).snapStart()).isTrue();
        assertThat(deploy(template, Map.of("SnapStart", "Off"))
                        .functions()
                        .get(0)
                        .snapStart())
                .isFalse();
        assertThat(deploy(TEMPLATE, Map.of()).functions().get(0).snapStart()).isFalse();
    }

    @Test
    void namesTheReferenceItCannotResolve() throws Exception {
        LocalDeployment deployment = deploy(TEMPLATE.replace("!Ref Table\n", "!Ref Tabel\n"), Map.of());

        assertThatThrownBy(deployment::functions)
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("Tabel");
    }

    @Test
    void setsAsideAFunctionItCannotServeAndKeepsTheOthers() throws Exception {
        LocalDeployment deployment = deploy(TEMPLATE + """
          FromS3:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: {Bucket: artifacts, Key: fn.zip}
              Handler: a.b.Other::handle
        """, Map.of());
        List<String> skipped = new java.util.ArrayList<>();

        List<FunctionSpec> served = deployment.functions(reason -> skipped.add(reason.getMessage()));

        assertThat(served).extracting(FunctionSpec::logicalId).containsExactly("Fn");
        assertThat(skipped)
                .singleElement()
                .asString()
                .startsWith("FromS3: CodeUri must be the function's module folder");
    }

    @Test
    void setsAsideAQueueConsumerWhoseQueueWouldRedeliverWhileItIsStillRunning() throws Exception {
        LocalDeployment deployment =
                deploy(TEMPLATE.replace("VisibilityTimeout: 60", "VisibilityTimeout: 5"), Map.of());
        List<String> skipped = new java.util.ArrayList<>();

        List<FunctionSpec> served = deployment.functions(reason -> skipped.add(reason.getMessage()));

        assertThat(served).isEmpty();
        assertThat(skipped)
                .containsExactly("Fn: Queue visibility timeout: 5 seconds is less than Function timeout: 9 seconds");
        assertThat(deploy(TEMPLATE.replace("VisibilityTimeout: 60", "VisibilityTimeout: 9"), Map.of())
                        .functions())
                .extracting(FunctionSpec::logicalId)
                .containsExactly("Fn");
    }

    @Test
    void readsEveryShortFormTagAsItsLongForm() {
        Map<String, Object> document = CloudFormationYaml.read(new StringReader("""
        a: !Ref X
        b: !GetAtt Y.Arn
        c: !Sub 'x'
        d: !GetAtt [Z, StreamArn]
        """));

        assertThat(document)
                .containsEntry("a", Map.of("Ref", "X"))
                .containsEntry("b", Map.of("Fn::GetAtt", List.of("Y", "Arn")))
                .containsEntry("c", Map.of("Fn::Sub", "x"))
                .containsEntry("d", Map.of("Fn::GetAtt", List.of("Z", "StreamArn")));
    }
}
