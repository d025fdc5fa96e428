package io.kubeling.resources.endpointslices;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.resources.common.EndpointRules;

/** Kube's rules for EndpointSlices (pkg/apis/discovery/validation): address type, addresses and ports. */
public class EndpointSliceStrategy implements Strategy<EndpointSlice> {

    private static final List<String> ADDRESS_TYPES = List.of("FQDN", "IPv4", "IPv6");

    public EndpointSliceStrategy() {
    }

    /** Kube's discovery/v1 SetDefaults_EndpointPort: a port without a name is named "", without a protocol is TCP. */
    @Override
    public void applyDefaults(EndpointSlice slice) {
        for (EndpointPort port : slice.getPorts() == null ? List.<EndpointPort>of() : slice.getPorts()) {
            if (port == null) {
                continue;
            }
            if (port.getName() == null) {
                port.setName("");
            }
            if (port.getProtocol() == null) {
                port.setProtocol("TCP");
            }
        }
    }

    @Override
    public boolean tracksGeneration() {
        return true;
    }

    @Override
    public boolean specChanged(EndpointSlice slice, EndpointSlice old) {
        return !java.util.Objects.equals(slice.getEndpoints(), old.getEndpoints())
                || !java.util.Objects.equals(slice.getPorts(), old.getPorts());
    }

    @Override
    public List<FieldError> validate(EndpointSlice slice) {
        List<FieldError> errors = new ArrayList<>();
        String type = slice.getAddressType();
        if (type == null || type.isEmpty()) {
            errors.add(FieldError.required("addressType", ""));
        } else if (!ADDRESS_TYPES.contains(type)) {
            errors.add(FieldError.notSupported("addressType", type, ADDRESS_TYPES));
        }
        List<Endpoint> endpoints = slice.getEndpoints() == null ? List.of() : slice.getEndpoints();
        for (int i = 0; i < endpoints.size(); i++) {
            List<String> addresses = endpoints.get(i).getAddresses() == null ? List.of() : endpoints.get(i).getAddresses();
            String path = "endpoints[" + i + "].addresses";
            if (addresses.isEmpty()) {
                errors.add(FieldError.required(path, "must contain at least 1 address"));
            }
            if ("IPv4".equals(type)) {
                for (int j = 0; j < addresses.size(); j++) {
                    errors.addAll(EndpointRules.address(path + "[" + j + "]", addresses.get(j)));
                }
            }
        }
        List<EndpointPort> ports = slice.getPorts() == null ? List.of() : slice.getPorts();
        for (int i = 0; i < ports.size(); i++) {
            EndpointPort port = ports.get(i);
            errors.addAll(EndpointRules.port("ports[" + i + "]", false, port.getName(),
                    port.getPort() == null ? 1 : port.getPort(), port.getProtocol()));
        }
        return errors;
    }
}
