package io.kubeling.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import io.kubeling.registry.UserInfo;

/**
 * An audit.k8s.io/v1 Policy as kube's policy checker reads it: the first rule that matches a request sets its
 * level, stages to leave out (the policy's and the rule's) and whether managedFields are left out of bodies; a
 * request no rule matches is not logged.
 */
public record AuditPolicy(List<Rule> rules, Set<AuditStage> omitStages, boolean omitManagedFields) {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    public AuditPolicy {
        rules = List.copyOf(rules);
        omitStages = omitStages.isEmpty() ? EnumSet.noneOf(AuditStage.class) : EnumSet.copyOf(omitStages);
    }

    /** What a request asks for, as the policy checker sees it. */
    public record Attributes(UserInfo user, String verb, boolean resourceRequest, String path, String apiGroup,
            String namespace, String resource, String subresource, String name) {
    }

    /** What the policy says about one request. */
    public record Config(AuditLevel level, Set<AuditStage> omitStages, boolean omitManagedFields) {
    }

    public record GroupResources(String group, List<String> resources, List<String> resourceNames) {
    }

    public record Rule(AuditLevel level, List<String> users, List<String> userGroups, List<String> verbs,
            List<GroupResources> resources, List<String> namespaces, List<String> nonResourceURLs,
            Set<AuditStage> omitStages, Boolean omitManagedFields) {

        boolean matches(Attributes a) {
            if (!users.isEmpty() && !users.contains(a.user().name())) {
                return false;
            }
            if (!userGroups.isEmpty() && a.user().groups().stream().noneMatch(userGroups::contains)) {
                return false;
            }
            if (!verbs.isEmpty() && !verbs.contains(a.verb())) {
                return false;
            }
            if (!namespaces.isEmpty() || !resources.isEmpty()) {
                return matchesResource(a);
            }
            if (!nonResourceURLs.isEmpty()) {
                return !a.resourceRequest() && nonResourceURLs.stream().anyMatch(spec -> pathMatches(a.path(), spec));
            }
            return true;
        }

        private boolean matchesResource(Attributes a) {
            if (!a.resourceRequest()) {
                return false;
            }
            if (!namespaces.isEmpty() && !namespaces.contains(a.namespace())) {
                return false;
            }
            if (resources.isEmpty()) {
                return true;
            }
            String combined = a.subresource().isEmpty() ? a.resource() : a.resource() + "/" + a.subresource();
            for (GroupResources gr : resources) {
                if (!gr.group().equals(a.apiGroup())) {
                    continue;
                }
                if (gr.resources().isEmpty()) {
                    return true;
                }
                if (!gr.resourceNames().isEmpty() && !gr.resourceNames().contains(a.name())) {
                    continue;
                }
                for (String res : gr.resources()) {
                    if (res.equals(combined) || res.equals("*")) {
                        return true;
                    }
                    if (!a.subresource().isEmpty() && res.startsWith("*/")
                            && a.subresource().equals(res.substring(2))) {
                        return true;
                    }
                    if (res.endsWith("/*") && a.resource().equals(res.substring(0, res.length() - 2))) {
                        return true;
                    }
                }
            }
            return false;
        }

        private static boolean pathMatches(String path, String spec) {
            return spec.equals("*") || spec.equals(path)
                    || spec.endsWith("*") && path.startsWith(spec.substring(0, spec.length() - 1));
        }
    }

    public Config evaluate(Attributes attributes) {
        for (Rule rule : rules) {
            if (rule.matches(attributes)) {
                Set<AuditStage> stages = EnumSet.noneOf(AuditStage.class);
                stages.addAll(omitStages);
                stages.addAll(rule.omitStages());
                boolean omitFields = rule.omitManagedFields() != null ? rule.omitManagedFields() : omitManagedFields;
                return new Config(rule.level(), stages, omitFields);
            }
        }
        return new Config(AuditLevel.None, omitStages, omitManagedFields);
    }

    public static AuditPolicy load(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read audit policy " + file + ": " + e.getMessage(), e);
        }
    }

    /** A policy from its YAML or JSON text; a policy that is not audit.k8s.io/v1 or names an unknown level fails. */
    public static AuditPolicy parse(String text) {
        JsonNode doc;
        try {
            doc = YAML.readTree(text);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("audit policy is not YAML: " + e.getOriginalMessage(), e);
        }
        if (!"audit.k8s.io/v1".equals(doc.path("apiVersion").asString(""))
                || !"Policy".equals(doc.path("kind").asString(""))) {
            throw new IllegalArgumentException("audit policy must be kind Policy of apiVersion audit.k8s.io/v1");
        }
        List<Rule> rules = new ArrayList<>();
        for (JsonNode r : doc.path("rules")) {
            List<GroupResources> resources = new ArrayList<>();
            for (JsonNode gr : r.path("resources")) {
                resources.add(new GroupResources(gr.path("group").asString(""), strings(gr.path("resources")),
                        strings(gr.path("resourceNames"))));
            }
            JsonNode omitFields = r.path("omitManagedFields");
            rules.add(new Rule(level(r.path("level").asString("")), strings(r.path("users")),
                    strings(r.path("userGroups")), strings(r.path("verbs")), List.copyOf(resources),
                    strings(r.path("namespaces")), strings(r.path("nonResourceURLs")), stages(r.path("omitStages")),
                    omitFields.isBoolean() ? omitFields.asBoolean() : null));
        }
        return new AuditPolicy(rules, stages(doc.path("omitStages")), doc.path("omitManagedFields").asBoolean(false));
    }

    private static AuditLevel level(String name) {
        try {
            return AuditLevel.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("audit policy rule has unknown level \"" + name + "\"");
        }
    }

    private static Set<AuditStage> stages(JsonNode node) {
        Set<AuditStage> stages = EnumSet.noneOf(AuditStage.class);
        for (JsonNode s : node) {
            try {
                stages.add(AuditStage.valueOf(s.asString("")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("audit policy has unknown stage \"" + s.asString("") + "\"");
            }
        }
        return stages;
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        node.forEach(v -> values.add(v.asString("")));
        return List.copyOf(values);
    }
}
