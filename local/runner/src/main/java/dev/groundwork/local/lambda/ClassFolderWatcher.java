package dev.groundwork.local.lambda;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * Tells functions that their compiled classes changed, as the file system reports it (inotify on Linux), so that a
 * request pays nothing while nothing changes and the next request after a build sees the new classes. Watches each
 * class folder recursively (new package folders included) and the folder of each {@code runtime-classpath.txt}.
 */
public final class ClassFolderWatcher implements AutoCloseable {

    private final WatchService service;
    private final Map<WatchKey, List<Runnable>> listeners = new ConcurrentHashMap<>();
    private final Map<Path, WatchKey> keys = new ConcurrentHashMap<>();
    private final Thread thread;

    private ClassFolderWatcher() throws IOException {
        this.service = FileSystems.getDefault().newWatchService();
        this.thread = Thread.ofPlatform().daemon().name("class-folder-watcher").start(this::run);
    }

    /** A watcher with a thread of its own; empty when the platform offers none (then functions poll instead). */
    public static Optional<ClassFolderWatcher> start() {
        try {
            return Optional.of(new ClassFolderWatcher());
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /** Calls {@code changed} whenever a file under one of {@code folders}, or {@code listing}, changes. */
    boolean watch(List<Path> folders, Path listing, Runnable changed) {
        try {
            for (Path folder : folders) {
                try (Stream<Path> tree = Files.walk(folder)) {
                    for (Path directory : (Iterable<Path>) tree.filter(Files::isDirectory)::iterator) {
                        register(directory, changed);
                    }
                }
            }
            if (Files.isDirectory(listing.getParent())) {
                register(listing.getParent(), changed);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private void register(Path directory, Runnable changed) throws IOException {
        WatchKey key = keys.computeIfAbsent(directory.toAbsolutePath().normalize(), path -> {
            try {
                return path.register(
                        service,
                        StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        List<Runnable> callbacks = listeners.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>());
        if (!callbacks.contains(changed)) {
            callbacks.add(changed);
        }
    }

    private void run() {
        while (true) {
            WatchKey key;
            try {
                key = service.take();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            List<Runnable> callbacks = listeners.getOrDefault(key, List.of());
            Path directory = (Path) key.watchable();
            for (WatchEvent<?> event : key.pollEvents()) {
                if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && event.context() instanceof Path name) {
                    Path created = directory.resolve(name);
                    if (Files.isDirectory(created)) {
                        // A new package folder: watch it too, for all who watch its parent.
                        try (Stream<Path> tree = Files.walk(created)) {
                            for (Path sub : (Iterable<Path>) tree.filter(Files::isDirectory)::iterator) {
                                for (Runnable callback : callbacks) {
                                    register(sub, callback);
                                }
                            }
                        } catch (IOException | RuntimeException ignored) {
                            // it vanished again: the build is still moving things
                        }
                    }
                }
            }
            callbacks.forEach(Runnable::run);
            if (!key.reset()) {
                listeners.remove(key);
                keys.values().remove(key);
            }
        }
    }

    @Override
    public void close() throws IOException {
        service.close();
        thread.interrupt();
    }
}
