package io.kubeling.resources.services;

import java.util.List;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceSpecBuilder;
import io.kubeling.registry.validation.FieldError;

/** The services/status subresource: only status changes, and the load balancer status is validated. */
public class ServiceStatusStrategy extends ServiceStrategy {

    public ServiceStatusStrategy() {
    }

    @Override
    public void prepareForUpdate(Service service, Service old) {
        service.setSpec(old.getSpec() == null ? null : new ServiceSpecBuilder(old.getSpec()).build());
        specOf(service);
        ServiceDefaults.ingressIPModes(service);
    }

    @Override
    public List<FieldError> validateUpdate(Service service, Service old) {
        return LoadBalancerStatusValidation.validate(service);
    }
}
