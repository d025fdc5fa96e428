package io.kubeling.resources.services;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.kubeling.registry.validation.FieldError;

/** Kube's ValidateServiceClusterIPsRelatedFields: clusterIP, clusterIPs, ipFamilies and ipFamilyPolicy together. */
final class ClusterIPsValidation {

    private static final List<String> FAMILIES = List.of(IpAddresses.IPV4, IpAddresses.IPV6);
    private static final List<String> POLICIES = List.of(IPFamilyDefaults.PREFER_DUAL_STACK,
            IPFamilyDefaults.REQUIRE_DUAL_STACK, IPFamilyDefaults.SINGLE_STACK);

    private ClusterIPsValidation() {
    }

    static List<FieldError> validate(ServiceSpec spec) {
        List<FieldError> errors = new ArrayList<>();
        // ExternalName services have these checked (all must be unset) with the type.
        if (ServiceTypes.is(spec, ServiceTypes.EXTERNAL_NAME)) {
            return errors;
        }
        String clusterIP = ZeroValues.text(spec.getClusterIP());
        List<String> clusterIPs = ZeroValues.of(spec.getClusterIPs());
        List<String> families = ZeroValues.of(spec.getIpFamilies());
        if (!clusterIP.isEmpty()) {
            if (clusterIPs.isEmpty()) {
                errors.add(FieldError.required("spec.clusterIPs", ""));
            } else if (!clusterIPs.get(0).equals(clusterIP)) {
                errors.add(FieldError.invalid("spec.clusterIPs", GoValue.strings(clusterIPs),
                        "first value must match `clusterIP`"));
            }
        } else if (!clusterIPs.isEmpty()) {
            errors.add(FieldError.invalid("spec.clusterIPs", GoValue.strings(clusterIPs),
                    "must be empty when `clusterIP` is not specified"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < families.size(); i++) {
            String family = ZeroValues.text(families.get(i));
            if (!FAMILIES.contains(family)) {
                errors.add(FieldError.notSupported("spec.ipFamilies[" + i + "]", family, FAMILIES));
            }
            if (!seen.add(family)) {
                errors.add(FieldError.duplicate("spec.ipFamilies[" + i + "]", family));
            }
        }
        if (spec.getIpFamilyPolicy() != null && !POLICIES.contains(spec.getIpFamilyPolicy())) {
            errors.add(FieldError.notSupported("spec.ipFamilyPolicy", spec.getIpFamilyPolicy(), POLICIES));
        }
        boolean invalidIPs = false;
        for (int i = 0; i < clusterIPs.size(); i++) {
            String ip = ZeroValues.text(clusterIPs.get(i));
            if (i == 0 && ServiceTypes.NONE.equals(ip)) {
                if (clusterIPs.size() > 1) {
                    invalidIPs = true;
                    errors.add(FieldError.invalid("spec.clusterIPs", GoValue.strings(clusterIPs),
                            "'None' must be the first and only value"));
                }
                continue;
            }
            if (!IpAddresses.isValid(ip)) {
                invalidIPs = true;
                errors.add(FieldError.invalid("spec.clusterIPs[" + i + "]", ip, ValidationMessages.INVALID_IP));
            }
        }
        if (clusterIPs.size() > 2) {
            errors.add(FieldError.invalid("spec.clusterIPs", GoValue.strings(clusterIPs), "may only hold up to 2 values"));
        }
        // Family checks on addresses already reported as bad would only repeat the same fault.
        if (invalidIPs) {
            return errors;
        }
        if (clusterIPs.size() > 1 && !isDualStack(clusterIPs)) {
            errors.add(FieldError.invalid("spec.clusterIPs", GoValue.strings(clusterIPs),
                    "may specify no more than one IP for each IP family"));
        }
        if (!ServiceTypes.isHeadless(spec) && !clusterIPs.isEmpty() && !families.isEmpty()) {
            for (int i = 0; i < clusterIPs.size() && i < families.size(); i++) {
                String ip = clusterIPs.get(i);
                String actual = IpAddresses.family(ip);
                if (IpAddresses.IPV4.equals(families.get(i)) && IpAddresses.IPV6.equals(actual)) {
                    errors.add(FieldError.invalid("spec.clusterIPs[" + i + "]", ip,
                            "expected an IPv4 value as indicated by `ipFamilies[" + i + "]`"));
                }
                if (IpAddresses.IPV6.equals(families.get(i)) && !IpAddresses.IPV6.equals(actual)) {
                    errors.add(FieldError.invalid("spec.clusterIPs[" + i + "]", ip,
                            "expected an IPv6 value as indicated by `ipFamilies[" + i + "]`"));
                }
            }
        }
        return errors;
    }

    private static boolean isDualStack(List<String> ips) {
        Set<String> families = new HashSet<>();
        for (String ip : ips) {
            families.add(IpAddresses.family(ip));
        }
        return families.contains(IpAddresses.IPV4) && families.contains(IpAddresses.IPV6);
    }
}
