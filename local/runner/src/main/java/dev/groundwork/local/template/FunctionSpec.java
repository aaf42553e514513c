package dev.groundwork.local.template;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One {@code AWS::Serverless::Function}, Globals merged, intrinsics resolved to local values.
 *
 * @param snapStart whether the template gives it SnapStart ({@code ApplyOn: PublishedVersions} as its parameters
 *                  resolve): its instances start through SnapStart's hooks (docs/snapstart.md)
 */
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
        List<StreamSourceSpec> streamSources,
        boolean snapStart) {

    public FunctionSpec {
        environment = Map.copyOf(environment);
        routes = List.copyOf(routes);
        sqsSources = List.copyOf(sqsSources);
        streamSources = List.copyOf(streamSources);
    }

    /** The same function with another environment (its secrets resolved, for instance). */
    public FunctionSpec withEnvironment(Map<String, String> resolved) {
        return new FunctionSpec(
                logicalId,
                functionName,
                codeUri,
                handlerClass,
                handlerMethod,
                memoryMb,
                timeout,
                resolved,
                routes,
                sqsSources,
                streamSources,
                snapStart);
    }

    public String handler() {
        return handlerClass + "::" + handlerMethod;
    }
}
