package dev.groundwork.kernel;

/** One reason an input was rejected, named by the field it is about (a JSON Pointer-like path such as {@code tags[2]}). */
public record FieldError(String field, String message) {}
