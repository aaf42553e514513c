package dev.groundwork.local.lambda.crac;

/**
 * The runner's stand-in for Lambda's CRaC implementation ({@code com.amazonaws.services.lambda.crac}, which Lambda's
 * java21 runtime binds {@code org.crac} to with {@code -Dorg.crac.Core.Compat}): {@code org.crac} in a function's
 * class loader finds these by name and registers the function's hooks here. Defined inside each function's class
 * loader, so that each function's hooks are its own (FunctionClassLoader).
 */
public interface Resource {
    void beforeCheckpoint(Context<? extends Resource> context) throws Exception;

    void afterRestore(Context<? extends Resource> context) throws Exception;
}
