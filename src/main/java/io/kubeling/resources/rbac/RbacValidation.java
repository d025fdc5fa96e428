package io.kubeling.resources.rbac;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.registry.validation.Names;

/** kube's pkg/apis/rbac/validation: rules, role references and subjects, with its messages. */
final class RbacValidation {

    private RbacValidation() {
    }

    static List<FieldError> rules(List<PolicyRule> rules, boolean namespaced) {
        List<FieldError> errs = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            errs.addAll(rule(rules.get(i), namespaced, "rules[" + i + "]"));
        }
        return errs;
    }

    /** ValidatePolicyRule. */
    static List<FieldError> rule(PolicyRule rule, boolean namespaced, String path) {
        List<FieldError> errs = new ArrayList<>();
        if (empty(rule.getVerbs())) {
            errs.add(FieldError.required(path + ".verbs", "verbs must contain at least one value"));
        }
        if (!empty(rule.getNonResourceURLs())) {
            if (namespaced) {
                errs.add(FieldError.invalid(path + ".nonResourceURLs", goStrings(rule.getNonResourceURLs()),
                        "namespaced rules cannot apply to non-resource URLs"));
            }
            if (!empty(rule.getApiGroups()) || !empty(rule.getResources()) || !empty(rule.getResourceNames())) {
                errs.add(FieldError.invalid(path + ".nonResourceURLs", goStrings(rule.getNonResourceURLs()),
                        "rules cannot apply to both regular resources and non-resource URLs"));
            }
            return errs;
        }
        if (empty(rule.getApiGroups())) {
            errs.add(FieldError.required(path + ".apiGroups", "resource rules must supply at least one api group"));
        }
        if (empty(rule.getResources())) {
            errs.add(FieldError.required(path + ".resources", "resource rules must supply at least one resource"));
        }
        return errs;
    }

    /** The roleRef checks of ValidateRoleBinding and ValidateClusterRoleBinding; {@code kinds} the kinds allowed. */
    static List<FieldError> roleRef(RoleRef ref, List<String> kinds) {
        List<FieldError> errs = new ArrayList<>();
        RoleRef r = ref == null ? new RoleRef() : ref;
        String group = Objects.requireNonNullElse(r.getApiGroup(), "");
        if (!group.equals(RbacResources.GROUP)) {
            errs.add(FieldError.notSupported("roleRef.apiGroup", group, List.of(RbacResources.GROUP)));
        }
        String kind = Objects.requireNonNullElse(r.getKind(), "");
        if (!kinds.contains(kind)) {
            errs.add(FieldError.notSupported("roleRef.kind", kind, kinds));
        }
        String name = Objects.requireNonNullElse(r.getName(), "");
        if (name.isEmpty()) {
            errs.add(FieldError.required("roleRef.name", ""));
        } else {
            for (String msg : Names.pathSegmentName(name)) {
                errs.add(FieldError.invalid("roleRef.name", name, msg));
            }
        }
        return errs;
    }

    /** ValidateRoleBindingSubject for every subject. */
    static List<FieldError> subjects(List<Subject> subjects, boolean namespaced) {
        List<FieldError> errs = new ArrayList<>();
        for (int i = 0; i < subjects.size(); i++) {
            errs.addAll(subject(subjects.get(i), namespaced, "subjects[" + i + "]"));
        }
        return errs;
    }

    private static List<FieldError> subject(Subject subject, boolean namespaced, String path) {
        List<FieldError> errs = new ArrayList<>();
        String name = Objects.requireNonNullElse(subject.getName(), "");
        String group = Objects.requireNonNullElse(subject.getApiGroup(), "");
        String kind = Objects.requireNonNullElse(subject.getKind(), "");
        if (name.isEmpty()) {
            errs.add(FieldError.required(path + ".name", ""));
        }
        switch (kind) {
            case "ServiceAccount" -> {
                if (!name.isEmpty()) {
                    for (String msg : Names.dns1123Subdomain(name)) {
                        errs.add(FieldError.invalid(path + ".name", name, msg));
                    }
                }
                if (!group.isEmpty()) {
                    errs.add(FieldError.notSupported(path + ".apiGroup", group, List.of("")));
                }
                if (!namespaced && (subject.getNamespace() == null || subject.getNamespace().isEmpty())) {
                    errs.add(FieldError.required(path + ".namespace", ""));
                }
            }
            case "User", "Group" -> {
                if (!group.equals(RbacResources.GROUP)) {
                    errs.add(FieldError.notSupported(path + ".apiGroup", group, List.of(RbacResources.GROUP)));
                }
            }
            default -> errs.add(FieldError.notSupported(path + ".kind", kind, List.of("ServiceAccount", "User",
                    "Group")));
        }
        return errs;
    }

    /** v1's defaults: the roleRef's group and each User's and Group's subject group are RBAC's when absent. */
    static void defaults(RoleRef ref, List<Subject> subjects) {
        if (ref != null && (ref.getApiGroup() == null || ref.getApiGroup().isEmpty())) {
            ref.setApiGroup(RbacResources.GROUP);
        }
        for (Subject s : subjects) {
            if ((s.getApiGroup() == null || s.getApiGroup().isEmpty())
                    && ("User".equals(s.getKind()) || "Group".equals(s.getKind()))) {
                s.setApiGroup(RbacResources.GROUP);
            }
        }
    }

    /** The roleRef of a binding may not change: kube prints the struct as Go's %#v does. */
    static List<FieldError> roleRefUnchanged(RoleRef ref, RoleRef old) {
        if (Objects.equals(ref, old)) {
            return List.of();
        }
        RoleRef r = ref == null ? new RoleRef() : ref;
        return List.of(FieldError.invalid("roleRef", new GoLiteral("rbac.RoleRef{APIGroup:" + quote(r.getApiGroup())
                + ", Kind:" + quote(r.getKind()) + ", Name:" + quote(r.getName()) + "}"), "cannot change roleRef"));
    }

    static boolean empty(List<?> list) {
        return list == null || list.isEmpty();
    }

    /** A []string as Go's %v prints it in a field error: {@code ["/a" "/b"]}. */
    private static GoLiteral goStrings(List<String> values) {
        return new GoLiteral("[]string{" + String.join(", ", values.stream().map(RbacValidation::quote).toList())
                + "}");
    }

    private static String quote(String s) {
        return io.kubeling.registry.validation.GoQuote.quote(s == null ? "" : s);
    }

    /** A value printed as it is, not quoted. */
    record GoLiteral(String text) {
        @Override
        public String toString() {
            return text;
        }
    }
}
