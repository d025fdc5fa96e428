package io.kubeling.resources.horizontalpodautoscalers;

import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The shapes v1 keeps in its annotations, as Go encodes kube's autoscaling/v1 metric types (their fields in struct
 * order, the quantities that are not pointers always written), and the internal behavior (Go field names, as kube
 * marshals its internal type), each read back as v2.
 */
final class HpaV1Metrics {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] SOURCES = {"object", "pods", "resource", "containerResource", "external"};

    private HpaV1Metrics() {
    }

    static ObjectNode specToV1(JsonNode metric) {
        ObjectNode out = NODES.objectNode();
        out.put("type", metric.path("type").asString(""));
        for (String source : SOURCES) {
            JsonNode in = metric.path(source);
            if (!in.isObject()) {
                continue;
            }
            JsonNode target = in.path("target");
            ObjectNode o = out.putObject(source);
            switch (source) {
                case "object" -> {
                    o.set("target", reference(in.path("describedObject")));
                    o.put("metricName", in.path("metric").path("name").asString(""));
                    o.put("targetValue", quantity(target.path("value")));
                    copy(in.path("metric"), "selector", o, "selector");
                    copy(target, "averageValue", o, "averageValue");
                }
                case "pods" -> {
                    o.put("metricName", in.path("metric").path("name").asString(""));
                    o.put("targetAverageValue", quantity(target.path("averageValue")));
                    copy(in.path("metric"), "selector", o, "selector");
                }
                case "resource", "containerResource" -> {
                    o.put("name", in.path("name").asString(""));
                    copy(target, "averageUtilization", o, "targetAverageUtilization");
                    copy(target, "averageValue", o, "targetAverageValue");
                    if (source.equals("containerResource")) {
                        o.put("container", in.path("container").asString(""));
                    }
                }
                default -> {
                    o.put("metricName", in.path("metric").path("name").asString(""));
                    copy(in.path("metric"), "selector", o, "metricSelector");
                    copy(target, "value", o, "targetValue");
                    copy(target, "averageValue", o, "targetAverageValue");
                }
            }
        }
        return out;
    }

    static ObjectNode specFromV1(JsonNode metric) {
        ObjectNode out = NODES.objectNode();
        out.put("type", metric.path("type").asString(""));
        for (String source : SOURCES) {
            JsonNode in = metric.path(source);
            if (!in.isObject()) {
                continue;
            }
            ObjectNode o = out.putObject(source);
            switch (source) {
                case "object" -> {
                    o.set("describedObject", reference(in.path("target")));
                    o.set("metric", identifier(in.path("metricName"), in.path("selector")));
                    ObjectNode target = o.putObject("target");
                    target.put("type", in.path("averageValue").isMissingNode() || in.path("averageValue").isNull()
                            ? "Value" : "AverageValue");
                    target.put("value", quantity(in.path("targetValue")));
                    copy(in, "averageValue", target, "averageValue");
                }
                case "pods" -> {
                    o.set("metric", identifier(in.path("metricName"), in.path("selector")));
                    ObjectNode target = o.putObject("target");
                    target.put("type", "AverageValue");
                    target.put("averageValue", quantity(in.path("targetAverageValue")));
                }
                case "resource", "containerResource" -> {
                    o.put("name", in.path("name").asString(""));
                    if (source.equals("containerResource")) {
                        o.put("container", in.path("container").asString(""));
                    }
                    ObjectNode target = o.putObject("target");
                    boolean utilization = in.path("targetAverageUtilization").isNumber();
                    target.put("type", utilization ? "Utilization" : "AverageValue");
                    copy(in, "targetAverageUtilization", target, "averageUtilization");
                    copy(in, "targetAverageValue", target, "averageValue");
                }
                default -> {
                    o.set("metric", identifier(in.path("metricName"), in.path("metricSelector")));
                    ObjectNode target = o.putObject("target");
                    boolean value = in.path("targetValue").isString();
                    target.put("type", value ? "Value" : "AverageValue");
                    copy(in, "targetValue", target, "value");
                    copy(in, "targetAverageValue", target, "averageValue");
                }
            }
        }
        return out;
    }

    static ObjectNode statusToV1(JsonNode metric) {
        ObjectNode out = NODES.objectNode();
        out.put("type", metric.path("type").asString(""));
        for (String source : SOURCES) {
            JsonNode in = metric.path(source);
            if (!in.isObject()) {
                continue;
            }
            JsonNode current = in.path("current");
            ObjectNode o = out.putObject(source);
            switch (source) {
                case "object" -> {
                    o.set("target", reference(in.path("describedObject")));
                    o.put("metricName", in.path("metric").path("name").asString(""));
                    o.put("currentValue", quantity(current.path("value")));
                    copy(in.path("metric"), "selector", o, "selector");
                    copy(current, "averageValue", o, "averageValue");
                }
                case "pods" -> {
                    o.put("metricName", in.path("metric").path("name").asString(""));
                    o.put("currentAverageValue", quantity(current.path("averageValue")));
                    copy(in.path("metric"), "selector", o, "selector");
                }
                case "resource", "containerResource" -> {
                    o.put("name", in.path("name").asString(""));
                    copy(current, "averageUtilization", o, "currentAverageUtilization");
                    o.put("currentAverageValue", quantity(current.path("averageValue")));
                    if (source.equals("containerResource")) {
                        o.put("container", in.path("container").asString(""));
                    }
                }
                default -> {
                    o.put("metricName", in.path("metric").path("name").asString(""));
                    copy(in.path("metric"), "selector", o, "metricSelector");
                    o.put("currentValue", quantity(current.path("value")));
                    copy(current, "averageValue", o, "currentAverageValue");
                }
            }
        }
        return out;
    }

    static ObjectNode statusFromV1(JsonNode metric) {
        ObjectNode out = NODES.objectNode();
        out.put("type", metric.path("type").asString(""));
        for (String source : SOURCES) {
            JsonNode in = metric.path(source);
            if (!in.isObject()) {
                continue;
            }
            ObjectNode o = out.putObject(source);
            switch (source) {
                case "object" -> {
                    o.set("describedObject", reference(in.path("target")));
                    o.set("metric", identifier(in.path("metricName"), in.path("selector")));
                    ObjectNode current = o.putObject("current");
                    current.put("value", quantity(in.path("currentValue")));
                    copy(in, "averageValue", current, "averageValue");
                }
                case "pods" -> {
                    o.set("metric", identifier(in.path("metricName"), in.path("selector")));
                    o.putObject("current").put("averageValue", quantity(in.path("currentAverageValue")));
                }
                case "resource", "containerResource" -> {
                    o.put("name", in.path("name").asString(""));
                    if (source.equals("containerResource")) {
                        o.put("container", in.path("container").asString(""));
                    }
                    ObjectNode current = o.putObject("current");
                    copy(in, "currentAverageUtilization", current, "averageUtilization");
                    current.put("averageValue", quantity(in.path("currentAverageValue")));
                }
                default -> {
                    o.set("metric", identifier(in.path("metricName"), in.path("metricSelector")));
                    ObjectNode current = o.putObject("current");
                    current.put("value", quantity(in.path("currentValue")));
                    copy(in, "currentAverageValue", current, "averageValue");
                }
            }
        }
        return out;
    }

    /** v1 conditions have v2's shape; Go writes an unset lastTransitionTime as null. */
    static ArrayNode conditionsToV1(JsonNode conditions) {
        ArrayNode out = NODES.arrayNode();
        for (JsonNode c : conditions) {
            ObjectNode o = out.addObject();
            o.put("type", c.path("type").asString(""));
            o.put("status", c.path("status").asString(""));
            if (c.path("lastTransitionTime").isString()) {
                o.put("lastTransitionTime", c.path("lastTransitionTime").asString());
            } else {
                o.putNull("lastTransitionTime");
            }
            copy(c, "reason", o, "reason");
            copy(c, "message", o, "message");
        }
        return out;
    }

    /** The behavior as Go marshals kube's internal type: field names, nil pointers as null. */
    static ObjectNode behaviorToInternal(JsonNode behavior) {
        ObjectNode out = NODES.objectNode();
        for (String[] rules : new String[][] {{"scaleUp", "ScaleUp"}, {"scaleDown", "ScaleDown"}}) {
            JsonNode in = behavior.path(rules[0]);
            if (!in.isObject()) {
                out.putNull(rules[1]);
                continue;
            }
            ObjectNode o = out.putObject(rules[1]);
            setOrNull(o, "StabilizationWindowSeconds", in.path("stabilizationWindowSeconds"));
            setOrNull(o, "SelectPolicy", in.path("selectPolicy"));
            ArrayNode policies = o.putArray("Policies");
            for (JsonNode p : in.path("policies")) {
                ObjectNode policy = policies.addObject();
                policy.put("Type", p.path("type").asString(""));
                policy.put("Value", p.path("value").asInt(0));
                policy.put("PeriodSeconds", p.path("periodSeconds").asInt(0));
            }
        }
        return out;
    }

    /** The internal behavior read back, Go's JSON decoding matching field names without regard to case. */
    static ObjectNode behaviorFromInternal(JsonNode behavior) {
        if (!behavior.isObject()) {
            return null;
        }
        ObjectNode out = NODES.objectNode();
        for (Map.Entry<String, JsonNode> rules : behavior.properties()) {
            String name = rules.getKey().equalsIgnoreCase("scaleUp") ? "scaleUp"
                    : rules.getKey().equalsIgnoreCase("scaleDown") ? "scaleDown" : null;
            if (name == null || !rules.getValue().isObject()) {
                continue;
            }
            ObjectNode o = out.putObject(name);
            for (Map.Entry<String, JsonNode> field : rules.getValue().properties()) {
                String key = field.getKey().toLowerCase();
                if (field.getValue().isNull()) {
                    continue;
                }
                switch (key) {
                    case "stabilizationwindowseconds" -> o.set("stabilizationWindowSeconds", field.getValue());
                    case "selectpolicy" -> o.set("selectPolicy", field.getValue());
                    case "policies" -> {
                        ArrayNode policies = o.putArray("policies");
                        for (JsonNode p : field.getValue()) {
                            ObjectNode policy = policies.addObject();
                            for (Map.Entry<String, JsonNode> f : p.properties()) {
                                switch (f.getKey().toLowerCase()) {
                                    case "type" -> policy.set("type", f.getValue());
                                    case "value" -> policy.set("value", f.getValue());
                                    case "periodseconds" -> policy.set("periodSeconds", f.getValue());
                                    default -> { }
                                }
                            }
                        }
                    }
                    default -> { }
                }
            }
        }
        return out;
    }

    private static ObjectNode reference(JsonNode ref) {
        ObjectNode out = NODES.objectNode();
        out.put("kind", ref.path("kind").asString(""));
        out.put("name", ref.path("name").asString(""));
        copy(ref, "apiVersion", out, "apiVersion");
        return out;
    }

    private static ObjectNode identifier(JsonNode name, JsonNode selector) {
        ObjectNode out = NODES.objectNode();
        out.put("name", name.asString(""));
        if (selector.isObject()) {
            out.set("selector", selector.deepCopy());
        }
        return out;
    }

    /** A quantity written even when unset, as Go writes a resource.Quantity that is not a pointer. */
    private static String quantity(JsonNode value) {
        return value.isString() ? value.asString() : "0";
    }

    private static void copy(JsonNode from, String field, ObjectNode to, String as) {
        JsonNode value = from.path(field);
        if (!value.isMissingNode() && !value.isNull()) {
            to.set(as, value.deepCopy());
        }
    }

    private static void setOrNull(ObjectNode to, String field, JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            to.putNull(field);
        } else {
            to.set(field, value.deepCopy());
        }
    }
}
