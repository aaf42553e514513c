package dev.groundwork.platform.snapstart;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * A runtime hook that runs after each restore from a SnapStart snapshot: where state made before the snapshot must
 * not be shared by every environment restored from it (cached credentials, the state of an id generator).
 *
 * <p>Lambda's runtime holds hooks weakly: keep the returned hook for as long as what it resets lives.
 */
public final class AfterRestore implements Resource {
    private final Runnable action;

    private AfterRestore(Runnable action) {
        this.action = action;
    }

    public static AfterRestore register(Runnable action) {
        AfterRestore hook = new AfterRestore(action);
        Core.getGlobalContext().register(hook);
        return hook;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {}

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        action.run();
    }
}
