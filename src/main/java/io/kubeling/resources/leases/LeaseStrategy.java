package io.kubeling.resources.leases;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;

/** kube's lease strategy: a spec only, checked as ValidateLeaseSpec does. */
class LeaseStrategy implements Strategy<Lease> {

    private static final List<String> STRATEGIES = List.of("OldestEmulationVersion");

    @Override
    public List<FieldError> validate(Lease lease) {
        LeaseSpec spec = lease.getSpec() == null ? new LeaseSpec() : lease.getSpec();
        List<FieldError> errs = new ArrayList<>();
        if (spec.getLeaseDurationSeconds() != null && spec.getLeaseDurationSeconds() <= 0) {
            errs.add(FieldError.invalid("spec.leaseDurationSeconds", spec.getLeaseDurationSeconds(),
                    "must be greater than 0"));
        }
        if (spec.getLeaseTransitions() != null && spec.getLeaseTransitions() < 0) {
            errs.add(FieldError.invalid("spec.leaseTransitions", spec.getLeaseTransitions(),
                    "must be greater than or equal to 0"));
        }
        String strategy = spec.getStrategy();
        if (strategy != null && !strategy.isEmpty() && !STRATEGIES.contains(strategy)) {
            errs.add(FieldError.notSupported("spec.strategy", strategy, STRATEGIES));
        }
        if (spec.getPreferredHolder() != null && !spec.getPreferredHolder().isEmpty()
                && (strategy == null || strategy.isEmpty())) {
            errs.add(FieldError.forbidden("spec.preferredHolder", "may only be specified if `strategy` is defined"));
        }
        return errs;
    }
}
