package dev.groundwork.local.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * One function's class loader, as a Lambda container has one: the function's classes and jars, the JDK, and the
 * runtime contract ({@code com.amazonaws.services.lambda.runtime.Context} and friends) that Lambda's runtime provides.
 * Nothing else of the runner is visible, so static state, library versions and configuration are the function's own.
 * Every {@code System.getenv} call in the classes it defines is redirected to {@link FunctionEnvironment}.
 */
final class FunctionClassLoader extends URLClassLoader {

    /** The runner's CRaC implementation, which {@code org.crac} in a function binds to (SnapStartLifecycle). */
    static final String CRAC_PACKAGE = "dev.groundwork.local.lambda.crac.";

    static {
        registerAsParallelCapable();
        // As Lambda's java21 runtime binds org.crac to its own CRaC implementation (-Dorg.crac.Core.Compat=
        // com.amazonaws.services.lambda.crac), the runner binds it to its stand-in, which each function loader
        // defines for itself. org.crac reads the property once, when a function first loads org.crac.Core.
        if (System.getProperty("org.crac.Core.Compat") == null) {
            System.setProperty("org.crac.Core.Compat", CRAC_PACKAGE.substring(0, CRAC_PACKAGE.length() - 1));
        }
    }

    private static final String RUNTIME_PACKAGE = "com.amazonaws.services.lambda.runtime.";
    private static final String ENVIRONMENT_CLASS = FunctionEnvironment.class.getName();
    private static final String ENVIRONMENT_INTERNAL_NAME = ENVIRONMENT_CLASS.replace('.', '/');
    private static final byte[] GETENV = "getenv".getBytes(StandardCharsets.US_ASCII);

    private final ClassLoader runtimeLoader = com.amazonaws.services.lambda.runtime.Context.class.getClassLoader();
    private final Map<URL, ProtectionDomain> domains = new ConcurrentHashMap<>();

    FunctionClassLoader(String functionName, URL[] classPath) {
        super("function:" + functionName, classPath, ClassLoader.getPlatformClassLoader());
    }

    /** Sets what System.getenv answers inside this loader. */
    void environment(Map<String, String> environment) {
        try {
            loadClass(ENVIRONMENT_CLASS).getMethod("set", Map.class).invoke(null, environment);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot set the function's environment", e);
        }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                if (isRuntimeContract(name)) {
                    loaded = runtimeLoader.loadClass(name);
                } else if (name.equals(ENVIRONMENT_CLASS) || name.startsWith(CRAC_PACKAGE)) {
                    byte[] bytes = readRunnerClass(name);
                    loaded = defineClass(name, bytes, 0, bytes.length);
                } else if (name.startsWith("java.")) {
                    loaded = getParent().loadClass(name);
                } else {
                    try {
                        loaded = findClass(name);
                    } catch (ClassNotFoundException notOurs) {
                        loaded = getParent().loadClass(name);
                    }
                }
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    /** Lambda's runtime provides aws-lambda-java-core's two packages; the events and everything else are the function's. */
    private static boolean isRuntimeContract(String name) {
        if (!name.startsWith(RUNTIME_PACKAGE)) {
            return false;
        }
        String rest = name.substring(RUNTIME_PACKAGE.length());
        return rest.indexOf('.') < 0 || rest.startsWith("logging.") && rest.indexOf('.', 8) < 0;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        String path = name.replace('.', '/') + ".class";
        URL url = findResource(path);
        if (url == null) {
            throw new ClassNotFoundException(name);
        }
        byte[] bytes;
        try (InputStream in = url.openStream()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
        if (contains(bytes, GETENV)) {
            bytes = redirectGetenv(bytes);
        }
        int lastDot = name.lastIndexOf('.');
        if (lastDot > 0) {
            String packageName = name.substring(0, lastDot);
            if (getDefinedPackage(packageName) == null) {
                try {
                    definePackage(packageName, null, null, null, null, null, null, null);
                } catch (IllegalArgumentException definedMeanwhile) {
                    // another thread defined it first: fine
                }
            }
        }
        return defineClass(name, bytes, 0, bytes.length, domainOf(url, path));
    }

    private ProtectionDomain domainOf(URL classUrl, String path) {
        String text = classUrl.toString();
        String base = text.substring(0, text.length() - path.length());
        try {
            URL location = new URL(base.startsWith("jar:") ? base.substring(4, base.length() - 2) : base);
            return domains.computeIfAbsent(
                    location, key -> new ProtectionDomain(new CodeSource(key, (Certificate[]) null), null, this, null));
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] redirectGetenv(byte[] bytes) {
        ClassReader reader = new ClassReader(bytes);
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(
                new ClassVisitor(Opcodes.ASM9, writer) {
                    @Override
                    public MethodVisitor visitMethod(
                            int access, String name, String descriptor, String signature, String[] exceptions) {
                        return new MethodVisitor(
                                Opcodes.ASM9, super.visitMethod(access, name, descriptor, signature, exceptions)) {
                            @Override
                            public void visitMethodInsn(
                                    int opcode, String owner, String method, String desc, boolean isInterface) {
                                if (opcode == Opcodes.INVOKESTATIC
                                        && owner.equals("java/lang/System")
                                        && method.equals("getenv")) {
                                    super.visitMethodInsn(opcode, ENVIRONMENT_INTERNAL_NAME, method, desc, false);
                                } else {
                                    super.visitMethodInsn(opcode, owner, method, desc, isInterface);
                                }
                            }
                        };
                    }
                },
                0);
        return writer.toByteArray();
    }

    private static byte[] readRunnerClass(String name) {
        try (InputStream in =
                FunctionClassLoader.class.getClassLoader().getResourceAsStream(name.replace('.', '/') + ".class")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
