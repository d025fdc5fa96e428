package io.kubeling.api.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Breaks a valid object in the ways hostile or careless clients do: nulls where values belong, values of
 * another JSON type, numbers out of every range, huge and control-laden strings, unknown fields, deep nesting.
 * Every choice comes from the given {@link Random}, so a seed replays a run.
 */
final class JsonMutator {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Random random;

    JsonMutator(Random random) {
        this.random = random;
    }

    /** A copy of {@code seed} with one to three mutations. */
    ObjectNode mutate(ObjectNode seed) {
        ObjectNode copy = seed.deepCopy();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            mutateOnce(copy);
        }
        return copy;
    }

    private void mutateOnce(ObjectNode root) {
        List<Slot> slots = new ArrayList<>();
        collect(root, slots);
        Slot slot = slots.get(random.nextInt(slots.size()));
        switch (random.nextInt(6)) {
            case 0 -> slot.remove();
            case 1 -> {
                if (slot.parent instanceof ObjectNode object) {
                    object.set(unknownFieldName(), value());
                } else {
                    ((ArrayNode) slot.parent).add(value());
                }
            }
            case 2 -> slot.set(NODES.arrayNode().add(slot.get() == null ? NODES.nullNode() : slot.get()));
            default -> slot.set(value());
        }
    }

    /** A value of any JSON type, often one a Go field of another type cannot hold. */
    JsonNode value() {
        return switch (random.nextInt(22)) {
            case 0, 1, 2 -> NODES.nullNode();
            case 3 -> NODES.booleanNode(random.nextBoolean());
            case 4 -> NODES.numberNode(0);
            case 5 -> NODES.numberNode(-1);
            case 6 -> NODES.numberNode(2147483648L);
            case 7 -> NODES.numberNode(new java.math.BigInteger("99999999999999999999999"));
            case 8 -> JSON.readTree("1e999999999");
            case 9 -> NODES.numberNode(1.5);
            case 10 -> NODES.stringNode("");
            case 11 -> NODES.stringNode("10m\u0000");
            case 12 -> NODES.stringNode("a".repeat(9000));
            case 13 -> NODES.stringNode("%zz\\\"\u202e\ud83d\ude00");
            case 14 -> NODES.stringNode("\ud800");
            case 15 -> NODES.arrayNode();
            case 16 -> NODES.arrayNode().add(NODES.nullNode());
            case 17 -> NODES.objectNode();
            case 18 -> NODES.objectNode().putNull("a");
            case 19 -> NODES.stringNode("Not_A/Valid Name");
            case 20 -> nested(random.nextInt(4) == 0 ? 1000 : 40);
            default -> NODES.stringNode("x");
        };
    }

    private String unknownFieldName() {
        return switch (random.nextInt(4)) {
            case 0 -> "f".repeat(9000);
            case 1 -> "";
            case 2 -> "$weird.field/" + random.nextInt(100);
            default -> "unknownField" + random.nextInt(100);
        };
    }

    /** Arrays and objects alternately, {@code depth} levels deep. */
    static JsonNode nested(int depth) {
        JsonNode node = NODES.stringNode("bottom");
        for (int i = 0; i < depth; i++) {
            node = i % 2 == 0 ? NODES.arrayNode().add(node) : NODES.objectNode().set("n", node);
        }
        return node;
    }

    /** Raw damage to a serialized body: a cut, a flipped byte, or stray text spliced in. */
    String damage(String body) {
        if (body.isEmpty()) {
            return "{";
        }
        int at = random.nextInt(body.length());
        return switch (random.nextInt(4)) {
            case 0 -> body.substring(0, at);
            case 1 -> body.substring(0, at) + (char) random.nextInt(256) + body.substring(at + 1);
            case 2 -> body.substring(0, at) + List.of("\"", "}", "]", ",", ":", "\\u", "null", "%zz").get(random.nextInt(8))
                    + body.substring(at);
            default -> body + body;
        };
    }

    private static void collect(JsonNode node, List<Slot> slots) {
        if (node instanceof ObjectNode object) {
            for (String name : new ArrayList<>(object.propertyNames())) {
                slots.add(new Slot(object, name, -1));
                collect(object.get(name), slots);
            }
            if (object.isEmpty()) {
                slots.add(new Slot(object, "added", -1));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                slots.add(new Slot(array, null, i));
                collect(array.get(i), slots);
            }
        }
    }

    /** A place in the tree: a field of an object or an element of an array. */
    private record Slot(JsonNode parent, String field, int index) {

        JsonNode get() {
            return field != null ? parent.get(field) : parent.get(index);
        }

        void set(JsonNode value) {
            if (field != null) {
                ((ObjectNode) parent).set(field, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }

        void remove() {
            if (field != null) {
                ((ObjectNode) parent).remove(field);
            } else {
                ((ArrayNode) parent).remove(index);
            }
        }
    }
}
