package dev.groundwork.local.lambda;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.net.URL;
import java.net.URLClassLoader;

/**
 * {@code aws-lambda-java-serialization}, loaded once per function class loader (as a child of it), as Lambda's runtime
 * holds it beside one function's code. Its Jackson caches every class it has (de)serialized; kept in the runner's own
 * class loader, those caches would hold every reloaded function's classes, and its class loader, forever.
 */
final class RuntimeSerialization implements AutoCloseable {

    private static final URL LIBRARY =
            LambdaEventSerializers.class.getProtectionDomain().getCodeSource().getLocation();

    /** One type's serializer: JSON bytes to an object of the function's class loader, and back. */
    interface Serializer {
        Object fromJson(byte[] json);

        byte[] toJson(Object value);
    }

    private final URLClassLoader loader;
    private final Method isLambdaSupportedEvent;
    private final Method serializerFor;
    private final Object jacksonFactory;
    private final Method getSerializer;
    private final Method fromJson;
    private final Method toJson;

    RuntimeSerialization(ClassLoader functionLoader) {
        this.loader =
                new URLClassLoader("serialization:" + functionLoader.getName(), new URL[] {LIBRARY}, functionLoader);
        try {
            Class<?> events = loader.loadClass(LambdaEventSerializers.class.getName());
            isLambdaSupportedEvent = events.getMethod("isLambdaSupportedEvent", String.class);
            serializerFor = events.getMethod("serializerFor", Class.class, ClassLoader.class);
            Class<?> factory =
                    loader.loadClass("com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory");
            jacksonFactory = factory.getMethod("getInstance").invoke(null);
            getSerializer = factory.getMethod("getSerializer", Type.class);
            Class<?> pojoSerializer =
                    loader.loadClass("com.amazonaws.services.lambda.runtime.serialization.PojoSerializer");
            fromJson = pojoSerializer.getMethod("fromJson", InputStream.class);
            toJson = pojoSerializer.getMethod("toJson", Object.class, OutputStream.class);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "cannot load aws-lambda-java-serialization for " + functionLoader.getName(), e);
        }
    }

    /** As Lambda's runtime chooses: the event types through their mixins, any other type through its Jackson settings. */
    Serializer serializer(Type type) {
        Object serializer;
        try {
            if (type instanceof Class<?> clazz && (boolean) isLambdaSupportedEvent.invoke(null, clazz.getName())) {
                serializer = serializerFor.invoke(null, clazz, clazz.getClassLoader());
            } else {
                serializer = getSerializer.invoke(jacksonFactory, type);
            }
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("no serializer for " + type, e);
        }
        return new Serializer() {
            @Override
            public Object fromJson(byte[] json) {
                return call(fromJson, serializer, new ByteArrayInputStream(json));
            }

            @Override
            public byte[] toJson(Object value) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                call(toJson, serializer, value, out);
                return out.toByteArray();
            }
        };
    }

    private static Object call(Method method, Object target, Object... arguments) {
        try {
            return method.invoke(target, arguments);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        try {
            loader.close();
        } catch (IOException ignored) {
            // a read-only jar: nothing to lose
        }
    }
}
