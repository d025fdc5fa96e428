package io.kubeling.admission;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceStore;

/**
 * The stored policies that have bindings, each compiled once per version, with its bindings; policies and
 * bindings in name order. Kept while neither store has committed a write since, which it counts before the write
 * returns, so a policy or binding applies from the moment its write returns; otherwise read again from the stores'
 * shared objects, recompiling only the policies that changed.
 */
final class PolicySource {

    /** A policy and the bindings that name it. */
    record Hook(CompiledPolicy policy, List<ValidatingAdmissionPolicyBinding> bindings) {
    }

    private record Snapshot(ResourceStore<?> policies, long policyWrites, ResourceStore<?> bindings,
            long bindingWrites, List<String> versions, List<Hook> hooks, Map<String, CompiledPolicy> compiled) {
        static final Snapshot EMPTY = new Snapshot(null, -1, null, -1, List.of(), List.of(), Map.of());

        boolean current(ResourceStore<?> policyStore, long policyCount, ResourceStore<?> bindingStore,
                long bindingCount) {
            return policies == policyStore && bindings == bindingStore && policyWrites == policyCount
                    && bindingWrites == bindingCount;
        }
    }

    private final Supplier<Registry> registry;
    private volatile Snapshot last = Snapshot.EMPTY;

    PolicySource(Supplier<Registry> registry) {
        this.registry = registry;
    }

    List<Hook> hooks() {
        ResourceStore<ValidatingAdmissionPolicy> policies;
        ResourceStore<ValidatingAdmissionPolicyBinding> bindings;
        try {
            policies = registry.get().store(ValidatingAdmissionPolicy.class);
            bindings = registry.get().store(ValidatingAdmissionPolicyBinding.class);
        } catch (IllegalArgumentException notServed) {
            return List.of();
        }
        // counted before listing: a write in between makes the next request list again
        long policyWrites = policies.writes();
        long bindingWrites = bindings.writes();
        Snapshot current = last;
        if (current.current(policies, policyWrites, bindings, bindingWrites)) {
            return current.hooks();
        }
        List<ValidatingAdmissionPolicyBinding> allBindings = bindings.peekAll();
        List<ValidatingAdmissionPolicy> allPolicies = allBindings.isEmpty() ? List.of() : policies.peekAll();
        List<String> versions = new ArrayList<>();
        allPolicies.forEach(p -> versions.add("p/" + p.getMetadata().getName() + "@"
                + p.getMetadata().getResourceVersion()));
        allBindings.forEach(b -> versions.add("b/" + b.getMetadata().getName() + "@"
                + b.getMetadata().getResourceVersion()));
        if (versions.equals(current.versions())) {
            last = new Snapshot(policies, policyWrites, bindings, bindingWrites, current.versions(),
                    current.hooks(), current.compiled());
            return current.hooks();
        }
        Map<String, List<ValidatingAdmissionPolicyBinding>> byPolicy = new HashMap<>();
        for (ValidatingAdmissionPolicyBinding binding : allBindings) {
            String policyName = binding.getSpec() == null ? null : binding.getSpec().getPolicyName();
            if (policyName != null) {
                byPolicy.computeIfAbsent(policyName, k -> new ArrayList<>()).add(binding);
            }
        }
        Map<String, CompiledPolicy> compiled = new HashMap<>();
        List<Hook> hooks = new ArrayList<>();
        List<ValidatingAdmissionPolicy> sorted = new ArrayList<>(allPolicies);
        sorted.sort(Comparator.comparing(p -> p.getMetadata().getName()));
        for (ValidatingAdmissionPolicy policy : sorted) {
            List<ValidatingAdmissionPolicyBinding> bound = byPolicy.get(policy.getMetadata().getName());
            if (bound == null) {
                continue;
            }
            // a status write leaves the spec and its generation alone, and the compiled policy with them
            String key = policy.getMetadata().getUid() + "@" + (policy.getMetadata().getGeneration() == null
                    ? "r" + policy.getMetadata().getResourceVersion() : policy.getMetadata().getGeneration());
            CompiledPolicy policyCode = current.compiled().get(key);
            if (policyCode == null) {
                policyCode = CompiledPolicy.compile(policy);
            }
            compiled.put(key, policyCode);
            bound.sort(Comparator.comparing(b -> b.getMetadata().getName()));
            hooks.add(new Hook(policyCode, List.copyOf(bound)));
        }
        Snapshot next = new Snapshot(policies, policyWrites, bindings, bindingWrites, List.copyOf(versions),
                List.copyOf(hooks), Map.copyOf(compiled));
        last = next;
        return next.hooks();
    }
}
