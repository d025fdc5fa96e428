package io.kubeling.junit;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the servers {@link EnableKubeling} asks for, injects what tests use, and makes and deletes their namespaces.
 * Uses only JUnit's API and the JDK, and the client libraries only when a test asks for their clients, so that it
 * runs on whatever class path the test has.
 */
public final class KubelingExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {

    static final String FABRIC8_CLIENT = "io.fabric8.kubernetes.client.KubernetesClient";
    static final String OFFICIAL_CLIENT = "io.kubernetes.client.openapi.ApiClient";
    private static final String KUBECONFIG_PROPERTY = "kubeconfig";
    private static final String NAMESPACE_PROPERTY = "kubernetes.namespace";
    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(KubelingExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        // a nested class without an annotation of its own uses its enclosing class's server
        EnableKubeling annotation = context.getRequiredTestClass().getAnnotation(EnableKubeling.class);
        if (annotation != null) {
            KubelingServer server = serverFor(context, ServerSettings.of(annotation));
            context.getStore(STORE).put("server", server);
            setProperty(context, KUBECONFIG_PROPERTY, server.kubeconfig().toString());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        restoreProperties(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IllegalAccessException {
        EnableKubeling onMethod = context.getRequiredTestMethod().getAnnotation(EnableKubeling.class);
        if (onMethod != null) {
            KubelingServer server = serverFor(context, ServerSettings.of(onMethod));
            context.getStore(STORE).put("server", server);
            setProperty(context, KUBECONFIG_PROPERTY, server.kubeconfig().toString());
        }
        EnableKubeling settings = onMethod != null ? onMethod
                : classAnnotation(context.getRequiredTestClass()).orElse(null);
        if (settings == null) {
            return;
        }
        if (settings.namespacePerTest()) {
            String namespace = createNamespace(server(context), context);
            context.getStore(STORE).put("namespace", namespace);
            setProperty(context, NAMESPACE_PROPERTY, namespace);
        }
        injectFields(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        String namespace = context.getStore(STORE).get("namespace", String.class);
        if (namespace != null) {
            try {
                server(context).call("DELETE", "/api/v1/namespaces/" + namespace, null);
            } catch (RuntimeException e) {
                // the server is gone or the namespace is: nothing left to clean
            }
        }
        restoreProperties(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Parameter p = parameter.getParameter();
        return wanted(p.getType(), p);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Parameter p = parameter.getParameter();
        return valueFor(p.getType(), context, p.getName());
    }

    private static boolean wanted(Class<?> type, AnnotatedElement element) {
        String name = type.getName();
        boolean plain = element.getAnnotations().length == 0;
        return type == KubelingServer.class || name.equals(FABRIC8_CLIENT) || name.equals(OFFICIAL_CLIENT)
                || (plain && (type == URI.class || type == Path.class))
                || (type == String.class && element.isAnnotationPresent(TestNamespace.class));
    }

    private Object valueFor(Class<?> type, ExtensionContext context, String what) {
        KubelingServer server = server(context);
        String name = type.getName();
        if (type == KubelingServer.class) {
            return server;
        }
        if (type == URI.class) {
            return server.url();
        }
        if (type == Path.class) {
            return server.kubeconfig();
        }
        if (type == String.class) {
            String namespace = context.getStore(STORE).get("namespace", String.class);
            if (namespace == null) {
                throw new ParameterResolutionException("no namespace for " + what + ": a @TestNamespace exists "
                        + "only in a test (not a class-wide method) with @EnableKubeling(namespacePerTest = true)");
            }
            return namespace;
        }
        String namespace = context.getStore(STORE).get("namespace", String.class);
        if (name.equals(FABRIC8_CLIENT)) {
            AutoCloseable client = Fabric8Client.create(server.kubeconfig(), namespace);
            context.getStore(STORE).put("client-" + UUID.randomUUID(), new Closer(client));
            return client;
        }
        if (name.equals(OFFICIAL_CLIENT)) {
            return OfficialClient.create(server.kubeconfig());
        }
        throw new ParameterResolutionException("Kubeling cannot inject " + type);
    }

    private void injectFields(ExtensionContext context) throws IllegalAccessException {
        Object instance = context.getRequiredTestInstance();
        for (Class<?> c = instance.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                // by type only what cannot be meant otherwise: a URI or Path field may be the test's own
                if (Modifier.isStatic(field.getModifiers()) || Modifier.isFinal(field.getModifiers())
                        || !wanted(field.getType(), field) || field.getType() == Path.class
                        || field.getType() == URI.class) {
                    continue;
                }
                if (field.getType() == String.class && context.getStore(STORE).get("namespace") == null) {
                    continue;
                }
                field.setAccessible(true);
                field.set(instance, valueFor(field.getType(), context, field.getName()));
            }
        }
    }

    /** The server of the innermost context that has one: the method's, the class's, an enclosing class's. */
    private static KubelingServer server(ExtensionContext context) {
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            KubelingServer server = c.getStore(STORE).get("server", KubelingServer.class);
            if (server != null) {
                return server;
            }
        }
        throw new ParameterResolutionException("no Kubeling server here: annotate the class or method with "
                + "@EnableKubeling");
    }

    private static KubelingServer serverFor(ExtensionContext context, ServerSettings settings) {
        if (settings.shared()) {
            ExtensionContext.Store root = context.getRoot().getStore(STORE);
            return root.getOrComputeIfAbsent(settings, s -> new Closer(KubelingServer.start(settings.arguments())),
                    Closer.class).server();
        }
        KubelingServer server = KubelingServer.start(settings.arguments());
        context.getStore(STORE).put("closer", new Closer(server));
        return server;
    }

    private static Optional<EnableKubeling> classAnnotation(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            EnableKubeling annotation = c.getAnnotation(EnableKubeling.class);
            if (annotation != null) {
                return Optional.of(annotation);
            }
        }
        return Optional.empty();
    }

    private static String createNamespace(KubelingServer server, ExtensionContext context) {
        String base = context.getTestMethod().map(m -> m.getName()).orElse("test").toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (base.length() > 40) {
            base = base.substring(0, 40).replaceAll("-+$", "");
        }
        String name = (base.isEmpty() ? "test" : base) + "-" + UUID.randomUUID().toString().substring(0, 6);
        server.call("POST", "/api/v1/namespaces",
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + name + "\"}}");
        return name;
    }

    @SuppressWarnings("unchecked")
    private static void setProperty(ExtensionContext context, String key, String value) {
        Map<String, String> saved = context.getStore(STORE).getOrComputeIfAbsent("saved-properties",
                k -> new HashMap<String, String>(), Map.class);
        if (!saved.containsKey(key)) {
            saved.put(key, System.getProperty(key));
        }
        System.setProperty(key, value);
    }

    @SuppressWarnings("unchecked")
    private static void restoreProperties(ExtensionContext context) {
        Map<String, String> saved = context.getStore(STORE).remove("saved-properties", Map.class);
        if (saved == null) {
            return;
        }
        saved.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
    }

    /** Closes what it holds when JUnit closes its context's store. */
    private static final class Closer implements ExtensionContext.Store.CloseableResource {
        private final AutoCloseable closeable;
        private boolean closed;

        Closer(AutoCloseable closeable) {
            this.closeable = closeable;
        }

        KubelingServer server() {
            return (KubelingServer) closeable;
        }

        @Override
        public synchronized void close() throws Exception {
            if (!closed) {
                closed = true;
                closeable.close();
            }
        }
    }
}
