package io.kubeling.resources.services;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.ServiceSpec;

/**
 * Fills spec.ipFamilyPolicy and spec.ipFamilies as kube's initIPFamilyFields does on a single-stack IPv4
 * cluster, which is what Kubeling serves. Whether a requested family is configured is the allocator's check.
 */
final class IPFamilyDefaults {

    static final String SINGLE_STACK = "SingleStack";
    static final String PREFER_DUAL_STACK = "PreferDualStack";
    static final String REQUIRE_DUAL_STACK = "RequireDualStack";
    static final String DEFAULT_FAMILY = IpAddresses.IPV4;

    private IPFamilyDefaults() {
    }

    /** {@code old} is null on create. */
    static void apply(ServiceSpec spec, ServiceSpec old) {
        if (ServiceTypes.is(spec, ServiceTypes.EXTERNAL_NAME)) {
            return;
        }
        boolean headlessWithoutSelector = ServiceTypes.NONE.equals(spec.getClusterIP())
                && ZeroValues.of(spec.getSelector()).isEmpty();
        if (spec.getIpFamilyPolicy() == null) {
            // An update keeps the old policy rather than quietly turning a dual-stack service single-stack.
            if (old != null && old.getIpFamilyPolicy() != null) {
                spec.setIpFamilyPolicy(old.getIpFamilyPolicy());
            } else if (headlessWithoutSelector) {
                spec.setIpFamilyPolicy(REQUIRE_DUAL_STACK);
            } else {
                spec.setIpFamilyPolicy(SINGLE_STACK);
            }
        }
        boolean singleStack = SINGLE_STACK.equals(spec.getIpFamilyPolicy());
        List<String> families = new ArrayList<>(ZeroValues.of(spec.getIpFamilies()));
        if (old != null && singleStack) {
            // Switching to SingleStack with the lists unchanged is the way to release the secondary family.
            List<String> clusterIPs = ZeroValues.of(spec.getClusterIPs());
            if (ClusterIPs.same(old, spec) && clusterIPs.size() > 1) {
                spec.setClusterIPs(new ArrayList<>(clusterIPs.subList(0, 1)));
            }
            if (Objects.equals(ZeroValues.of(old.getIpFamilies()), families) && families.size() > 1) {
                families = new ArrayList<>(families.subList(0, 1));
            }
        }
        List<String> clusterIPs = ZeroValues.of(spec.getClusterIPs());
        for (int i = 0; i < clusterIPs.size(); i++) {
            String family = IpAddresses.family(clusterIPs.get(i));
            // "None" ends the list; an invalid address is left for validation to report.
            if (family == null) {
                break;
            }
            if (i >= families.size()) {
                families.add(family);
            }
        }
        if (headlessWithoutSelector) {
            if (families.isEmpty()) {
                families.add(DEFAULT_FAMILY);
            }
            // Headless services without a selector may carry both families even on a single-stack cluster.
            if (families.size() < 2 && !singleStack) {
                families.add(IpAddresses.IPV4.equals(families.get(0)) ? IpAddresses.IPV6 : IpAddresses.IPV4);
            }
        } else if (families.isEmpty()) {
            families.add(DEFAULT_FAMILY);
        }
        spec.setIpFamilies(families);
    }
}
