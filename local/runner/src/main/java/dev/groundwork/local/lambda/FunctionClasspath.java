package dev.groundwork.local.lambda;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A function's class path, from its Maven module (the template's {@code CodeUri}): {@code target/classes} first, then
 * the runtime class path the build wrote to {@code target/runtime-classpath.txt}. A jar of a sibling module of this
 * repository is replaced by that module's {@code target/classes}, so a class compiled by the IDE is seen without
 * packaging. The class folders are also what hot reload watches.
 */
public record FunctionClasspath(List<Path> entries, List<Path> classFolders, Path listing) {

    public static final String LISTING = "target/runtime-classpath.txt";

    public static FunctionClasspath of(Path moduleFolder) {
        Path classes = moduleFolder.resolve("target/classes");
        if (!Files.isDirectory(classes)) {
            throw new IllegalStateException(
                    moduleFolder + " is not built (no target/classes): run ./mvnw -q -DskipTests package");
        }
        List<Path> entries = new ArrayList<>();
        List<Path> folders = new ArrayList<>();
        entries.add(classes);
        folders.add(classes);
        Path listing = moduleFolder.resolve(LISTING);
        if (Files.isRegularFile(listing)) {
            String text;
            try {
                text = Files.readString(listing).strip();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (String entry : text.isEmpty() ? new String[0] : text.split(File.pathSeparator)) {
                Path path = Path.of(entry.strip());
                Path siblingClasses = siblingModuleClasses(path);
                if (siblingClasses != null) {
                    entries.add(siblingClasses);
                    folders.add(siblingClasses);
                } else {
                    entries.add(path);
                    if (Files.isDirectory(path)) {
                        folders.add(path);
                    }
                }
            }
        } else {
            Path lib = moduleFolder.resolve("target/lib");
            if (Files.isDirectory(lib)) {
                try (Stream<Path> jars = Files.list(lib)) {
                    jars.filter(jar -> jar.toString().endsWith(".jar")).sorted().forEach(entries::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return new FunctionClasspath(List.copyOf(entries), List.copyOf(folders), listing);
    }

    /** {@code module/target/x.jar} of a module beside its pom.xml → {@code module/target/classes}, when it exists. */
    private static Path siblingModuleClasses(Path entry) {
        Path target = entry.getParent();
        if (target == null
                || !entry.toString().endsWith(".jar")
                || !target.getFileName().toString().equals("target")) {
            return null;
        }
        Path module = target.getParent();
        Path classes = target.resolve("classes");
        return module != null && Files.isRegularFile(module.resolve("pom.xml")) && Files.isDirectory(classes)
                ? classes
                : null;
    }

    URL[] urls() {
        URL[] urls = new URL[entries.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = entries.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }
        return urls;
    }

    /** Changes whenever a class file in one of the class folders, or the listing, is added, removed or rewritten. */
    long fingerprint() {
        long fingerprint = listingStamp();
        for (Path folder : classFolders) {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    File asFile = file.toFile();
                    fingerprint = fingerprint * 31 + asFile.lastModified() * 17 + asFile.length() + file.hashCode();
                }
            } catch (IOException | UncheckedIOException e) {
                fingerprint = fingerprint * 31 + 1; // a folder vanished mid-build: it counts as a change
            }
        }
        return fingerprint;
    }

    /** The newest modification time among the class files, to tell a build still writing from a finished one. */
    long newestModification() {
        long newest = listingStamp();
        for (Path folder : classFolders) {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    newest = Math.max(newest, file.toFile().lastModified());
                }
            } catch (IOException | UncheckedIOException e) {
                newest = System.currentTimeMillis();
            }
        }
        return newest;
    }

    private long listingStamp() {
        return listing.toFile().lastModified();
    }
}
