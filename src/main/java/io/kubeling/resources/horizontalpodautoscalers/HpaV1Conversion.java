package io.kubeling.resources.horizontalpodautoscalers;

import java.util.Iterator;
import java.util.Map;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.VersionConversion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * kube's conversion between autoscaling/v1 and the v2 objects it stores: v1 shows the first CPU utilization
 * metric as targetCPUUtilizationPercentage and keeps everything v1 has no field for in annotations (the other
 * metrics and the current ones in v1's own metric shapes, the conditions, the behavior), which it reads back, and
 * drops, when a v1 object is written.
 */
class HpaV1Conversion
        implements VersionConversion<io.fabric8.kubernetes.api.model.autoscaling.v1.HorizontalPodAutoscaler,
                HorizontalPodAutoscaler> {

    static final String METRICS = "autoscaling.alpha.kubernetes.io/metrics";
    static final String CURRENT_METRICS = "autoscaling.alpha.kubernetes.io/current-metrics";
    static final String CONDITIONS = "autoscaling.alpha.kubernetes.io/conditions";
    static final String BEHAVIOR = "autoscaling.alpha.kubernetes.io/behavior";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final JsonMapper json = new ObjectCodec().mapper();

    @Override
    public Class<HorizontalPodAutoscaler> storageType() {
        return HorizontalPodAutoscaler.class;
    }

    @Override
    public io.fabric8.kubernetes.api.model.autoscaling.v1.HorizontalPodAutoscaler fromStorage(
            HorizontalPodAutoscaler stored) {
        ObjectNode in = json.valueToTree(stored);
        ObjectNode out = NODES.objectNode();
        out.put("apiVersion", "autoscaling/v1");
        out.put("kind", "HorizontalPodAutoscaler");
        ObjectNode meta = in.has("metadata") ? ((ObjectNode) in.get("metadata")).deepCopy() : NODES.objectNode();
        out.set("metadata", meta);
        JsonNode spec = in.path("spec");
        ObjectNode outSpec = out.putObject("spec");
        copy(spec, outSpec, "scaleTargetRef", "minReplicas", "maxReplicas");
        ArrayNode others = NODES.arrayNode();
        boolean cpuSeen = false;
        for (JsonNode metric : spec.path("metrics")) {
            boolean cpu = "Resource".equals(metric.path("type").asString("")) && metric.has("resource")
                    && "cpu".equals(metric.path("resource").path("name").asString(""));
            if (cpu && !cpuSeen) {
                cpuSeen = true;
                JsonNode utilization = metric.path("resource").path("target").path("averageUtilization");
                if (utilization.isNumber()) {
                    outSpec.put("targetCPUUtilizationPercentage", utilization.asInt());
                }
            }
            if (cpu && metric.path("resource").path("target").path("averageUtilization").isNumber()) {
                continue;
            }
            others.add(HpaV1Metrics.specToV1(metric));
        }
        JsonNode status = in.path("status");
        ObjectNode outStatus = out.putObject("status");
        copy(status, outStatus, "observedGeneration", "lastScaleTime");
        outStatus.put("currentReplicas", status.path("currentReplicas").asInt(0));
        outStatus.put("desiredReplicas", status.path("desiredReplicas").asInt(0));
        ArrayNode current = NODES.arrayNode();
        for (JsonNode metric : status.path("currentMetrics")) {
            if ("Resource".equals(metric.path("type").asString("")) && metric.has("resource")
                    && "cpu".equals(metric.path("resource").path("name").asString(""))
                    && metric.path("resource").path("current").path("averageUtilization").isNumber()) {
                outStatus.put("currentCPUUtilizationPercentage",
                        metric.path("resource").path("current").path("averageUtilization").asInt());
            }
            current.add(HpaV1Metrics.statusToV1(metric));
        }
        ObjectNode annotations = meta.has("annotations") && meta.get("annotations").isObject()
                ? (ObjectNode) meta.get("annotations") : NODES.objectNode();
        if (!others.isEmpty()) {
            annotations.put(METRICS, json.writeValueAsString(others));
        }
        if (!current.isEmpty()) {
            annotations.put(CURRENT_METRICS, json.writeValueAsString(current));
        }
        if (status.path("conditions").isArray() && !status.path("conditions").isEmpty()) {
            annotations.put(CONDITIONS, json.writeValueAsString(HpaV1Metrics.conditionsToV1(status.path("conditions"))));
        }
        if (spec.path("behavior").isObject()) {
            annotations.put(BEHAVIOR, json.writeValueAsString(HpaV1Metrics.behaviorToInternal(spec.path("behavior"))));
        }
        if (!annotations.isEmpty()) {
            meta.set("annotations", annotations);
        }
        return json.treeToValue(out, io.fabric8.kubernetes.api.model.autoscaling.v1.HorizontalPodAutoscaler.class);
    }

    @Override
    public HorizontalPodAutoscaler toStorage(io.fabric8.kubernetes.api.model.autoscaling.v1.HorizontalPodAutoscaler served) {
        ObjectNode in = json.valueToTree(served);
        ObjectNode out = NODES.objectNode();
        out.put("apiVersion", "autoscaling/v2");
        out.put("kind", "HorizontalPodAutoscaler");
        ObjectNode meta = in.has("metadata") ? ((ObjectNode) in.get("metadata")).deepCopy() : NODES.objectNode();
        out.set("metadata", meta);
        ObjectNode annotations = meta.path("annotations").isObject() ? (ObjectNode) meta.get("annotations") : null;
        JsonNode spec = in.path("spec");
        ObjectNode outSpec = out.putObject("spec");
        copy(spec, outSpec, "scaleTargetRef", "minReplicas", "maxReplicas");
        ArrayNode metrics = outSpec.putArray("metrics");
        String others = take(annotations, METRICS);
        if (others != null) {
            for (JsonNode metric : parse(others)) {
                metrics.add(HpaV1Metrics.specFromV1(metric));
            }
        }
        if (spec.path("targetCPUUtilizationPercentage").isNumber()) {
            metrics.add(json.<JsonNode>valueToTree(HpaDefaults.cpu(spec.path("targetCPUUtilizationPercentage").asInt())));
        }
        String behavior = take(annotations, BEHAVIOR);
        if (behavior != null) {
            JsonNode parsed = HpaV1Metrics.behaviorFromInternal(parse(behavior));
            if (parsed != null && !parsed.isEmpty()) {
                outSpec.set("behavior", parsed);
            }
        }
        JsonNode status = in.path("status");
        ObjectNode outStatus = out.putObject("status");
        copy(status, outStatus, "observedGeneration", "lastScaleTime", "currentReplicas", "desiredReplicas");
        String current = take(annotations, CURRENT_METRICS);
        if (current != null) {
            ArrayNode currentMetrics = outStatus.putArray("currentMetrics");
            for (JsonNode metric : parse(current)) {
                currentMetrics.add(HpaV1Metrics.statusFromV1(metric));
            }
        } else if (status.path("currentCPUUtilizationPercentage").isNumber()) {
            ObjectNode metric = outStatus.putArray("currentMetrics").addObject();
            metric.put("type", "Resource");
            ObjectNode resource = metric.putObject("resource");
            resource.put("name", "cpu");
            resource.putObject("current").put("averageUtilization", status.path("currentCPUUtilizationPercentage").asInt());
        }
        String conditions = take(annotations, CONDITIONS);
        if (conditions != null) {
            outStatus.set("conditions", parse(conditions));
        }
        if (annotations != null && annotations.isEmpty()) {
            meta.remove("annotations");
        }
        HorizontalPodAutoscaler hpa = json.treeToValue(out, HorizontalPodAutoscaler.class);
        HpaDefaults.apply(hpa);
        return hpa;
    }

    private static void copy(JsonNode from, ObjectNode to, String... fields) {
        for (String field : fields) {
            if (from.has(field) && !from.get(field).isNull()) {
                to.set(field, from.get(field).deepCopy());
            }
        }
    }

    private static String take(ObjectNode annotations, String key) {
        if (annotations == null || !annotations.has(key)) {
            return null;
        }
        JsonNode value = annotations.remove(key);
        return value.asString("");
    }

    /** An annotation's JSON; what does not parse reads as nothing, as kube drops malformed data. */
    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (RuntimeException e) {
            return NODES.arrayNode();
        }
    }

    static Iterator<Map.Entry<String, JsonNode>> fields(JsonNode node) {
        return node.properties().iterator();
    }
}
