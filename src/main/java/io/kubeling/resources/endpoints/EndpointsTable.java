package io.kubeling.resources.endpoints;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.TableConvertor;
import io.kubeling.resources.common.Ages;
import io.kubeling.resources.common.StandardColumns;

/** kube's printEndpoints: the first ready {@code ip:port} pairs, and how many more there are. */
public class EndpointsTable implements TableConvertor<Endpoints> {

    /** kube shows three endpoints and counts the rest. */
    private static final int SHOWN = 3;

    private static final List<TableColumn> COLUMNS = List.of(
            StandardColumns.NAME,
            StandardColumns.column("Endpoints", "The set of all endpoints is the union of all subsets. Addresses are "
                    + "placed into subsets according to the IPs they share. A single address with multiple ports, some "
                    + "of which are ready and some of which are not (because they come from different containers) will "
                    + "result in the address being displayed in different subsets for the different ports. No address "
                    + "will appear in both Addresses and NotReadyAddresses in the same subset. Sets of addresses and "
                    + "ports that comprise a service."),
            StandardColumns.AGE);

    public EndpointsTable() {
    }

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(Endpoints endpoints, Instant now) {
        return List.of(
                endpoints.getMetadata().getName() == null ? "" : endpoints.getMetadata().getName(),
                format(endpoints.getSubsets()),
                Ages.since(endpoints.getMetadata().getCreationTimestamp(), now));
    }

    /**
     * formatEndpoints: ready addresses only, once per port ({@code ip:port}) or alone for a headless
     * subset without ports; the total counts every pair, shown or not.
     */
    private static String format(List<EndpointSubset> subsets) {
        if (subsets == null || subsets.isEmpty()) {
            return "<none>";
        }
        List<String> shown = new ArrayList<>();
        boolean more = false;
        int count = 0;
        for (EndpointSubset subset : subsets) {
            List<EndpointAddress> addresses = list(subset.getAddresses());
            List<EndpointPort> ports = list(subset.getPorts());
            if (ports.isEmpty()) {
                count += addresses.size();
                for (EndpointAddress address : addresses) {
                    if (shown.size() == SHOWN) {
                        more = true;
                        break;
                    }
                    shown.add(text(address.getIp()));
                }
                continue;
            }
            for (EndpointPort port : ports) {
                count += addresses.size();
                for (EndpointAddress address : addresses) {
                    if (shown.size() == SHOWN) {
                        more = true;
                        break;
                    }
                    shown.add(hostPort(text(address.getIp()), port.getPort() == null ? 0 : port.getPort()));
                }
            }
        }
        String joined = String.join(",", shown);
        return more ? joined + " + " + (count - SHOWN) + " more..." : joined;
    }

    /** net.JoinHostPort: IPv6 addresses go in brackets. */
    private static String hostPort(String host, int port) {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : values;
    }
}
