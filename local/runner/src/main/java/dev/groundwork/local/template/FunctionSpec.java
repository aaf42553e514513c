package dev.groundwork.local.template;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One {@code AWS::Serverless::Function}, Globals merged, intrinsics resolved to local values. */
public record FunctionSpec(
        String logicalId,
        String functionName,
        Path codeUri,
        String handlerClass,
        String handlerMethod,
        int memoryMb,
        Duration timeout,
        Map<String, String> environment,
        List<HttpRouteSpec> routes,
        List<SqsSourceSpec> sqsSources,
        List<StreamSourceSpec> streamSources) {

    public FunctionSpec {
        environment = Map.copyOf(environment);
        routes = List.copyOf(routes);
        sqsSources = List.copyOf(sqsSources);
        streamSources = List.copyOf(streamSources);
    }

    public String handler() {
        return handlerClass + "::" + handlerMethod;
    }
}
