package dev.groundwork.local.lambda;

import dev.groundwork.local.console.Console;
import java.util.Map;
import java.util.Optional;

/**
 * What the runner gives every function it serves.
 *
 * @param localEnvironment added to every function's environment (region, dummy credentials, endpoints of the local
 *     DynamoDB and SQS); the template's variables come first, these override them
 * @param maxInstances how many requests a function serves at once, each on an instance of its own
 * @param console where the functions' output goes, a line at a time
 * @param classChanges tells functions that their classes changed; without it, they look for themselves
 */
public record FunctionHost(
        Map<String, String> localEnvironment,
        int maxInstances,
        Console console,
        Optional<ClassFolderWatcher> classChanges) {

    public FunctionHost {
        localEnvironment = Map.copyOf(localEnvironment);
    }
}
