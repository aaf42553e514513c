package dev.groundwork.local.lambda.crac;

import java.util.ArrayList;
import java.util.List;

/**
 * The global context a function's {@code org.crac.Core.getGlobalContext()} delegates to in the runner (see
 * {@link Resource}). Lambda runs the hooks once, around the one snapshot every environment is restored from; the
 * runner builds each instance of a function afresh, so each instance is its own snapshot: the hooks registered on the
 * thread that built it run before its "checkpoint" (in reverse order of registration, as Lambda runs them) and after
 * its "restore" (in order), then are forgotten, so one instance's priming never runs on another's thread.
 */
public final class Core {
    private static final GlobalContext GLOBAL = new GlobalContext();

    private Core() {}

    public static Context<Resource> getGlobalContext() {
        return GLOBAL;
    }

    public static void checkpointRestore() throws CheckpointException, RestoreException {
        GLOBAL.beforeCheckpoint(null);
        GLOBAL.afterRestore(null);
    }

    private static final class GlobalContext extends Context<Resource> {
        private final ThreadLocal<List<Resource>> registered = ThreadLocal.withInitial(ArrayList::new);

        @Override
        public void register(Resource resource) {
            registered.get().add(resource);
        }

        @Override
        public void beforeCheckpoint(Context<? extends Resource> context) throws CheckpointException {
            List<Resource> hooks = new ArrayList<>(registered.get());
            CheckpointException failed = new CheckpointException();
            for (int i = hooks.size() - 1; i >= 0; i--) {
                try {
                    hooks.get(i).beforeCheckpoint(this);
                } catch (Exception | LinkageError e) {
                    failed.addSuppressed(e);
                }
            }
            if (failed.getSuppressed().length > 0) {
                throw failed;
            }
        }

        @Override
        public void afterRestore(Context<? extends Resource> context) throws RestoreException {
            List<Resource> hooks = new ArrayList<>(registered.get());
            registered.remove();
            RestoreException failed = new RestoreException();
            for (Resource hook : hooks) {
                try {
                    hook.afterRestore(this);
                } catch (Exception | LinkageError e) {
                    failed.addSuppressed(e);
                }
            }
            if (failed.getSuppressed().length > 0) {
                throw failed;
            }
        }
    }
}
