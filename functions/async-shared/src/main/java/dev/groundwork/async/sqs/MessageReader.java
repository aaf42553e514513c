package dev.groundwork.async.sqs;

/** Turns a message body into the value a use case takes. */
@FunctionalInterface
public interface MessageReader<T> {
    T read(String body) throws Unreadable;
}
