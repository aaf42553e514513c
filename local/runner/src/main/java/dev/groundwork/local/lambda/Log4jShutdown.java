package dev.groundwork.local.lambda;

/**
 * A retired class loader can only be collected when nothing outside it holds on to it; Log4j (under Powertools) would,
 * through its logger context. This stops that context, if the function has Log4j at all. By reflection: Log4j is the
 * function's, loaded in its class loader, not the runner's.
 */
final class Log4jShutdown {

    private Log4jShutdown() {}

    static void stopIn(ClassLoader loader) {
        try {
            Class<?> logManager = Class.forName("org.apache.logging.log4j.LogManager", false, loader);
            if (logManager.getClassLoader() == loader) {
                // Log4j finds a class loader's context through the thread's context class loader.
                Thread current = Thread.currentThread();
                ClassLoader previous = current.getContextClassLoader();
                current.setContextClassLoader(loader);
                try {
                    logManager.getMethod("shutdown", boolean.class).invoke(null, true);
                } finally {
                    current.setContextClassLoader(previous);
                }
            }
        } catch (ReflectiveOperationException | LinkageError notThere) {
            // no Log4j in this function: nothing to stop
        }
    }
}
