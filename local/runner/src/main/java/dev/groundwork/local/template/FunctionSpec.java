package dev.groundwork.local.template;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One {@code AWS::Serverless::Function}, Globals merged, intrinsics resolved to local values.
 *
 * @param handler   Lambda's {@code Handler} as the template writes it: {@code class::method}, or only the class when it
 *                  implements {@code RequestHandler} (or {@code RequestStreamHandler}), which Lambda's runtime then
 *                  calls through the interface instead of by reflection (docs/performance.md)
 * @param snapStart whether the template gives it SnapStart ({@code ApplyOn: PublishedVersions} as its parameters
 *                  resolve): its instances start through SnapStart's hooks (docs/snapstart.md)
 */
public record FunctionSpec(
        String logicalId,
        String functionName,
        Path codeUri,
        String handler,
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
                handler,
                memoryMb,
                timeout,
                resolved,
                routes,
                sqsSources,
                streamSources,
                snapStart);
    }

    public String handlerClass() {
        int method = handler.indexOf("::");
        return method < 0 ? handler : handler.substring(0, method);
    }

    /** The method Lambda calls: the one the handler names, else the interface's {@code handleRequest}. */
    public String handlerMethod() {
        int method = handler.indexOf("::");
        return method < 0 ? "handleRequest" : handler.substring(method + 2);
    }

    /** Whether Lambda calls it through {@code RequestHandler}/{@code RequestStreamHandler}, the handler naming no method. */
    public boolean handlerIsInterface() {
        return !handler.contains("::");
    }
}
