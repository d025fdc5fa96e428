package io.kubeling.resources.pods;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.AppArmorProfile;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Sysctl;
import io.kubeling.registry.validation.FieldError;

/** kube's checks of pod and container security contexts. */
final class SecurityContextValidation {

    private static final List<String> PROFILE_TYPES = List.of("Localhost", "RuntimeDefault", "Unconfined");
    private static final String SYSCTL_SEGMENT = "[a-z0-9]([-_a-z0-9]*[a-z0-9])?";
    private static final String SYSCTL_FMT = "^(" + SYSCTL_SEGMENT + "[\\./])*" + SYSCTL_SEGMENT + "$";
    private static final Pattern SYSCTL = Pattern.compile(SYSCTL_FMT);

    private SecurityContextValidation() {
    }

    static List<FieldError> container(SecurityContext sc, String path) {
        List<FieldError> errs = new ArrayList<>();
        if (sc == null) {
            return errs;
        }
        ids(errs, sc.getRunAsUser(), path + ".runAsUser");
        ids(errs, sc.getRunAsGroup(), path + ".runAsGroup");
        if (Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
            GoSyntax value = new GoSyntax(InternalPodSpec.of(InternalPodTypes.SECURITY_CONTEXT, sc));
            if (Boolean.TRUE.equals(sc.getPrivileged())) {
                errs.add(FieldError.invalid(path, value,
                        "cannot set `allowPrivilegeEscalation` to false and `privileged` to true"));
            }
            if (sc.getCapabilities() != null && sc.getCapabilities().getAdd().contains("CAP_SYS_ADMIN")) {
                errs.add(FieldError.invalid(path, value,
                        "cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN"));
            }
        }
        errs.addAll(seccomp(sc.getSeccompProfile(), path + ".seccompProfile"));
        errs.addAll(appArmor(sc.getAppArmorProfile(), path + ".appArmorProfile"));
        return errs;
    }

    static List<FieldError> pod(PodSpec spec, String path) {
        List<FieldError> errs = new ArrayList<>();
        PodSecurityContext sc = spec.getSecurityContext();
        if (sc == null) {
            return errs;
        }
        ids(errs, sc.getFsGroup(), path + ".fsGroup");
        ids(errs, sc.getRunAsUser(), path + ".runAsUser");
        ids(errs, sc.getRunAsGroup(), path + ".runAsGroup");
        List<Long> groups = sc.getSupplementalGroups();
        for (int g = 0; g < groups.size(); g++) {
            ids(errs, groups.get(g), path + ".supplementalGroups[" + g + "]");
        }
        if (Boolean.TRUE.equals(spec.getShareProcessNamespace()) && Boolean.TRUE.equals(spec.getHostPID())) {
            errs.add(FieldError.invalid(path + ".shareProcessNamespace", true,
                    "ShareProcessNamespace and HostPID cannot both be enabled"));
        }
        errs.addAll(sysctls(sc.getSysctls(), path + ".sysctls"));
        if (sc.getFsGroupChangePolicy() != null
                && !List.of("Always", "OnRootMismatch").contains(sc.getFsGroupChangePolicy())) {
            errs.add(FieldError.notSupported(path + ".fsGroupChangePolicy", sc.getFsGroupChangePolicy(),
                    List.of("Always", "OnRootMismatch")));
        }
        errs.addAll(seccomp(sc.getSeccompProfile(), path + ".seccompProfile"));
        errs.addAll(appArmor(sc.getAppArmorProfile(), path + ".appArmorProfile"));
        if (sc.getSupplementalGroupsPolicy() != null
                && !List.of("Merge", "Strict").contains(sc.getSupplementalGroupsPolicy())) {
            errs.add(FieldError.notSupported(path + ".supplementalGroupsPolicy", sc.getSupplementalGroupsPolicy(),
                    List.of("Merge", "Strict")));
        }
        if (sc.getSeLinuxChangePolicy() != null
                && !List.of("MountOption", "Recursive").contains(sc.getSeLinuxChangePolicy())) {
            errs.add(FieldError.notSupported(path + ".seLinuxChangePolicy", sc.getSeLinuxChangePolicy(),
                    List.of("MountOption", "Recursive")));
        }
        return errs;
    }

    private static void ids(List<FieldError> errs, Long id, String path) {
        if (id != null) {
            PodSyntax.id(id).forEach(m -> errs.add(FieldError.invalid(path, id, m)));
        }
    }

    private static List<FieldError> sysctls(List<Sysctl> sysctls, String path) {
        List<FieldError> errs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < sysctls.size(); i++) {
            String name = PodDefaults.nullToEmpty(sysctls.get(i).getName());
            String p = path + "[" + i + "].name";
            if (name.isEmpty()) {
                errs.add(FieldError.required(p, ""));
            } else if (name.length() > 253 || !SYSCTL.matcher(name).matches()) {
                errs.add(FieldError.invalid(p, name, "must have at most 253 characters and match regex " + SYSCTL_FMT));
            } else if (names.contains(name)) {
                errs.add(FieldError.duplicate(p, name));
            }
            names.add(name);
        }
        return errs;
    }

    private static List<FieldError> seccomp(SeccompProfile sp, String path) {
        List<FieldError> errs = new ArrayList<>();
        if (sp == null) {
            return errs;
        }
        String type = PodDefaults.nullToEmpty(sp.getType());
        if (type.isEmpty()) {
            errs.add(FieldError.required(path + ".type", "type is required when seccompProfile is set"));
        } else if (!PROFILE_TYPES.contains(type)) {
            errs.add(FieldError.notSupported(path + ".type", type, PROFILE_TYPES));
        }
        if (type.equals("Localhost")) {
            if (sp.getLocalhostProfile() == null) {
                errs.add(FieldError.required(path + ".localhostProfile", "must be set when seccomp type is Localhost"));
            } else {
                errs.addAll(VolumeValidation.localDescendingPath(sp.getLocalhostProfile(), path + ".localhostProfile"));
            }
        } else if (sp.getLocalhostProfile() != null) {
            errs.add(FieldError.invalid(path + ".localhostProfile",
                    new GoSyntax(InternalPodSpec.of(InternalPodTypes.SECCOMP_PROFILE, sp)),
                    "can only be set when seccomp type is Localhost"));
        }
        return errs;
    }

    private static List<FieldError> appArmor(AppArmorProfile profile, String path) {
        List<FieldError> errs = new ArrayList<>();
        if (profile == null) {
            return errs;
        }
        String type = PodDefaults.nullToEmpty(profile.getType());
        String local = profile.getLocalhostProfile();
        switch (type) {
            case "Localhost" -> {
                if (local == null || local.isEmpty()) {
                    errs.add(FieldError.required(path + ".localhostProfile",
                            "must be set when AppArmor type is Localhost"));
                } else if (!local.strip().equals(local)) {
                    errs.add(FieldError.invalid(path + ".localhostProfile", local,
                            "must not be padded with whitespace"));
                }
            }
            case "RuntimeDefault", "Unconfined" -> {
                if (local != null) {
                    errs.add(FieldError.invalid(path + ".localhostProfile", local,
                            "can only be set when AppArmor type is Localhost"));
                }
            }
            case "" -> errs.add(FieldError.required(path + ".type", "type is required when appArmorProfile is set"));
            default -> errs.add(FieldError.notSupported(path + ".type", type, PROFILE_TYPES));
        }
        return errs;
    }
}
