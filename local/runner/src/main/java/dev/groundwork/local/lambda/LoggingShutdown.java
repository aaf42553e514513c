package dev.groundwork.local.lambda;

/**
 * A retired class loader can only be collected when nothing outside it holds on to it. This stops the function's
 * logging context (Logback, under Powertools), so that no appender or scheduled task of it outlives the loader. By
 * reflection: SLF4J and Logback are the function's, loaded in its class loader, not the runner's.
 */
final class LoggingShutdown {

    private LoggingShutdown() {}

    static void stopIn(ClassLoader loader) {
        try {
            Class<?> slf4j = Class.forName("org.slf4j.LoggerFactory", false, loader);
            Class<?> logback = Class.forName("ch.qos.logback.classic.LoggerContext", false, loader);
            if (slf4j.getClassLoader() == loader) {
                Object context = slf4j.getMethod("getILoggerFactory").invoke(null);
                if (logback.isInstance(context)) {
                    logback.getMethod("stop").invoke(context);
                }
            }
        } catch (ReflectiveOperationException | LinkageError notThere) {
            // no Logback in this function: nothing to stop
        }
    }
}
