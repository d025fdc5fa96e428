package io.kubeling.resources.endpoints;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.resources.common.EndpointRules;

/** Kube's rules for v1 Endpoints (pkg/apis/core/validation ValidateEndpoints): addresses and ports of each subset. */
public class EndpointsStrategy implements Strategy<Endpoints> {

    public EndpointsStrategy() {
    }

    /** Kube's SetDefaults_EndpointPort: a port without a protocol is TCP. */
    @Override
    public void applyDefaults(Endpoints endpoints) {
        for (EndpointSubset subset : endpoints.getSubsets() == null ? List.<EndpointSubset>of() : endpoints.getSubsets()) {
            for (EndpointPort port : subset == null || subset.getPorts() == null ? List.<EndpointPort>of() : subset.getPorts()) {
                if (port != null && (port.getProtocol() == null || port.getProtocol().isEmpty())) {
                    port.setProtocol("TCP");
                }
            }
        }
    }

    @Override
    public List<FieldError> validate(Endpoints endpoints) {
        List<FieldError> errors = new ArrayList<>();
        List<EndpointSubset> subsets = endpoints.getSubsets() == null ? List.of() : endpoints.getSubsets();
        for (int i = 0; i < subsets.size(); i++) {
            String path = "subsets[" + i + "]";
            EndpointSubset subset = subsets.get(i);
            List<EndpointAddress> ready = subset.getAddresses() == null ? List.of() : subset.getAddresses();
            List<EndpointAddress> notReady = subset.getNotReadyAddresses() == null ? List.of() : subset.getNotReadyAddresses();
            if (ready.isEmpty() && notReady.isEmpty()) {
                errors.add(FieldError.required(path, "must specify `addresses` or `notReadyAddresses`"));
            }
            for (int j = 0; j < ready.size(); j++) {
                errors.addAll(EndpointRules.address(path + ".addresses[" + j + "].ip", ready.get(j).getIp()));
            }
            for (int j = 0; j < notReady.size(); j++) {
                errors.addAll(EndpointRules.address(path + ".notReadyAddresses[" + j + "].ip", notReady.get(j).getIp()));
            }
            List<EndpointPort> ports = subset.getPorts() == null ? List.of() : subset.getPorts();
            for (int j = 0; j < ports.size(); j++) {
                EndpointPort port = ports.get(j);
                errors.addAll(EndpointRules.port(path + ".ports[" + j + "]", ports.size() > 1, port.getName(),
                        port.getPort(), port.getProtocol()));
            }
        }
        return errors;
    }
}
