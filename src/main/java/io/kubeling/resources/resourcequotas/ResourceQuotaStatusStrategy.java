package io.kubeling.resources.resourcequotas;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaStatus;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;

/** resourcequotas/status: only the status changes; hard and used are quota resource lists. */
class ResourceQuotaStatusStrategy implements Strategy<ResourceQuota> {

    @Override
    public void prepareForUpdate(ResourceQuota quota, ResourceQuota old) {
        quota.setSpec(old.getSpec());
        if (quota.getStatus() == null) {
            quota.setStatus(new ResourceQuotaStatus());
        }
    }

    @Override
    public List<FieldError> validateUpdate(ResourceQuota quota, ResourceQuota old) {
        List<FieldError> errs = new ArrayList<>();
        QuotaValidation.resources(errs, quota.getStatus().getHard(), "status.hard");
        QuotaValidation.resources(errs, quota.getStatus().getUsed(), "status.used");
        return errs;
    }
}
