package dev.groundwork.local.template;

/** The template says something the runner cannot serve; the message names the place. */
public final class TemplateException extends RuntimeException {
    public TemplateException(String message) {
        super(message);
    }
}
