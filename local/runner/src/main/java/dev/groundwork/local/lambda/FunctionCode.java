package dev.groundwork.local.lambda;

import dev.groundwork.local.template.FunctionSpec;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.util.List;
import java.util.Map;

/**
 * One build of a function's classes in a class loader of its own, as a Lambda container image is: its own statics,
 * library versions and environment. A reload makes a new one; the old one is closed when its last instance stops.
 */
final class FunctionCode implements AutoCloseable {

    private final FunctionSpec spec;
    private final FunctionClasspath classpath;
    private final long fingerprint;
    private final FunctionClassLoader loader;
    private volatile HandlerMethod method;
    private RuntimeSerialization serialization;

    FunctionCode(FunctionSpec spec, FunctionClasspath classpath, Map<String, String> environment) {
        this.spec = spec;
        this.classpath = classpath;
        this.fingerprint = classpath.fingerprint();
        this.loader = new FunctionClassLoader(spec.logicalId(), classpath.urls());
        this.loader.environment(environment);
    }

    FunctionClasspath classpath() {
        return classpath;
    }

    ClassLoader loader() {
        return loader;
    }

    /** Whether the template gives the function SnapStart: its instances start through SnapStartLifecycle. */
    boolean snapStart() {
        return spec.snapStart();
    }

    /** Whether the class files on disk differ from those this code was loaded from. */
    boolean changedOnDisk() {
        return classpath.fingerprint() != fingerprint;
    }

    /**
     * A new handler object, built as Lambda builds it: through its no-argument constructor, in this class loader. The
     * first call loads the handler class (its static initialisers run), as part of the first cold start.
     */
    Object newHandler() throws ReflectiveOperationException {
        Class<?> handlerClass = load();
        Constructor<?> constructor = handlerClass.getDeclaredConstructor();
        constructor.setAccessible(true);
        return constructor.newInstance();
    }

    /** The handler method; only after {@link #newHandler} has returned. */
    HandlerMethod method() {
        return method;
    }

    private synchronized Class<?> load() throws ClassNotFoundException {
        Class<?> loaded = Class.forName(spec.handlerClass(), true, loader);
        if (spec.handlerIsInterface() && !callableThroughInterface(loaded)) {
            // Lambda's runtime refuses such a handler at init, with the same words.
            throw new IllegalStateException("Class " + spec.handlerClass()
                    + " does not implement RequestHandler with concrete type parameters");
        }
        if (method == null) {
            serialization = new RuntimeSerialization(loader);
            method = HandlerMethod.find(loaded, spec.handlerMethod(), serialization);
        }
        return loaded;
    }

    /**
     * A handler named by its class only: Lambda calls it through one of these interfaces, as the function's own copy
     * of them sees it (an interface that extends one will do, as it does for Lambda's runtime).
     */
    private boolean callableThroughInterface(Class<?> handlerClass) {
        for (String name : List.of(
                "com.amazonaws.services.lambda.runtime.RequestHandler",
                "com.amazonaws.services.lambda.runtime.RequestStreamHandler")) {
            try {
                if (Class.forName(name, false, loader).isAssignableFrom(handlerClass)) {
                    return true;
                }
            } catch (ClassNotFoundException notInTheFunction) {
                // a function without aws-lambda-java-core implements neither
            }
        }
        return false;
    }

    @Override
    public void close() {
        LoggingShutdown.stopIn(loader);
        if (serialization != null) {
            serialization.close();
        }
        try {
            loader.close();
        } catch (IOException ignored) {
            // the jars are read-only; nothing to lose
        }
    }
}
