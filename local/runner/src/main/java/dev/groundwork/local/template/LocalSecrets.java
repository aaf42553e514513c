package dev.groundwork.local.template;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves CloudFormation dynamic references to Secrets Manager ({@code {{resolve:secretsmanager:Id:SecretString}}})
 * against the template's own {@code AWS::SecretsManager::Secret} resources: a generated secret is made once, as
 * {@code GenerateSecretString} describes it, and kept in {@code .groundwork/local-secrets.json}, so that what it
 * signs (page cursors, for instance) stays valid across runs.
 * See https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-secretsmanager.html
 */
public final class LocalSecrets {

    private static final Pattern REFERENCE =
            Pattern.compile("\\{\\{resolve:secretsmanager:([^:}]+)(?::SecretString)?(?::[^}]*)?}}");
    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Template template;
    private final Path file;
    private final Map<String, String> secrets;
    private final SecureRandom random = new SecureRandom();

    public LocalSecrets(Template template, Path stateFolder) {
        this.template = template;
        this.file = stateFolder.resolve("local-secrets.json");
        Map<String, String> loaded = new TreeMap<>();
        if (Files.isRegularFile(file)) {
            try {
                loaded.putAll(JSON.readValue(file.toFile(), new TypeReference<Map<String, String>>() {}));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        this.secrets = loaded;
    }

    /** {@code value} with every Secrets Manager dynamic reference to a secret of the template replaced. */
    public synchronized String resolve(String value) {
        if (value == null || !value.contains("{{resolve:secretsmanager:")) {
            return value;
        }
        Matcher matcher = REFERENCE.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String id = matcher.group(1);
            String logicalId = id.contains(":") ? id.substring(id.lastIndexOf(':') + 1) : id;
            String secret = secret(logicalId);
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(secret == null ? matcher.group() : secret));
        }
        matcher.appendTail(resolved);
        return resolved.toString();
    }

    private String secret(String logicalId) {
        if (!"AWS::SecretsManager::Secret".equals(template.typeOf(logicalId))) {
            return null;
        }
        Map<String, Object> properties = template.properties(logicalId);
        if (properties.get("SecretString") instanceof String literal) {
            return literal;
        }
        return secrets.computeIfAbsent(logicalId, id -> {
            String made = generate(Template.asMap(properties.get("GenerateSecretString")));
            save(id, made);
            return made;
        });
    }

    private String generate(Map<String, Object> rules) {
        int length = rules.get("PasswordLength") == null
                ? 32
                : Integer.parseInt(String.valueOf(rules.get("PasswordLength")));
        StringBuilder alphabet = new StringBuilder();
        if (!Boolean.parseBoolean(String.valueOf(rules.get("ExcludeLowercase")))) {
            alphabet.append("abcdefghijklmnopqrstuvwxyz");
        }
        if (!Boolean.parseBoolean(String.valueOf(rules.get("ExcludeUppercase")))) {
            alphabet.append("ABCDEFGHIJKLMNOPQRSTUVWXYZ");
        }
        if (!Boolean.parseBoolean(String.valueOf(rules.get("ExcludeNumbers")))) {
            alphabet.append("0123456789");
        }
        if (!Boolean.parseBoolean(String.valueOf(rules.get("ExcludePunctuation")))) {
            alphabet.append(PUNCTUATION);
        }
        String excluded = rules.get("ExcludeCharacters") == null ? "" : String.valueOf(rules.get("ExcludeCharacters"));
        String chars = alphabet.chars()
                .filter(c -> excluded.indexOf(c) < 0)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        StringBuilder secret = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            secret.append(chars.charAt(random.nextInt(chars.length())));
        }
        return secret.toString();
    }

    private void save(String logicalId, String value) {
        Map<String, String> all = new TreeMap<>(secrets);
        all.put(logicalId, value);
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), "secrets", ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), all);
            Files.move(
                    temporary,
                    file,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
