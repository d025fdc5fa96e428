package io.kubeling.registry.fields;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.kubeling.registry.StatusException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class FieldManagerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    private final FieldManager configMaps = new FieldManager(ConfigMap.class, "v1", false, CLOCK);
    private final FieldManager pods = new FieldManager(Pod.class, "v1", true, CLOCK);

    private static ObjectNode json(String text) {
        return (ObjectNode) JSON.readTree(text);
    }

    @Test
    void aCreateOwnsEverythingItSetsWithTheAddedMapsThemselves() {
        JsonNode entries = configMaps.update(null, json("""
                {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","uid":"u","labels":{"app":"x"}},
                 "data":{"k":"v"}}"""), "kubectl-create", null);
        assertThat(entries).isEqualTo(JSON.readTree("""
                [{"manager":"kubectl-create","operation":"Update","apiVersion":"v1","time":"2026-01-02T03:04:05Z",
                  "fieldsType":"FieldsV1",
                  "fieldsV1":{"f:data":{".":{},"f:k":{}},"f:metadata":{"f:labels":{".":{},"f:app":{}}}}}]"""));
    }

    @Test
    void anUpdateTakesTheFieldsItChangesFromTheirOwners() {
        ObjectNode live = json("""
                {"metadata":{"name":"a","managedFields":[{"manager":"a","operation":"Update","apiVersion":"v1",
                  "time":"2020-01-01T00:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:data":{".":{},"f:k":{},"f:j":{}}}}]},
                 "data":{"k":"v","j":"w"}}""");
        ObjectNode updated = live.deepCopy();
        ((ObjectNode) updated.get("data")).put("k", "changed");
        JsonNode entries = configMaps.update(live, updated, "b", null);
        assertThat(entries.get(0).path("fieldsV1")).isEqualTo(JSON.readTree("{\"f:data\":{\".\":{},\"f:j\":{}}}"));
        assertThat(entries.get(0).path("time").asString()).isEqualTo("2020-01-01T00:00:00Z");
        assertThat(entries.get(1).path("manager").asString()).isEqualTo("b");
        assertThat(entries.get(1).path("fieldsV1")).isEqualTo(JSON.readTree("{\"f:data\":{\"f:k\":{}}}"));
    }

    @Test
    void anUpdateThatChangesNothingKeepsTheEntriesAsTheyWere() {
        ObjectNode live = json("""
                {"metadata":{"name":"a","managedFields":[{"manager":"a","operation":"Update","apiVersion":"v1",
                  "time":"2020-01-01T00:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:data":{".":{},"f:k":{}}}}]},
                 "data":{"k":"v"}}""");
        JsonNode before = live.path("metadata").path("managedFields").deepCopy();
        assertThat(configMaps.update(live, live.deepCopy(), "b", null)).isEqualTo(before);
    }

    @Test
    void statusThroughTheMainResourceIsNotOwned() {
        JsonNode entries = pods.update(null, json("""
                {"metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"i"}]},"status":{"phase":"Pending"}}"""),
                "m", null);
        assertThat(entries.get(0).path("fieldsV1")).isEqualTo(JSON.readTree(
                "{\"f:spec\":{\"f:containers\":{\"k:{\\\"name\\\":\\\"c\\\"}\":{\".\":{},\"f:image\":{},\"f:name\":{}}}}}"));
    }

    @Test
    void aTypedStatusUpdateKeepsTheEntriesItLeavesAloneAndOwnsWhatItSet() {
        Pod pod = JSON.treeToValue(json("""
                {"metadata":{"name":"p","managedFields":[{"manager":"kubectl-run","operation":"Update","apiVersion":"v1",
                  "time":"2020-01-01T00:00:00Z","fieldsType":"FieldsV1",
                  "fieldsV1":{"f:spec":{"f:containers":{"k:{\\"name\\":\\"c\\"}":{".":{},"f:image":{},"f:name":{}}}}}}]},
                 "spec":{"containers":[{"name":"c","image":"i"}]},"status":{"phase":"Pending"}}"""), Pod.class);
        ManagedFieldsEntry creator = pod.getMetadata().getManagedFields().get(0);
        ObjectNode live = json("""
                {"metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"i"}]},"status":{"phase":"Pending"}}""");
        ObjectNode updated = json("""
                {"metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"changed"}]},
                 "status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}]}}""");

        List<ManagedFieldsEntry> entries = pods.update(live, pod.getMetadata().getManagedFields(), updated,
                pod.getMetadata().getManagedFields(), "kubelet", "status");

        assertThat(entries).hasSize(2);
        assertThat(entries.get(0)).isEqualTo(creator);
        assertThat(entries.get(0).getFieldsV1()).isSameAs(creator.getFieldsV1());
        ManagedFieldsEntry kubelet = entries.get(1);
        assertThat(kubelet.getManager()).isEqualTo("kubelet");
        assertThat(kubelet.getSubresource()).isEqualTo("status");
        assertThat(kubelet.getTime()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat((JsonNode) JSON.valueToTree(kubelet.getFieldsV1())).isEqualTo(JSON.readTree("""
                {"f:status":{"f:conditions":{".":{},"k:{\\"type\\":\\"Ready\\"}":{".":{},"f:status":{},"f:type":{}}},
                 "f:phase":{}}}"""));
    }

    @Test
    void applyMergesKeyedListsAndOwnsOnlyWhatTheConfigurationSets() {
        ObjectNode live = json("""
                {"metadata":{"name":"p"},"spec":{"containers":[{"name":"a","image":"x","imagePullPolicy":"Always"}]}}""");
        FieldManager.Applied applied = pods.apply(live, json("""
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"b","image":"y"}]}}"""),
                "ssa", null, false);
        assertThat(applied.object().path("spec").path("containers").findValuesAsString("name")).containsExactly("a", "b");
        assertThat(applied.object().path("spec").path("containers").get(0).path("imagePullPolicy").asString())
                .isEqualTo("Always");
        JsonNode entry = applied.object().path("metadata").path("managedFields").get(0);
        assertThat(entry.path("operation").asString()).isEqualTo("Apply");
        assertThat(entry.path("fieldsV1")).isEqualTo(JSON.readTree(
                "{\"f:spec\":{\"f:containers\":{\"k:{\\\"name\\\":\\\"b\\\"}\":{\".\":{},\"f:image\":{},\"f:name\":{}}}}}"));
    }

    @Test
    void conflictsNameEveryFieldAndManagerAndForceTakesThem() {
        FieldManager deployments = new FieldManager(Deployment.class, "apps/v1", true, CLOCK);
        ObjectNode live = json("""
                {"metadata":{"name":"d","managedFields":[{"manager":"kubectl-scale","operation":"Update",
                  "apiVersion":"apps/v1","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:replicas":{}}}}]},
                 "spec":{"replicas":3}}""");
        ObjectNode config = json("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"spec\":{\"replicas\":5}}");
        assertThatThrownBy(() -> deployments.apply(live, config, "ssa", null, false))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(409);
                    assertThat(e.status().getMessage()).isEqualTo(
                            "Apply failed with 1 conflict: conflict with \"kubectl-scale\" using apps/v1: .spec.replicas");
                    assertThat(e.status().getDetails().getCauses().get(0).getReason()).isEqualTo("FieldManagerConflict");
                });
        FieldManager.Applied forced = deployments.apply(live, config, "ssa", null, true);
        assertThat(forced.object().path("spec").path("replicas").asInt()).isEqualTo(5);
        JsonNode entries = forced.object().path("metadata").path("managedFields");
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).path("manager").asString()).isEqualTo("ssa");
    }

    @Test
    void theSameValueIsSharedWithoutConflict() {
        ObjectNode live = json("""
                {"metadata":{"name":"a","managedFields":[{"manager":"other","operation":"Apply",
                  "fieldsType":"FieldsV1","fieldsV1":{"f:data":{"f:k":{}}}}]},"data":{"k":"v"}}""");
        FieldManager.Applied applied = configMaps.apply(live, json("{\"data\":{\"k\":\"v\"}}"), "me", null, false);
        assertThat(applied.changed()).isFalse();
        assertThat(applied.object().path("metadata").path("managedFields")).hasSize(2);
    }

    @Test
    void fieldsAnApplierDropsGoUnlessSomeoneElseOwnsThem() {
        ObjectNode live = json("""
                {"metadata":{"name":"a","managedFields":[
                  {"manager":"me","operation":"Apply","fieldsType":"FieldsV1","fieldsV1":{"f:data":{"f:k":{},"f:j":{},"f:i":{}}}},
                  {"manager":"other","operation":"Update","apiVersion":"v1","fieldsType":"FieldsV1","fieldsV1":{"f:data":{"f:j":{}}}}]},
                 "data":{"k":"v","j":"w","i":"x"}}""");
        FieldManager.Applied applied = configMaps.apply(live, json("{\"data\":{\"i\":\"x\"}}"), "me", null, false);
        assertThat(applied.object().path("data")).isEqualTo(JSON.readTree("{\"j\":\"w\",\"i\":\"x\"}"));
    }
}
