package io.kubeling.api.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.api.fuzz.FuzzTarget.Subresource;
import io.kubeling.support.HttpApi;
import io.kubeling.support.HttpApi.Reply;
import io.kubeling.support.KubelingTest;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Mutated creates, replaces, patches of every type, server-side applies, subresource writes and deletes
 * against every resource: whatever is sent, the answer is a 4xx Status or a success, never a 5xx; a refused
 * write stores nothing; no secret value reaches the log. The run goes on until each kind of write has reached each
 * resource {@code -Dkubeling.fuzz.each} times (5), so a busy machine sends no fewer of any, and at least
 * {@code -Dkubeling.fuzz.seconds} (0: no longer than that; more sends more of everything); its seed
 * ({@code -Dkubeling.fuzz.seed}) replays it.
 */
@KubelingTest
@ExtendWith(OutputCaptureExtension.class)
class HostileInputFuzzTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    // bodies nested deeper than a client library would write
    private static final JsonMapper DEEP = JsonMapper.builder(JsonFactory.builder()
            .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(5000).build()).build()).build();
    private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
            .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(5000).build()).build()).build();
    private static final List<String> ODD_CONTENT_TYPES = List.of("", "application/yaml", "text/plain",
            "application/x-www-form-urlencoded", "application/vnd.kubernetes.protobuf", "application/json;charset=utf-16",
            "multipart/form-data; boundary=x", "application/json;q=bogus");

    @LocalServerPort
    int port;

    private HttpApi api;
    private Random random;
    private JsonMutator mutator;
    private String namespace;
    private final List<String> failures = new ArrayList<>();
    // the last few writes accepted, to name the one that removed a stored object
    private final java.util.Deque<String> accepted = new java.util.ArrayDeque<>();
    private int requests;

    @Test
    void noRequestGetsA5xxStoresWhatItWasRefusedOrLeaksASecret(CapturedOutput output) {
        long seed = Long.getLong("kubeling.fuzz.seed", 20261206L);
        long started = System.nanoTime();
        long deadline = started + Long.getLong("kubeling.fuzz.seconds", 0L) * 1_000_000_000L;
        // past the deadline the run goes on, up to this, until every planned write was sent
        long limit = started + Long.getLong("kubeling.fuzz.max-seconds", 600L) * 1_000_000_000L;
        int maxRequests = Integer.getInteger("kubeling.fuzz.requests", 6000);
        int eachAtLeast = Integer.getInteger("kubeling.fuzz.each", 5);
        random = new Random(seed);
        mutator = new JsonMutator(random);
        api = new HttpApi(port);
        namespace = api.newNamespace("fuzz-");
        String secret = "fuzz-secret-" + UUID.randomUUID();
        List<FuzzTarget> targets = FuzzCorpus.targets(secret);
        for (FuzzTarget target : targets) {
            if (target.victim()) {
                ensureVictim(target);
            }
        }
        Map<String, Integer> sent = new HashMap<>();
        // first each resource and kind of write the set number of times, in an order of the seed's, so that a busy
        // machine sends as many of each as a quiet one; then random writes until the deadline
        java.util.Deque<int[]> planned = new java.util.ArrayDeque<>(plan(targets, eachAtLeast));
        while (requests < maxRequests && failures.size() < 50 && System.nanoTime() < limit
                && (!planned.isEmpty() || System.nanoTime() < deadline)) {
            int[] next = planned.isEmpty() ? null : planned.poll();
            FuzzTarget target = next != null ? targets.get(next[0]) : targets.get(random.nextInt(targets.size()));
            int kind = next != null ? next[1] : target.victim() ? random.nextInt(9) : 0;
            sent.merge(target.resource() + " " + WRITES.get(kind), 1, Integer::sum);
            switch (kind) {
                case 0, 1 -> create(target);
                case 2 -> replace(target);
                case 3 -> patch(target, "application/merge-patch+json", mutator.mutate(sample(target, victim(target))));
                case 4 -> patch(target, "application/strategic-merge-patch+json",
                        mutator.mutate(sample(target, victim(target))));
                case 5 -> patch(target, "application/json-patch+json", jsonPatch(target));
                case 6 -> apply(target);
                case 7 -> subresource(target);
                default -> delete(target);
            }
        }
        System.out.printf("fuzz: %d requests in %d ms, seed %d%n", requests,
                (System.nanoTime() - started) / 1_000_000, seed);
        assertThat(underSent(targets, sent, eachAtLeast)).as("resource and kind of write sent fewer than %d times",
                eachAtLeast).isEmpty();
        assertThat(failures).as("seed %d, %d requests", seed, requests).isEmpty();
        assertThat(requests).as("requests sent").isGreaterThan(200);
        String encoded = Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
        assertThat(output.getAll()).doesNotContain(secret).doesNotContain(encoded);
    }

    private static final List<String> WRITES = List.of("create", "create", "replace", "merge-patch",
            "strategic-merge-patch", "json-patch", "apply", "subresource", "delete");

    /** Each target (by index) with each kind of write it takes, {@code times} times over, shuffled by the seed. */
    private List<int[]> plan(List<FuzzTarget> targets, int times) {
        List<int[]> plan = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            // kinds 0 and 1 are both a create
            int[] kinds = targets.get(i).victim() ? new int[] {0, 2, 3, 4, 5, 6, 7, 8} : new int[] {0};
            for (int kind : kinds) {
                for (int n = 0; n < times; n++) {
                    plan.add(new int[] {i, kind});
                }
            }
        }
        java.util.Collections.shuffle(plan, random);
        return plan;
    }

    /** Each resource and kind of write the run has sent fewer than {@code atLeast} times. */
    private static List<String> underSent(List<FuzzTarget> targets, Map<String, Integer> sent, int atLeast) {
        List<String> missing = new ArrayList<>();
        for (FuzzTarget target : targets) {
            for (String write : target.victim() ? new LinkedHashSet<>(WRITES) : Set.of("create")) {
                String key = target.resource() + " " + write;
                if (sent.getOrDefault(key, 0) < atLeast) {
                    missing.add(key);
                }
            }
        }
        return missing;
    }

    private void create(FuzzTarget target) {
        String name = "fz-" + UUID.randomUUID().toString().substring(0, 12);
        ObjectNode body = mutator.mutate(sample(target, name));
        String text = DEEP.writeValueAsString(body);
        String contentType = "application/json";
        int shape = random.nextInt(10);
        if (shape == 0) {
            text = mutator.damage(text);
        } else if (shape == 1) {
            contentType = ODD_CONTENT_TYPES.get(random.nextInt(ODD_CONTENT_TYPES.size()));
            text = contentType.equals("application/yaml") ? YAML.writeValueAsString(body) : text;
        } else if (shape == 2) {
            contentType = "application/yaml";
            text = aliasBomb(name, target);
        }
        String query = write(target) + (random.nextInt(8) == 0 ? "&fieldValidation=Strict" : "")
                + (random.nextInt(12) == 0 ? "&limit=-1&pretty=maybe&fieldManager=" : "");
        Reply reply = send("POST", target.collection(namespace) + query, text, contentType);
        if (reply != null && reply.code() >= 400 && !target.dryRun()) {
            Reply after = api.get(target.collection(namespace) + "/" + name);
            if (after.code() != 404) {
                fail("refused create of " + name + " stored it: " + after.code(), "POST", text, reply);
            }
        }
    }

    private void replace(FuzzTarget target) {
        JsonNode current = current(target);
        if (current == null) {
            return;
        }
        ObjectNode body = mutator.mutate((ObjectNode) current);
        String path = target.collection(namespace) + "/" + victim(target) + write(target);
        String text = DEEP.writeValueAsString(body);
        checkRefusalKeeps(target, current, send("PUT", path, text, "application/json"), text);
    }

    private void patch(FuzzTarget target, String contentType, JsonNode body) {
        JsonNode current = current(target);
        if (current == null) {
            return;
        }
        String text = DEEP.writeValueAsString(body);
        text = random.nextInt(10) == 0 ? mutator.damage(text) : text;
        String path = target.collection(namespace) + "/" + victim(target) + write(target);
        checkRefusalKeeps(target, current, send("PATCH", path, text, contentType), text);
    }

    private void apply(FuzzTarget target) {
        JsonNode current = current(target);
        if (current == null) {
            return;
        }
        ObjectNode body = mutator.mutate(sample(target, victim(target)));
        String text = random.nextBoolean() ? YAML.writeValueAsString(body) : DEEP.writeValueAsString(body);
        String path = target.collection(namespace) + "/" + victim(target) + write(target) + "&fieldManager=fuzz"
                + (random.nextBoolean() ? "&force=true" : "");
        checkRefusalKeeps(target, current, send("PATCH", path, text, "application/apply-patch+yaml"), text);
    }

    private void subresource(FuzzTarget target) {
        if (target.subresources().isEmpty()) {
            create(target);
            return;
        }
        JsonNode current = current(target);
        if (current == null) {
            return;
        }
        Subresource sub = target.subresources().get(random.nextInt(target.subresources().size()));
        ObjectNode body = mutator.mutate(sub.body().apply(victim(target), namespace));
        // binding and eviction would move or remove the object the other writes aim at
        boolean dryRun = target.dryRun() || !sub.name().equals("status");
        String path = target.collection(namespace) + "/" + victim(target) + "/" + sub.name()
                + (dryRun ? "?dryRun=All" : "?fieldManager=fuzz");
        String text = DEEP.writeValueAsString(body);
        checkRefusalKeeps(target, current, send(sub.method(), path, text, "application/json"), text);
    }

    private void delete(FuzzTarget target) {
        ObjectNode options = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "DeleteOptions")
                .put("gracePeriodSeconds", 0).put("propagationPolicy", "Background");
        options.putArray("dryRun").add("All");
        options.putObject("preconditions").put("uid", UUID.randomUUID().toString());
        ObjectNode body = mutator.mutate(options);
        if (!(body.get("dryRun") instanceof ArrayNode list && list.size() == 1 && list.get(0).isString()
                && "All".equals(list.get(0).stringValue()))) {
            body.putArray("dryRun").add("All");
        }
        send("DELETE", target.collection(namespace) + "/" + victim(target) + "?dryRun=All", DEEP.writeValueAsString(body),
                "application/json");
    }

    /** A JSON patch of random operations on paths of the stored object, some of them nonsense. */
    private ArrayNode jsonPatch(FuzzTarget target) {
        JsonNode current = current(target);
        List<String> paths = new ArrayList<>();
        paths(current == null ? JSON.createObjectNode() : current, "", paths);
        paths.add("/no/such/path");
        paths.add("/metadata/labels/~1weird~2");
        paths.add("/spec/containers/-");
        paths.add("");
        ArrayNode ops = JSON.createArrayNode();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            ObjectNode op = ops.addObject();
            op.put("op", List.of("add", "replace", "remove", "test", "move", "copy", "bogus").get(random.nextInt(7)));
            op.put("path", paths.get(random.nextInt(paths.size())));
            op.put("from", paths.get(random.nextInt(paths.size())));
            op.set("value", mutator.value());
        }
        return random.nextInt(4) == 0 ? (ArrayNode) JSON.createArrayNode().add(mutator.mutate(
                (ObjectNode) ops.get(0))) : ops;
    }

    private static void paths(JsonNode node, String at, List<String> into) {
        if (node.isObject()) {
            for (String name : node.propertyNames()) {
                String path = at + "/" + name.replace("~", "~0").replace("/", "~1");
                into.add(path);
                paths(node.get(name), path, into);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                into.add(at + "/" + i);
                paths(node.get(i), at + "/" + i, into);
            }
        }
    }

    /** A YAML document whose aliases multiply into far more nodes than the text holds. */
    private static String aliasBomb(String name, FuzzTarget target) {
        StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n");
        yaml.append("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char prev = (char) (c - 1);
            yaml.append(c).append(": &").append(c).append(" [")
                    .append(String.join(",", java.util.Collections.nCopies(9, "*" + prev))).append("]\n");
        }
        return target.resource().equals("configmaps") ? yaml + "data:\n  k: *j\n" : yaml.toString();
    }

    /** After a refused write, the stored object is as it was. */
    private void checkRefusalKeeps(FuzzTarget target, JsonNode before, Reply reply, String body) {
        if (reply == null || reply.code() < 400 || target.dryRun()) {
            return;
        }
        Reply now = api.get(target.collection(namespace) + "/" + victim(target));
        if (now.code() != 200) {
            fail("after a refused write " + target.resource() + "/" + victim(target) + " answers " + now
                    + "\n  writes accepted before it: " + accepted, "write", body, reply);
            return;
        }
        JsonNode after = now.json();
        if (!comparable(target, after).equals(comparable(target, before))) {
            fail("refused write changed " + target.resource() + "/" + victim(target) + " from "
                    + comparable(target, before) + "\n  to " + comparable(target, after), "write", body, reply);
        }
    }

    private static JsonNode comparable(FuzzTarget target, JsonNode object) {
        ObjectNode copy = (ObjectNode) object.deepCopy();
        ObjectNode metadata = (ObjectNode) copy.get("metadata");
        metadata.remove("resourceVersion");
        metadata.remove("managedFields");
        if (target.volatileStatus()) {
            copy.remove("status");
            metadata.remove("annotations");
        }
        return copy;
    }

    private Reply send(String method, String path, String body, String contentType) {
        requests++;
        Reply reply;
        try {
            reply = api.send(method, path, body, contentType.isEmpty() ? null : contentType, "application/json");
        } catch (IllegalStateException e) {
            fail("no answer: " + e.getCause(), method + " " + path, body, null);
            return null;
        }
        if (reply.code() < 300 && !method.equals("GET")) {
            accepted.addLast(method + " " + path + " " + (body == null ? "" : body.substring(0, Math.min(200, body.length()))));
            if (accepted.size() > 4) {
                accepted.removeFirst();
            }
        }
        if (reply.code() >= 500) {
            fail("server error", method + " " + path + " (" + contentType + ")", body, reply);
        } else if (reply.code() >= 400 && !isStatus(reply)) {
            fail("error without a Status body", method + " " + path + " (" + contentType + ")", body, reply);
        }
        return reply;
    }

    private static boolean isStatus(Reply reply) {
        try {
            JsonNode status = reply.json();
            return "Status".equals(status.path("kind").asString()) && status.path("code").asInt() == reply.code();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void fail(String what, String request, String body, Reply reply) {
        String shown = body == null ? "" : body.length() > 400 ? body.substring(0, 400) + "..." : body;
        String answer = reply == null ? "" : reply.code() + " " + (reply.text().length() > 300
                ? reply.text().substring(0, 300) + "..." : reply.text());
        failures.add(what + "\n  " + request + "\n  body: " + shown + "\n  answer: " + answer);
    }

    private String write(FuzzTarget target) {
        return target.dryRun() ? "?dryRun=All" : "?fieldManager=fuzz";
    }

    private ObjectNode sample(FuzzTarget target, String name) {
        return target.sample().apply(name, namespace);
    }

    private String victim(FuzzTarget target) {
        return "fz-victim-" + target.resource() + (target.namespaced() ? "" : "-" + namespace);
    }

    /** The stored victim, made again if an accepted mutation deleted it. */
    private JsonNode current(FuzzTarget target) {
        Reply reply = api.get(target.collection(namespace) + "/" + victim(target));
        if (reply.code() == 200) {
            return reply.json();
        }
        return ensureVictim(target);
    }

    private JsonNode ensureVictim(FuzzTarget target) {
        Reply created = api.post(target.collection(namespace), sample(target, victim(target)).toString());
        if (created.code() != 201) {
            if (created.code() == 409) {
                // still terminating after an accepted delete
                return null;
            }
            throw new IllegalStateException("the valid " + target.resource() + " sample was refused: " + created);
        }
        return created.json();
    }
}
