package io.kubeling.resources.services;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.registry.validation.Names;
import io.kubeling.resources.common.NetworkSyntax;

/** Kube's checks of spec.ports: each port on its own (validateServicePort), then the ports against each other. */
final class ServicePortValidation {

    private static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");

    private ServicePortValidation() {
    }

    static List<FieldError> eachPort(ServiceSpec spec) {
        List<FieldError> errors = new ArrayList<>();
        List<ServicePort> ports = ZeroValues.of(spec.getPorts());
        Set<String> names = new HashSet<>();
        boolean nameRequired = ports.size() > 1;
        for (int i = 0; i < ports.size(); i++) {
            ServicePort port = ports.get(i);
            String path = "spec.ports[" + i + "]";
            String name = ZeroValues.text(port.getName());
            if (nameRequired && name.isEmpty()) {
                errors.add(FieldError.required(path + ".name", ""));
            } else if (!name.isEmpty()) {
                // Kube checks a service port name as a DNS label (an endpoint port name), not as an IANA name.
                for (String message : Names.dns1123Label(name)) {
                    errors.add(FieldError.invalid(path + ".name", name, message));
                }
                if (!names.add(name)) {
                    errors.add(FieldError.duplicate(path + ".name", name));
                }
            }
            int number = ZeroValues.number(port.getPort());
            if (!ValidationMessages.isValidPort(number)) {
                errors.add(FieldError.invalid(path + ".port", number, ValidationMessages.PORT_RANGE));
            }
            String protocol = ZeroValues.text(port.getProtocol());
            if (protocol.isEmpty()) {
                errors.add(FieldError.required(path + ".protocol", ""));
            } else if (!PROTOCOLS.contains(protocol)) {
                errors.add(FieldError.notSupported(path + ".protocol", protocol, PROTOCOLS));
            }
            errors.addAll(targetPort(port.getTargetPort(), path + ".targetPort"));
            if (port.getAppProtocol() != null) {
                for (String message : Names.qualifiedName(port.getAppProtocol())) {
                    errors.add(FieldError.invalid(path + ".appProtocol", port.getAppProtocol(), message));
                }
            }
        }
        return errors;
    }

    /** Node ports on ClusterIP services, then duplicate node ports and ports, each keyed with the protocol. */
    static List<FieldError> acrossPorts(ServiceSpec spec) {
        List<FieldError> errors = new ArrayList<>();
        List<ServicePort> ports = ZeroValues.of(spec.getPorts());
        if (ServiceTypes.is(spec, ServiceTypes.CLUSTER_IP)) {
            for (int i = 0; i < ports.size(); i++) {
                if (ZeroValues.number(ports.get(i).getNodePort()) != 0) {
                    errors.add(FieldError.forbidden("spec.ports[" + i + "].nodePort",
                            "may not be used when `type` is 'ClusterIP'"));
                }
            }
        }
        Set<String> nodePorts = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            int nodePort = ZeroValues.number(ports.get(i).getNodePort());
            if (nodePort != 0 && !nodePorts.add(ZeroValues.text(ports.get(i).getProtocol()) + "/" + nodePort)) {
                errors.add(FieldError.duplicate("spec.ports[" + i + "].nodePort", nodePort));
            }
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            String protocol = ZeroValues.text(ports.get(i).getProtocol());
            int number = ZeroValues.number(ports.get(i).getPort());
            if (!seen.add(protocol + "/" + number)) {
                errors.add(FieldError.duplicate("spec.ports[" + i + "]", GoValue.servicePortKey(protocol, number)));
            }
        }
        return errors;
    }

    /** Kube's ValidatePortNumOrName: a port number, or an IANA service name. */
    private static List<FieldError> targetPort(IntOrString targetPort, String path) {
        List<FieldError> errors = new ArrayList<>();
        String name = targetPort == null ? null : targetPort.getStrVal();
        if (name != null) {
            for (String message : NetworkSyntax.portName(name)) {
                errors.add(FieldError.invalid(path, name, message));
            }
            return errors;
        }
        int number = targetPort == null || targetPort.getIntVal() == null ? 0 : targetPort.getIntVal();
        if (!ValidationMessages.isValidPort(number)) {
            errors.add(FieldError.invalid(path, number, ValidationMessages.PORT_RANGE));
        }
        return errors;
    }}
