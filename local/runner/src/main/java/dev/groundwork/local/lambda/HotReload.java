package dev.groundwork.local.lambda;

import dev.groundwork.local.console.AccessLog;
import dev.groundwork.local.template.FunctionSpec;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Loads a function's compiled classes, and loads them again once a build has changed them: the next request then gets
 * a fresh class loader (new statics, new handler instances), as a new deployment would.
 */
final class HotReload {

    /** Without a file watcher, how often a request may look at the class files. */
    private static final long POLL_INTERVAL_MS = 100;
    /** A build writes class files for a while: it must have been quiet this long before the classes are taken. */
    private static final long SETTLE_MS = 300;

    private static final long MAX_SETTLE_WAIT_MS = 5_000;

    private final FunctionSpec spec;
    private final Map<String, String> environment;
    private final Optional<ClassFolderWatcher> watcher;
    private final AccessLog log;
    /** Set by the file watcher when the class folders change. */
    private final AtomicBoolean maybeChanged = new AtomicBoolean();

    private final Runnable onClassesChanged = () -> maybeChanged.set(true);
    private boolean watched;
    private long lastCheckMillis;

    HotReload(FunctionSpec spec, Map<String, String> environment, Optional<ClassFolderWatcher> watcher, AccessLog log) {
        this.spec = spec;
        this.environment = environment;
        this.watcher = watcher;
        this.log = log;
    }

    /** The classes as they are now. */
    FunctionCode load() {
        FunctionClasspath classpath = FunctionClasspath.of(spec.codeUri());
        lastCheckMillis = System.currentTimeMillis();
        watched = watcher.map(w -> w.watch(classpath.classFolders(), classpath.listing(), onClassesChanged))
                .orElse(false);
        return new FunctionCode(spec, classpath, environment);
    }

    /** Newly built classes, when they differ from {@code current}'s; waits for a build in progress to finish. */
    Optional<FunctionCode> newerThan(FunctionCode current) throws InterruptedException {
        long now = System.currentTimeMillis();
        if (watched ? !maybeChanged.getAndSet(false) : now - lastCheckMillis < POLL_INTERVAL_MS) {
            return Optional.empty();
        }
        lastCheckMillis = now;
        if (!current.changedOnDisk()) {
            return Optional.empty();
        }
        long deadline = now + MAX_SETTLE_WAIT_MS;
        while (System.currentTimeMillis() - current.classpath().newestModification() < SETTLE_MS
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        FunctionCode reloaded = load();
        log.note("↻ " + spec.logicalId() + " reloaded: its classes changed; the next request is a cold start");
        return Optional.of(reloaded);
    }
}
