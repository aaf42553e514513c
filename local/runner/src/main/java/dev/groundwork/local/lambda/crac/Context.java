package dev.groundwork.local.lambda.crac;

/** A CRaC context, as {@code org.crac} expects to find one (see {@link Resource}). */
public abstract class Context<R extends Resource> implements Resource {
    protected Context() {}

    public abstract void register(R resource);
}
