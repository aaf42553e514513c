import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Writes copies of Log4j's jars whose plugin index lists only the plugins a function uses (log4j-plugins.txt says
 * which, and why). Run by the build, as a single source file: {@code java Log4jPluginIndex.java <keep-list> <out-dir>
 * <classpath>}.
 *
 * <p>Every other entry of a jar is copied as it is, in its order (so the copy keeps its manifest and stays a
 * multi-release jar). The
 * index's format is Log4j's {@code PluginCache}: a count of categories, and per category its name, a count of entries
 * and per entry its key, class name, plugin name and two flags.
 */
public final class Log4jPluginIndex {

    private static final String INDEX = "META-INF/org/apache/logging/log4j/core/config/plugins/Log4j2Plugins.dat";

    private record Entry(String key, String className, String name, boolean printable, boolean defer) {}

    public static void main(String[] arguments) throws IOException {
        if (arguments.length != 3) {
            throw new IllegalArgumentException("usage: Log4jPluginIndex <keep-list> <out-dir> <classpath>");
        }
        Set<String> narrowed = new LinkedHashSet<>();
        Set<String> kept = new LinkedHashSet<>();
        for (String line : Files.readAllLines(Path.of(arguments[0]))) {
            String rule = line.strip();
            if (rule.isEmpty() || rule.startsWith("#")) {
                continue;
            }
            if (rule.startsWith("narrow ")) {
                narrowed.add(rule.substring("narrow ".length()).strip());
            } else {
                kept.add(rule.replaceAll("\\s+", " "));
            }
        }
        Path out = Files.createDirectories(Path.of(arguments[1]));
        // Only this build's copies: a zip takes every jar here, and a copy of an older Log4j would be a second one.
        try (var previous = Files.newDirectoryStream(out, "*.jar")) {
            for (Path jar : previous) {
                Files.delete(jar);
            }
        }
        Set<String> used = new LinkedHashSet<>();
        Set<String> written = new LinkedHashSet<>();
        for (String element : arguments[2].split(File.pathSeparator)) {
            Path jar = Path.of(element);
            String artifact = jar.getFileName().toString().replaceFirst("-\\d[^-]*(-SNAPSHOT)?\\.jar$", "");
            if (narrowed.contains(artifact) && jar.toString().endsWith(".jar")) {
                used.addAll(copyNarrowed(jar, out.resolve(jar.getFileName()), kept));
                written.add(artifact);
            }
        }
        Set<String> missingJars = new LinkedHashSet<>(narrowed);
        missingJars.removeAll(written);
        Set<String> unused = new LinkedHashSet<>(kept);
        unused.removeAll(used);
        if (!missingJars.isEmpty() || !unused.isEmpty()) {
            throw new IllegalStateException("log4j-plugins.txt names what the classpath does not have: jars "
                    + missingJars + ", plugins " + unused + " (a Log4j upgrade that renamed them?)");
        }
    }

    /** Copies {@code jar} to {@code copy} with its index narrowed to {@code kept}; answers the rules that kept one. */
    private static Set<String> copyNarrowed(Path jar, Path copy, Set<String> kept) throws IOException {
        Set<String> used = new LinkedHashSet<>();
        try (ZipFile zip = new ZipFile(jar.toFile());
                OutputStream file = Files.newOutputStream(copy);
                ZipOutputStream target = new ZipOutputStream(file)) {
            List<? extends ZipEntry> entries = zip.stream().toList();
            for (ZipEntry entry : entries) {
                ZipEntry written = new ZipEntry(entry.getName());
                written.setTime(entry.getTime());
                target.putNextEntry(written);
                try (InputStream in = zip.getInputStream(entry)) {
                    if (entry.getName().equals(INDEX)) {
                        target.write(narrow(in.readAllBytes(), kept, used));
                    } else {
                        in.transferTo(target);
                    }
                }
                target.closeEntry();
            }
        }
        return used;
    }

    private static byte[] narrow(byte[] index, Set<String> kept, Set<String> used) throws IOException {
        Map<String, List<Entry>> categories = new LinkedHashMap<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(index))) {
            int categoryCount = in.readInt();
            for (int c = 0; c < categoryCount; c++) {
                String category = in.readUTF();
                int entryCount = in.readInt();
                for (int e = 0; e < entryCount; e++) {
                    Entry entry = new Entry(in.readUTF(), in.readUTF(), in.readUTF(), in.readBoolean(), in.readBoolean());
                    for (String rule : List.of(category + " " + entry.key(), category + " *")) {
                        if (kept.contains(rule)) {
                            used.add(rule);
                            categories.computeIfAbsent(category, any -> new ArrayList<>()).add(entry);
                            break;
                        }
                    }
                }
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(categories.size());
            for (Map.Entry<String, List<Entry>> category : categories.entrySet()) {
                out.writeUTF(category.getKey());
                out.writeInt(category.getValue().size());
                for (Entry entry : category.getValue()) {
                    out.writeUTF(entry.key());
                    out.writeUTF(entry.className());
                    out.writeUTF(entry.name());
                    out.writeBoolean(entry.printable());
                    out.writeBoolean(entry.defer());
                }
            }
        }
        return bytes.toByteArray();
    }
}
