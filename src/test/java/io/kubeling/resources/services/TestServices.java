package io.kubeling.resources.services;

import java.util.List;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.kubeling.registry.validation.FieldError;

final class TestServices {

    private TestServices() {
    }

    static ServiceBuilder service(String type, ServicePort... ports) {
        return new ServiceBuilder().withNewMetadata().withName("web").withNamespace("default").endMetadata()
                .withNewSpec().withType(type).withSelector(java.util.Map.of("app", "web")).withPorts(ports).endSpec();
    }

    static ServicePort port(String name, int port) {
        ServicePort p = new ServicePort();
        p.setName(name);
        p.setPort(port);
        return p;
    }

    static ServicePort port(String name, int port, Object targetPort) {
        ServicePort p = port(name, port);
        p.setTargetPort(new IntOrString(targetPort));
        return p;
    }

    /** What the store does on create: prepare, then validate. */
    static List<String> create(Service service) {
        ServiceStrategy strategy = new ServiceStrategy();
        strategy.applyDefaults(service);
        strategy.prepareForCreate(service);
        return messages(strategy.validate(service));
    }

    static List<String> update(Service service, Service old) {
        ServiceStrategy strategy = new ServiceStrategy();
        strategy.applyDefaults(service);
        strategy.prepareForUpdate(service, old);
        return messages(strategy.validateUpdate(service, old));
    }

    static List<String> messages(List<FieldError> errors) {
        return errors.stream().map(FieldError::toString).toList();
    }
}
