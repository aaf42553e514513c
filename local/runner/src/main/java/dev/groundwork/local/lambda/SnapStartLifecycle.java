package dev.groundwork.local.lambda;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * SnapStart's lifecycle for a function the template gives SnapStart, as Lambda's runtime client runs it after init:
 * the checkpoint hooks (a function's priming), then, as if restored from the snapshot, the after-restore hooks. The
 * runner takes no snapshot: the point is that a priming or restore hook that fails, fails on a laptop, at the
 * instance's cold start, as it would fail Lambda's publishing of the version.
 */
final class SnapStartLifecycle {
    private SnapStartLifecycle() {}

    /** Runs the hooks registered while building this instance, in the function's class loader, on this thread. */
    static void checkpointAndRestore(ClassLoader function) throws Exception {
        Class<?> core = Class.forName(FunctionClassLoader.CRAC_PACKAGE + "Core", true, function);
        Class<?> context = Class.forName(FunctionClassLoader.CRAC_PACKAGE + "Context", true, function);
        Object global = core.getMethod("getGlobalContext").invoke(null);
        call(context.getMethod("beforeCheckpoint", context), global);
        call(context.getMethod("afterRestore", context), global);
    }

    private static void call(Method hook, Object global) throws Exception {
        try {
            hook.invoke(global, (Object) null);
        } catch (InvocationTargetException e) {
            Throwable failed = e.getCause();
            Throwable first = failed.getSuppressed().length > 0 ? failed.getSuppressed()[0] : failed;
            throw new IllegalStateException(
                    "SnapStart " + hook.getName() + " hook failed: "
                            + first.getClass().getName() + ": " + first.getMessage(),
                    first);
        }
    }
}
