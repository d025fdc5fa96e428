package io.kubeling.resources.resourcequotas;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaSpec;
import io.fabric8.kubernetes.api.model.ResourceQuotaStatus;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;

/** kube's resourcequotaStrategy: an empty status on create, kept on update, ValidateResourceQuota. */
class ResourceQuotaStrategy implements Strategy<ResourceQuota> {

    @Override
    public void prepareForCreate(ResourceQuota quota) {
        if (quota.getSpec() == null) {
            quota.setSpec(new ResourceQuotaSpec());
        }
        quota.setStatus(new ResourceQuotaStatus());
    }

    @Override
    public List<FieldError> validate(ResourceQuota quota) {
        List<FieldError> errs = new ArrayList<>();
        QuotaValidation.spec(errs, quota.getSpec());
        if (quota.getStatus() != null) {
            QuotaValidation.resources(errs, quota.getStatus().getHard(), "status.hard");
            QuotaValidation.resources(errs, quota.getStatus().getUsed(), "status.used");
        }
        return errs;
    }

    @Override
    public void prepareForUpdate(ResourceQuota quota, ResourceQuota old) {
        if (quota.getSpec() == null) {
            quota.setSpec(new ResourceQuotaSpec());
        }
        quota.setStatus(old.getStatus());
    }

    @Override
    public List<FieldError> validateUpdate(ResourceQuota quota, ResourceQuota old) {
        List<FieldError> errs = validate(quota);
        List<String> scopes = quota.getSpec().getScopes() == null ? List.of() : quota.getSpec().getScopes();
        List<String> oldScopes = old.getSpec().getScopes() == null ? List.of() : old.getSpec().getScopes();
        if (!new java.util.HashSet<>(scopes).equals(new java.util.HashSet<>(oldScopes))) {
            errs.add(FieldError.invalid("spec.scopes", scopes.toString(), "field is immutable"));
        }
        return errs;
    }
}
