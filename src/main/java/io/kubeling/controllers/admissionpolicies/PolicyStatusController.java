package io.kubeling.controllers.admissionpolicies;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.TypeChecking;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyStatus;
import io.kubeling.controllers.ChangeFeed;
import io.kubeling.controllers.Managers;
import io.kubeling.controllers.WorkQueue;
import io.kubeling.registry.Registry;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.WriteOptions;

/**
 * kube's validatingadmissionpolicy-status controller: each new generation of a policy gets its status written,
 * {@code observedGeneration} and the type checking of its expressions. Kubeling checks expressions only as kube
 * does at write time (the objects dynamic), so the type checking reports no warnings.
 */
@Component
class PolicyStatusController implements SmartLifecycle {

    private static final WriteOptions MANAGER = new WriteOptions(false,
            "validatingadmissionpolicy-status", Managers.controller("validatingadmissionpolicy-status-controller").user());

    private final Registry registry;
    private final ChangeFeed feed;
    private final WorkQueue queue = new WorkQueue("validatingadmissionpolicy-status", this::sync);
    private volatile ChangeFeed.Subscription policies;

    PolicyStatusController(Registry registry, ChangeFeed feed) {
        this.registry = registry;
        this.feed = feed;
    }

    @Override
    public void start() {
        queue.start();
        policies = feed.subscribe(ValidatingAdmissionPolicy.class, change -> {
            if (!change.deleted() && behind(change.object())) {
                queue.add(change.object().getMetadata().getName());
            }
        });
        for (ValidatingAdmissionPolicy policy : registry.store(ValidatingAdmissionPolicy.class).peekAll()) {
            if (behind(policy)) {
                queue.add(policy.getMetadata().getName());
            }
        }
    }

    @Override
    public void stop() {
        if (policies != null) {
            policies.close();
        }
        queue.stop();
    }

    @Override
    public boolean isRunning() {
        return queue.isRunning();
    }

    private static boolean behind(ValidatingAdmissionPolicy policy) {
        Long generation = policy.getMetadata().getGeneration();
        Long observed = policy.getStatus() == null ? null : policy.getStatus().getObservedGeneration();
        return generation != null && (observed == null || observed < generation);
    }

    private void sync(String name) {
        try {
            registry.store(ValidatingAdmissionPolicy.class).update(null, name, "status", current -> {
                if (!behind(current)) {
                    return current;
                }
                ValidatingAdmissionPolicyStatus status = current.getStatus() == null
                        ? new ValidatingAdmissionPolicyStatus() : current.getStatus();
                status.setObservedGeneration(current.getMetadata().getGeneration());
                status.setTypeChecking(new TypeChecking());
                current.setStatus(status);
                return current;
            }, MANAGER);
        } catch (StatusException e) {
            if (e.code() != 404 && e.code() != 409) {
                throw e;
            }
        }
    }
}
