package io.kubeling.resources.services;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.LoadBalancerStatus;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.ServiceStatus;
import io.fabric8.kubernetes.api.model.ServiceStatusBuilder;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;

/**
 * Kube's rules for services (pkg/registry/core/service and the parts of its storage that run before
 * validation): v1 defaults, cluster IP field normalization, IP family defaults, and validation. Allocating
 * cluster IPs and node ports is not done here.
 */
public class ServiceStrategy implements Strategy<Service> {

    public ServiceStrategy() {
    }

    @Override
    public NameRule nameRule() {
        return NameRule.DNS1035_LABEL;
    }

    @Override
    public boolean allowCreateOnUpdate() {
        return true;
    }

    @Override
    public boolean returnDeletedObject() {
        return true;
    }

    @Override
    public void applyDefaults(Service service) {
        specOf(service);
        ServiceDefaults.apply(service);
    }

    /** What kube's REST storage fills in: cluster IPs and their families, an empty status. */
    @Override
    public void prepareForCreate(Service service) {
        ServiceSpec spec = specOf(service);
        ClusterIPs.normalizeOnCreate(spec);
        IPFamilyDefaults.apply(spec, null);
        service.setStatus(new ServiceStatus(new ArrayList<>(), new LoadBalancerStatus()));
    }

    @Override
    public void prepareForUpdate(Service service, Service old) {
        ServiceSpec spec = specOf(service);
        ServiceSpec oldSpec = storedSpecOf(old);
        AllocatedValues.keepFromOld(spec, oldSpec);
        ClusterIPs.normalizeOnUpdate(spec, oldSpec);
        IPFamilyDefaults.apply(spec, oldSpec);
        service.setStatus(old.getStatus() == null ? new ServiceStatus(new ArrayList<>(), new LoadBalancerStatus())
                : new ServiceStatusBuilder(old.getStatus()).build());
        TypeDependentFields.drop(service, old);
    }

    @Override
    public List<FieldError> validate(Service service) {
        return ServiceValidation.validate(service);
    }

    @Override
    public List<FieldError> validateUpdate(Service service, Service old) {
        List<FieldError> errors = new ArrayList<>(ServiceUpdateValidation.validate(specOf(service),
                storedSpecOf(old)));
        errors.addAll(ServiceValidation.validate(service));
        return errors;
    }

    @Override
    public Map<String, String> selectableFields(Service service) {
        Map<String, String> fields = new HashMap<>();
        ServiceSpec spec = service.getSpec();
        fields.put("spec.clusterIP", spec == null ? "" : ZeroValues.text(spec.getClusterIP()));
        fields.put("spec.type", spec == null ? "" : ZeroValues.text(spec.getType()));
        return fields;
    }

    /** The spec of a stored service, which is shared and so left as it is: an empty one when it has none. */
    private static ServiceSpec storedSpecOf(Service old) {
        return old.getSpec() == null ? new ServiceSpec() : old.getSpec();
    }

    static ServiceSpec specOf(Service service) {
        if (service.getSpec() == null) {
            service.setSpec(new ServiceSpec());
        }
        return service.getSpec();
    }
}
