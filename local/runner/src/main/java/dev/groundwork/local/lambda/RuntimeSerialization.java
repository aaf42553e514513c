package dev.groundwork.local.lambda;

import com.amazonaws.services.lambda.runtime.CustomPojoSerializer;
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
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * How Lambda's Java runtime reads a function's events and writes its answers: with the serializer the function
 * registers ({@code META-INF/services/com.amazonaws.services.lambda.runtime.CustomPojoSerializer}, found through the
 * function's class loader as the runtime interface client's {@code PojoSerializerLoader} finds it, and then used for
 * every type), else with {@code aws-lambda-java-serialization}. So a bug in a function's own serializer shows locally
 * as it would deployed.
 *
 * <p>{@code aws-lambda-java-serialization} is loaded once per function class loader (as a child of it), as Lambda's
 * runtime holds it beside one function's code. Its Jackson caches every class it has (de)serialized; kept in the
 * runner's own class loader, those caches would hold every reloaded function's classes, and its class loader, forever.
 */
final class RuntimeSerialization implements AutoCloseable {

    private static final URL LIBRARY =
            LambdaEventSerializers.class.getProtectionDomain().getCodeSource().getLocation();

    /** One type's serializer: JSON bytes to an object of the function's class loader, and back. */
    interface Serializer {
        Object fromJson(byte[] json);

        byte[] toJson(Object value);
    }

    private final Optional<CustomPojoSerializer> registered;
    private final URLClassLoader loader;
    private final Method isLambdaSupportedEvent;
    private final Method serializerFor;
    private final Object jacksonFactory;
    private final Method getSerializer;
    private final Method fromJson;
    private final Method toJson;

    RuntimeSerialization(ClassLoader functionLoader) {
        this.registered = registered(functionLoader);
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

    /**
     * The serializer a function registers, if it registers one. Lambda's runtime refuses to start a function that
     * registers more than one (its {@code TooManyServiceProvidersFoundException}), and so does the runner.
     */
    private static Optional<CustomPojoSerializer> registered(ClassLoader functionLoader) {
        List<CustomPojoSerializer> serializers = ServiceLoader.load(CustomPojoSerializer.class, functionLoader).stream()
                .map(ServiceLoader.Provider::get)
                .toList();
        if (serializers.size() > 1) {
            throw new IllegalStateException("Too many serializers provided inside the META-INF/services folder, only"
                    + " one is allowed: "
                    + serializers.stream().map(s -> s.getClass().getName()).toList());
        }
        return serializers.stream().findFirst();
    }

    /**
     * As Lambda's runtime chooses: the function's registered serializer for every type, else the event types through
     * their mixins and any other type through the runtime's Jackson settings.
     */
    Serializer serializer(Type type) {
        if (registered.isPresent()) {
            CustomPojoSerializer custom = registered.get();
            return new Serializer() {
                @Override
                public Object fromJson(byte[] json) {
                    return custom.fromJson(new ByteArrayInputStream(json), type);
                }

                @Override
                public byte[] toJson(Object value) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    custom.toJson(value, out, type);
                    return out.toByteArray();
                }
            };
        }
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
