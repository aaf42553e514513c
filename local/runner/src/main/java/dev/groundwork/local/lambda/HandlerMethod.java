package dev.groundwork.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;

/**
 * Calls a handler the way Lambda's Java runtime does: a {@code RequestStreamHandler}-shaped method gets the raw
 * bytes; any other gets its input deserialized, and its output serialized, by the function's registered serializer
 * or else {@code aws-lambda-java-serialization} ({@link RuntimeSerialization}).
 * See https://docs.aws.amazon.com/lambda/latest/dg/java-handler.html
 */
final class HandlerMethod {

    private final Method method;
    private final boolean streaming;
    private final boolean takesContext;
    private final RuntimeSerialization.Serializer input;
    private final RuntimeSerialization.Serializer output;

    private HandlerMethod(Method method, RuntimeSerialization serialization) {
        this.method = method;
        Class<?>[] parameters = method.getParameterTypes();
        this.streaming =
                parameters.length >= 2 && parameters[0] == InputStream.class && parameters[1] == OutputStream.class;
        this.takesContext = parameters.length > 0 && parameters[parameters.length - 1] == Context.class;
        int inputs = parameters.length - (takesContext ? 1 : 0);
        this.input = streaming || inputs == 0 ? null : serialization.serializer(method.getGenericParameterTypes()[0]);
        this.output = streaming || method.getReturnType() == void.class
                ? null
                : serialization.serializer(method.getGenericReturnType());
        method.setAccessible(true);
    }

    static HandlerMethod find(Class<?> handlerClass, String name, RuntimeSerialization serialization) {
        Optional<Method> best = Arrays.stream(handlerClass.getMethods())
                .filter(candidate -> candidate.getName().equals(name) && !Modifier.isStatic(candidate.getModifiers()))
                .filter(candidate -> candidate.getParameterCount() <= 3)
                // Lambda prefers the concrete method over the generic bridge, and the one with the most parameters.
                .min(Comparator.<Method, Boolean>comparing(Method::isBridge)
                        .thenComparing(Comparator.comparingInt(Method::getParameterCount)
                                .reversed()));
        return new HandlerMethod(
                best.orElseThrow(
                        () -> new IllegalArgumentException(handlerClass.getName() + " has no public method " + name)),
                serialization);
    }

    /** Runs the handler on {@code event} (JSON bytes); returns the response's JSON bytes. */
    byte[] invoke(Object handler, byte[] event, Context context) throws Throwable {
        try {
            if (streaming) {
                ByteArrayOutputStream response = new ByteArrayOutputStream();
                Object[] arguments = takesContext
                        ? new Object[] {new ByteArrayInputStream(event), response, context}
                        : new Object[] {new ByteArrayInputStream(event), response};
                method.invoke(handler, arguments);
                return response.toByteArray();
            }
            Object[] arguments;
            if (input == null) {
                arguments = takesContext ? new Object[] {context} : new Object[0];
            } else {
                Object value = input.fromJson(event);
                arguments = takesContext ? new Object[] {value, context} : new Object[] {value};
            }
            Object result = method.invoke(handler, arguments);
            if (output == null) {
                return "null".getBytes();
            }
            return output.toJson(result);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
