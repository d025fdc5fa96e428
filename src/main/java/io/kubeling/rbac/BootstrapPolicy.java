package io.kubeling.rbac;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.rbac.AggregationRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleRefBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * kube's bootstrap policy, read from {@code rbac/bootstrap-policy.yaml}: the cluster roles and bindings, and the
 * roles and bindings of kube-system and kube-public, each labelled and annotated as kube labels its defaults.
 */
public record BootstrapPolicy(List<ClusterRole> clusterRoles, List<ClusterRoleBinding> clusterRoleBindings,
        List<Role> roles, List<RoleBinding> roleBindings) {

    public static final String AUTOUPDATE = "rbac.authorization.kubernetes.io/autoupdate";
    static final String BOOTSTRAPPING = "kubernetes.io/bootstrapping";
    static final String CONTROLLER_ROLE_PREFIX = "system:controller:";

    /** The policy file as parsed, once a JVM: only read, never changed. */
    private static volatile JsonNode document;

    /** Objects of the policy's own each time, built from the file parsed once for every server the JVM starts. */
    public static BootstrapPolicy load() {
        JsonNode doc = document();
        List<ClusterRole> clusterRoles = clusterRoles(doc.path("clusterRoles"));
        List<ClusterRoleBinding> clusterRoleBindings = clusterRoleBindings(doc.path("clusterRoleBindings"));
        controllerRoles(doc.path("controllerRoles"), clusterRoles, clusterRoleBindings);
        return new BootstrapPolicy(clusterRoles, clusterRoleBindings, roles(doc.path("roles")),
                roleBindings(doc.path("roleBindings")));
    }

    private static JsonNode document() {
        JsonNode doc = document;
        if (doc != null) {
            return doc;
        }
        synchronized (BootstrapPolicy.class) {
            if (document == null) {
                try (InputStream in = BootstrapPolicy.class.getResourceAsStream("/rbac/bootstrap-policy.yaml")) {
                    document = YAMLMapper.builder().build().readTree(in);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return document;
        }
    }

    /** A cluster role by name, for tests and lookups. */
    public ClusterRole clusterRole(String name) {
        return clusterRoles.stream().filter(r -> r.getMetadata().getName().equals(name)).findFirst().orElseThrow();
    }

    private static List<ClusterRole> clusterRoles(JsonNode entries) {
        List<ClusterRole> out = new ArrayList<>();
        for (JsonNode e : entries) {
            ClusterRoleBuilder role = new ClusterRoleBuilder().withMetadata(meta(e, null))
                    .withRules(rules(e.path("rules")));
            if (e.has("aggregate")) {
                role.withAggregationRule(new AggregationRuleBuilder().withClusterRoleSelectors(new LabelSelectorBuilder()
                        .withMatchLabels(Map.of(e.path("aggregate").asString(), "true")).build()).build());
            }
            out.add(role.build());
        }
        return out;
    }

    /** Each controller's role {@code system:controller:<name>}, bound to its service account in kube-system. */
    private static void controllerRoles(JsonNode entries, List<ClusterRole> roles, List<ClusterRoleBinding> bindings) {
        for (JsonNode e : entries) {
            String account = e.path("name").asString();
            String name = CONTROLLER_ROLE_PREFIX + account;
            ObjectNode named = (ObjectNode) e.deepCopy();
            named.put("name", name);
            roles.add(new ClusterRoleBuilder().withMetadata(meta(named, null)).withRules(rules(e.path("rules")))
                    .build());
            bindings.add(new ClusterRoleBindingBuilder().withMetadata(meta(named, null))
                    .withRoleRef(new RoleRefBuilder().withApiGroup(EscalationCheck.GROUP).withKind("ClusterRole")
                            .withName(name).build())
                    .withSubjects(new SubjectBuilder().withKind("ServiceAccount").withNamespace("kube-system")
                            .withName(account).build())
                    .build());
        }
        roles.sort(java.util.Comparator.comparing(r -> r.getMetadata().getName()));
        bindings.sort(java.util.Comparator.comparing(b -> b.getMetadata().getName()));
    }

    private static List<Role> roles(JsonNode entries) {
        List<Role> out = new ArrayList<>();
        for (JsonNode e : entries) {
            out.add(new RoleBuilder().withMetadata(meta(e, e.path("namespace").asString()))
                    .withRules(rules(e.path("rules"))).build());
        }
        return out;
    }

    private static List<ClusterRoleBinding> clusterRoleBindings(JsonNode entries) {
        List<ClusterRoleBinding> out = new ArrayList<>();
        for (JsonNode e : entries) {
            out.add(new ClusterRoleBindingBuilder().withMetadata(meta(e, null))
                    .withRoleRef(new RoleRefBuilder().withApiGroup(EscalationCheck.GROUP).withKind("ClusterRole")
                            .withName(e.path("role").asString()).build())
                    .withSubjects(subjects(e.path("subjects"))).build());
        }
        return out;
    }

    private static List<RoleBinding> roleBindings(JsonNode entries) {
        List<RoleBinding> out = new ArrayList<>();
        for (JsonNode e : entries) {
            out.add(new RoleBindingBuilder().withMetadata(meta(e, e.path("namespace").asString()))
                    .withRoleRef(new RoleRefBuilder().withApiGroup(EscalationCheck.GROUP).withKind("Role")
                            .withName(e.path("role").asString()).build())
                    .withSubjects(subjects(e.path("subjects"))).build());
        }
        return out;
    }

    private static ObjectMeta meta(JsonNode e, String namespace) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(BOOTSTRAPPING, "rbac-defaults");
        e.path("labels").properties().forEach(l -> labels.put(l.getKey(), l.getValue().asString()));
        return new ObjectMetaBuilder().withName(e.path("name").asString()).withNamespace(namespace)
                .withLabels(labels).withAnnotations(Map.of(AUTOUPDATE, "true")).build();
    }

    private static List<PolicyRule> rules(JsonNode rules) {
        List<PolicyRule> out = new ArrayList<>();
        for (JsonNode r : rules) {
            PolicyRuleBuilder rule = new PolicyRuleBuilder();
            if (r.has("apiGroups")) {
                rule.withApiGroups(strings(r.path("apiGroups")));
            }
            if (r.has("resources")) {
                rule.withResources(strings(r.path("resources")));
            }
            if (r.has("resourceNames")) {
                rule.withResourceNames(strings(r.path("resourceNames")));
            }
            if (r.has("nonResourceURLs")) {
                rule.withNonResourceURLs(strings(r.path("nonResourceURLs")));
            }
            out.add(rule.withVerbs(strings(r.path("verbs"))).build());
        }
        return out;
    }

    /** {@code Group/name}, {@code User/name} or {@code ServiceAccount/namespace/name}. */
    private static List<Subject> subjects(JsonNode subjects) {
        List<Subject> out = new ArrayList<>();
        for (JsonNode s : subjects) {
            String[] parts = s.asString().split("/", 3);
            if (parts[0].equals("ServiceAccount")) {
                out.add(new SubjectBuilder().withKind("ServiceAccount").withNamespace(parts[1]).withName(parts[2])
                        .build());
            } else {
                out.add(new SubjectBuilder().withApiGroup(EscalationCheck.GROUP).withKind(parts[0]).withName(parts[1])
                        .build());
            }
        }
        return out;
    }

    private static List<String> strings(JsonNode values) {
        List<String> out = new ArrayList<>();
        values.forEach(v -> out.add(v.asString()));
        return out;
    }
}
