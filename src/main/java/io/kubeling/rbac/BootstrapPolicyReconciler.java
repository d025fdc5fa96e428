package io.kubeling.rbac;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.rbac.AggregationRule;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.kubeling.registry.PostStartHooks;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.WriteOptions;

/**
 * kube-apiserver's rbac/bootstrap-roles hook: creates the bootstrap policy's roles and bindings on start, and
 * reconciles those that exist as kube's reconciliation does: missing labels, annotations, rules, aggregation
 * selectors and subjects are added, nothing a user added is taken away, and an object annotated
 * {@code rbac.authorization.kubernetes.io/autoupdate: "false"} is left as it is. As in kube the hook runs on a
 * thread of its own, and the health checks report {@code poststarthook/rbac/bootstrap-roles} failing until it is
 * done; the start itself ends only once it is. It begins as soon as the registry it writes to exists, while the rest
 * of the server is built, so that its writes are mostly done by the time the lifecycle waits for them.
 */
@Component
// the last runner: it waits for the hook, which the other runners' work does not depend on
@Order(Ordered.LOWEST_PRECEDENCE)
public class BootstrapPolicyReconciler implements SmartLifecycle, ApplicationRunner {

    static final String HOOK = "rbac/bootstrap-roles";
    // writers side by side, so that their creates share the store's group commits instead of one commit each
    private static final int WRITERS = 8;
    private static final Logger log = LoggerFactory.getLogger(BootstrapPolicyReconciler.class);

    private final Registry registry;
    private final CompletableFuture<Void> hook;
    private final CompletableFuture<Void> clusterScope = new CompletableFuture<>();
    private final AtomicBoolean begun = new AtomicBoolean();
    private volatile boolean running;

    public BootstrapPolicyReconciler(Registry registry) {
        this(registry, new PostStartHooks(), false);
    }

    /** The server's hook, which begins at once. */
    @Autowired
    public BootstrapPolicyReconciler(Registry registry, PostStartHooks hooks) {
        this(registry, hooks, true);
    }

    /** The hook of {@code hooks}, begun at once when {@code beginNow}, else at the lifecycle's start. */
    BootstrapPolicyReconciler(Registry registry, PostStartHooks hooks, boolean beginNow) {
        this.registry = registry;
        this.hook = hooks.add(HOOK);
        if (beginNow) {
            begin();
        }
    }

    /**
     * Runs the hook on a thread of its own, once: the cluster roles and bindings first, then the namespaced Roles
     * and bindings. Its writes wait for the store's start, not the caller.
     */
    private void begin() {
        if (!begun.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                BootstrapPolicy policy = BootstrapPolicy.load();
                reconcileClusterScope(policy);
                clusterScope.complete(null);
                reconcileNamespaced(policy);
                hook.complete(null);
            } catch (RuntimeException | Error e) {
                log.error("the bootstrap policy could not be reconciled", e);
                clusterScope.completeExceptionally(e);
                hook.completeExceptionally(e);
            }
        }, "rbac-bootstrap-roles");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Waits for the hook's cluster roles and bindings only, beginning it if it has not begun: they go in before the
     * simulation's components start, as kube-apiserver's hook runs before it is ready for the controller manager, so
     * that no component is refused for want of its role; the namespaced Roles and bindings follow beside the rest of
     * the start.
     */
    @Override
    public void start() {
        running = true;
        begin();
        await(clusterScope);
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }

    /** The start ends once the hook has, or fails with it. */
    @Override
    public void run(ApplicationArguments args) {
        await(hook);
    }

    private static <T> T await(CompletableFuture<T> done) {
        try {
            return done.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    public void reconcile() {
        BootstrapPolicy policy = BootstrapPolicy.load();
        reconcileClusterScope(policy);
        reconcileNamespaced(policy);
    }

    private void reconcileClusterScope(BootstrapPolicy policy) {
        List<Runnable> writes = new ArrayList<>();
        policy.clusterRoles().forEach(r -> writes.add(() -> ensure(registry.store(ClusterRole.class), null, r,
                BootstrapPolicyReconciler::reconcileClusterRole)));
        policy.clusterRoleBindings().forEach(b -> writes.add(() -> ensure(registry.store(ClusterRoleBinding.class),
                null, b, merging(ClusterRoleBinding::getSubjects, ClusterRoleBinding::setSubjects,
                        BootstrapPolicyReconciler::mergedSubjects))));
        runSideBySide(writes);
    }

    private void reconcileNamespaced(BootstrapPolicy policy) {
        List<Runnable> writes = new ArrayList<>();
        policy.roles().forEach(r -> writes.add(() -> ensure(registry.store(Role.class), r.getMetadata().getNamespace(),
                r, merging(Role::getRules, Role::setRules, BootstrapPolicyReconciler::mergedRules))));
        policy.roleBindings().forEach(b -> writes.add(() -> ensure(registry.store(RoleBinding.class),
                b.getMetadata().getNamespace(), b, merging(RoleBinding::getSubjects, RoleBinding::setSubjects,
                        BootstrapPolicyReconciler::mergedSubjects))));
        runSideBySide(writes);
    }

    /** Each write on one of a few threads; the objects are independent, and each write handles its own races. */
    private static void runSideBySide(List<Runnable> writes) {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("rbac-bootstrap-writer-");
        threads.setDaemon(true);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(WRITERS, Math.max(1, writes.size())), threads);
        try {
            await(CompletableFuture.allOf(writes.stream().map(w -> CompletableFuture.runAsync(w, pool))
                    .toArray(CompletableFuture[]::new)));
        } finally {
            pool.shutdown();
        }
    }

    /** Reconciles one list field: the merge gives the list to store, or null when the existing one holds it all. */
    private static <T, E> BiFunction<T, T, Boolean> merging(Function<T, List<E>> get, BiConsumer<T, List<E>> set,
            BinaryOperator<List<E>> merge) {
        return (existing, expected) -> {
            List<E> merged = merge.apply(get.apply(existing), get.apply(expected));
            if (merged == null) {
                return false;
            }
            set.accept(existing, merged);
            return true;
        };
    }

    private static boolean reconcileClusterRole(ClusterRole existing, ClusterRole expected) {
        boolean changed = false;
        // aggregated roles keep what the aggregation controller put in them
        List<PolicyRule> rules = mergedRules(existing.getRules(), expected.getRules());
        if (rules != null) {
            existing.setRules(rules);
            changed = true;
        }
        if (expected.getAggregationRule() != null) {
            List<LabelSelector> selectors = new ArrayList<>(existing.getAggregationRule() == null ? List.of()
                    : PolicyRules.list(existing.getAggregationRule().getClusterRoleSelectors()));
            for (LabelSelector s : expected.getAggregationRule().getClusterRoleSelectors()) {
                if (!selectors.contains(s)) {
                    selectors.add(s);
                    changed = true;
                }
            }
            if (changed) {
                existing.setAggregationRule(new AggregationRule(selectors));
            }
        }
        return changed;
    }

    /** The existing rules with the expected ones they do not cover, broken down as kube adds them; null if none. */
    private static List<PolicyRule> mergedRules(List<PolicyRule> existing, List<PolicyRule> expected) {
        List<PolicyRule> missing = PolicyRules.uncovered(PolicyRules.list(existing), PolicyRules.list(expected));
        if (missing.isEmpty()) {
            return null;
        }
        List<PolicyRule> rules = new ArrayList<>(PolicyRules.list(existing));
        rules.addAll(missing);
        return rules;
    }

    /** The existing subjects with the expected ones they lack; null if none. */
    private static List<Subject> mergedSubjects(List<Subject> existing, List<Subject> expected) {
        List<Subject> subjects = new ArrayList<>(PolicyRules.list(existing));
        boolean added = false;
        for (Subject s : PolicyRules.list(expected)) {
            if (!subjects.contains(s)) {
                subjects.add(s);
                added = true;
            }
        }
        return added ? subjects : null;
    }

    private <T extends HasMetadata> void ensure(ResourceStore<T> store, String namespace, T expected,
            BiFunction<T, T, Boolean> reconcile) {
        String name = expected.getMetadata().getName();
        T existing;
        try {
            existing = store.get(namespace, name);
        } catch (StatusException missing) {
            if (missing.code() != 404) {
                throw missing;
            }
            if (namespace != null) {
                ensureNamespace(namespace);
            }
            try {
                store.create(namespace, copy(store, expected), WriteOptions.DEFAULT);
            } catch (StatusException raced) {
                if (raced.code() != 409) {
                    throw raced;
                }
            }
            return;
        }
        if ("false".equals(annotations(existing).get(BootstrapPolicy.AUTOUPDATE))) {
            return;
        }
        T copy = existing;
        Map<String, String> labels = merged(expected.getMetadata().getLabels(), existing.getMetadata().getLabels());
        Map<String, String> annotations = merged(expected.getMetadata().getAnnotations(), annotations(existing));
        boolean changed = !labels.equals(Objects.requireNonNullElse(existing.getMetadata().getLabels(), Map.of()))
                || !annotations.equals(annotations(existing));
        copy.getMetadata().setLabels(labels);
        copy.getMetadata().setAnnotations(annotations);
        changed |= reconcile.apply(copy, copy(store, expected));
        if (changed) {
            try {
                store.update(namespace, name, null, current -> copy, WriteOptions.DEFAULT);
            } catch (StatusException conflict) {
                if (conflict.code() != 409) {
                    throw conflict;
                }
            }
        }
    }

    /**
     * kube's tryEnsureNamespace: the hook may run before the system namespaces are made, so it makes the namespace
     * of a Role it creates when the namespace is not there yet.
     */
    private void ensureNamespace(String name) {
        ResourceStore<Namespace> namespaces = registry.store(Namespace.class);
        try {
            namespaces.get(null, name);
        } catch (StatusException missing) {
            if (missing.code() != 404) {
                throw missing;
            }
            try {
                namespaces.create(null, new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build(),
                        WriteOptions.DEFAULT);
            } catch (StatusException raced) {
                if (raced.code() != 409) {
                    throw raced;
                }
            }
        }
    }

    /** The expected values, under the existing ones, which win. */
    private static Map<String, String> merged(Map<String, String> expected, Map<String, String> existing) {
        Map<String, String> merged = new LinkedHashMap<>(Objects.requireNonNullElse(expected, Map.of()));
        merged.putAll(Objects.requireNonNullElse(existing, Map.of()));
        return merged;
    }

    private static Map<String, String> annotations(HasMetadata object) {
        return Objects.requireNonNullElse(object.getMetadata().getAnnotations(), Map.of());
    }

    /** A copy through the kind's builder, so that the policy's own objects are never handed to the store. */
    @SuppressWarnings("unchecked")
    private static <T extends HasMetadata> T copy(ResourceStore<T> store, T object) {
        if (object instanceof ClusterRole r) {
            return (T) new ClusterRoleBuilder(r).build();
        }
        if (object instanceof ClusterRoleBinding b) {
            return (T) new ClusterRoleBindingBuilder(b).build();
        }
        if (object instanceof Role r) {
            return (T) new RoleBuilder(r).build();
        }
        return (T) new RoleBindingBuilder((RoleBinding) object).build();
    }
}
