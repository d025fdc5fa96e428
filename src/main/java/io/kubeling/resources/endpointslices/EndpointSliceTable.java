package io.kubeling.resources.endpointslices;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.TableConvertor;
import io.kubeling.resources.common.Ages;
import io.kubeling.resources.common.StandardColumns;

/** kube's printEndpointSlice: the address type, the first ports and the first addresses. */
public class EndpointSliceTable implements TableConvertor<EndpointSlice> {

    /** kube shows three ports or addresses and counts the rest. */
    private static final int SHOWN = 3;

    // kube describes these columns with discovery/v1beta1's field docs.
    private static final List<TableColumn> COLUMNS = List.of(
            StandardColumns.NAME,
            StandardColumns.column("AddressType", "addressType specifies the type of address carried by this "
                    + "EndpointSlice. All addresses in this slice must be the same type. This field is immutable after "
                    + "creation. The following address types are currently supported: * IPv4: Represents an IPv4 "
                    + "Address. * IPv6: Represents an IPv6 Address. * FQDN: Represents a Fully Qualified Domain Name."),
            StandardColumns.column("Ports", "ports specifies the list of network ports exposed by each endpoint in "
                    + "this slice. Each port must have a unique name. When ports is empty, it indicates that there are "
                    + "no defined ports. When a port is defined with a nil port value, it indicates \"all ports\". Each "
                    + "slice may include a maximum of 100 ports."),
            StandardColumns.column("Endpoints", "endpoints is a list of unique endpoints in this slice. Each slice may "
                    + "include a maximum of 1000 endpoints."),
            StandardColumns.AGE);

    public EndpointSliceTable() {
    }

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(EndpointSlice slice, Instant now) {
        return List.of(
                slice.getMetadata().getName() == null ? "" : slice.getMetadata().getName(),
                slice.getAddressType() == null ? "" : slice.getAddressType(),
                ports(list(slice.getPorts())),
                addresses(list(slice.getEndpoints())),
                Ages.since(slice.getMetadata().getCreationTimestamp(), now));
    }

    /** formatDiscoveryPorts: the number, else the name, else {@code *} for "all ports". */
    private static String ports(List<EndpointPort> ports) {
        List<String> values = new ArrayList<>();
        for (EndpointPort port : ports) {
            if (port.getPort() != null) {
                values.add(port.getPort().toString());
            } else if (port.getName() != null) {
                values.add(port.getName());
            } else {
                values.add("*");
            }
        }
        return firstWithMore(values);
    }

    /** formatDiscoveryEndpoints: every address of every endpoint, ready or not. */
    private static String addresses(List<Endpoint> endpoints) {
        List<String> values = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            for (String address : list(endpoint.getAddresses())) {
                values.add(address == null ? "" : address);
            }
        }
        return firstWithMore(values);
    }

    /** listWithMoreString: the first three, {@code + N more...}, or {@code <unset>} when there are none. */
    private static String firstWithMore(List<String> values) {
        String joined = String.join(",", values.subList(0, Math.min(SHOWN, values.size())));
        if (values.size() > SHOWN) {
            return joined + " + " + (values.size() - SHOWN) + " more...";
        }
        return joined.isEmpty() ? "<unset>" : joined;
    }

    private static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : values;
    }
}
