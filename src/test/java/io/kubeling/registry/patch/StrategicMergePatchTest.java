package io.kubeling.registry.patch;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StrategicMergePatchTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String POD = """
            {"apiVersion": "v1", "kind": "Pod",
             "metadata": {"name": "web", "labels": {"app": "web", "tier": "frontend"},
                          "finalizers": ["a/one", "b/two"]},
             "spec": {
               "containers": [
                 {"name": "app", "image": "nginx:1.25", "args": ["--port", "80"],
                  "env": [{"name": "MODE", "value": "prod"}],
                  "ports": [{"containerPort": 80, "protocol": "TCP"}],
                  "resources": {"limits": {"cpu": "500m", "memory": "256Mi"}}},
                 {"name": "sidecar", "image": "envoy:1.30"}],
               "volumes": [{"name": "cache", "emptyDir": {"sizeLimit": "1Gi"}}],
               "securityContext": {"runAsUser": 1000},
               "tolerations": [{"key": "dedicated", "operator": "Exists"}]}}
            """;

    private static final String DEPLOYMENT = """
            {"apiVersion": "apps/v1", "kind": "Deployment",
             "metadata": {"name": "web", "namespace": "default"},
             "spec": {
               "replicas": 2,
               "selector": {"matchLabels": {"app": "web"}},
               "strategy": {"type": "RollingUpdate",
                            "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}},
               "template": {
                 "metadata": {"labels": {"app": "web"}},
                 "spec": {"containers": [{"name": "web", "image": "nginx:1.25"}]}}}}
            """;

    private static final String SERVICE = """
            {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"},
             "spec": {"selector": {"app": "web"},
                      "ports": [{"name": "http", "port": 80, "targetPort": 8080, "protocol": "TCP"},
                                {"name": "https", "port": 443, "targetPort": 8443, "protocol": "TCP"}]}}
            """;

    @Nested
    class Maps {

        @Test
        void nullDeletesALabel() {
            JsonNode result = apply(Pod.class, POD, """
                    {"metadata": {"labels": {"tier": null}}}""");

            assertJson(result.at("/metadata/labels"), """
                    {"app": "web"}""");
        }

        @Test
        void nestedObjectsMergeKeyByKey() {
            JsonNode result = apply(Pod.class, POD, """
                    {"metadata": {"labels": {"tier": "backend", "track": "stable"}},
                     "spec": {"securityContext": {"runAsNonRoot": true}}}""");

            assertJson(result.at("/metadata/labels"), """
                    {"app": "web", "tier": "backend", "track": "stable"}""");
            assertJson(result.at("/spec/securityContext"), """
                    {"runAsUser": 1000, "runAsNonRoot": true}""");
        }

        @Test
        void mapOfQuantitiesMergesPerResource() {
            JsonNode result = apply(Pod.class, POD, """
                    {"spec": {"containers": [{"name": "app", "resources": {"limits": {"cpu": "1"}}}]}}""");

            assertJson(result.at("/spec/containers/0/resources/limits"), """
                    {"cpu": "1", "memory": "256Mi"}""");
        }

        @Test
        void replaceDirectiveReplacesTheWholeMap() {
            JsonNode result = apply(Pod.class, POD, """
                    {"metadata": {"labels": {"$patch": "replace", "team": "edge"}}}""");

            assertJson(result.at("/metadata/labels"), """
                    {"team": "edge"}""");
        }

        @Test
        void deleteDirectiveEmptiesTheMapAsKubeDoes() {
            JsonNode result = apply(Pod.class, POD, """
                    {"spec": {"securityContext": {"$patch": "delete"}}}""");

            assertJson(result.at("/spec/securityContext"), "{}");
        }

        @Test
        void mergeDirectiveIsRefusedOnAMapAsKubeDoes() {
            assertThatThrownBy(() -> apply(Pod.class, POD, """
                    {"metadata": {"labels": {"$patch": "merge", "tier": "backend"}}}"""))
                    .isInstanceOf(PatchException.class)
                    .hasMessage("unknown patch type: merge in map: map[$patch:merge tier:backend]");
        }

        @Test
        void mergeDirectiveIsRefusedInAListAsKubeDoes() {
            assertThatThrownBy(() -> apply(Pod.class, POD, """
                    {"spec": {"containers": [{"$patch": "merge", "name": "web"}]}}"""))
                    .isInstanceOf(PatchException.class)
                    .hasMessage("merging lists cannot yet be specified in the patch");
        }

        @Test
        void unknownPropertiesMergeAsPlainMapsAndTheirListsAreReplaced() {
            JsonNode result = apply(Pod.class, """
                    {"spec": {"x-extra": {"a": 1, "b": {"c": 2}, "list": [1, 2]}}}""", """
                    {"spec": {"x-extra": {"b": {"d": 3}, "list": [3]}}}""");

            assertJson(result, """
                    {"spec": {"x-extra": {"a": 1, "b": {"c": 2, "d": 3}, "list": [3]}}}""");
        }

        @Test
        void untypedObjectsMergeAsPlainMaps() {
            JsonNode result = StrategicMergePatch.apply(json("""
                    {"spec": {"size": 1, "items": ["a"]}}"""), json("""
                    {"spec": {"items": ["b"], "color": "red"}}"""), null);

            assertJson(result, """
                    {"spec": {"size": 1, "items": ["b"], "color": "red"}}""");
        }
    }

    @Nested
    class ListsMergedByKey {

        @Test
        void changesOneContainersImageByName() {
            JsonNode result = apply(Pod.class, POD, """
                    {"spec": {"containers": [{"name": "sidecar", "image": "envoy:1.31"}]}}""");

            JsonNode expected = json(POD);
            ((tools.jackson.databind.node.ObjectNode) expected.at("/spec/containers/1")).put("image", "envoy:1.31");
            assertJson(result, expected.toString());
        }

        @Test
        void addsAnEnvVarAheadOfExistingOnesLikeKubeWithoutAnOrder() {
            JsonNode result = apply(Pod.class, POD, """
                    {"spec": {"containers": [{"name": "app", "env": [{"name": "LOG", "value": "debug"}]}]}}""");

            assertJson(result.at("/spec/containers/0/env"), """
                    [{"name": "LOG", "value": "debug"}, {"name": "MODE", "value": "prod"}]""");
        }

        @Test
        void addsAnEnvVarWhereSetElementOrderPutsIt() {
            JsonNode result = apply(Pod.class, POD, """
                    {"spec": {"containers": [{"name": "app",
                      "$setElementOrder/env": [{"name": "MODE"}, {"name": "LOG"}],
                      "env": [{"name": "LOG", "value": "debug"}]}]}}""");

            assertJson(result.at("/spec/containers/0/env"), """
                    [{"name": "MODE", "value": "prod"}, {"name": "LOG", "value": "debug"}]""");
        }

        @Test
        void newContainerGoesFirstWithoutAnOrder() {
            JsonNode result = apply(Pod.class, POD, """
                    {"spec": {"containers": [{"name": "proxy", "image": "haproxy:3"}]}}""");

            assertThat(names(result.at("/spec/containers"))).containsExactly("proxy", "app", "sidecar");
        }

        @Test
        void deleteDirectiveRemovesAContainer() {
            JsonNode result = apply(Pod.class, POD, """
                    {"spec": {"containers": [{"name": "sidecar", "$patch": "delete"}]}}""");

            assertThat(names(result.at("/spec/containers"))).containsExactly("app");
            assertJson(result.at("/spec/containers/0"), json(POD).at("/spec/containers/0").toString());
        }

        @Test
        void replaceDirectiveReplacesTheWholeList() {
            JsonNode result = apply(Pod.class, POD, """
                    {"spec": {"containers": [{"$patch": "replace"}, {"name": "only", "image": "busybox"}]}}""");

            assertJson(result.at("/spec/containers"), """
                    [{"name": "only", "image": "busybox"}]""");
        }

        @Test
        void servicePortsMergeByPort() {
            JsonNode result = apply(Service.class, SERVICE, """
                    {"spec": {"ports": [{"port": 443, "targetPort": 9443}]}}""");

            assertJson(result.at("/spec/ports"), """
                    [{"name": "http", "port": 80, "targetPort": 8080, "protocol": "TCP"},
                     {"name": "https", "port": 443, "targetPort": 9443, "protocol": "TCP"}]""");
        }

        @Test
        void mergeKeysCompareAsNumbersLikeGoFloats() {
            JsonNode result = apply(Service.class, SERVICE, """
                    {"spec": {"ports": [{"port": 443.0, "name": "tls"}]}}""");

            assertThat(names(result.at("/spec/ports"))).containsExactly("http", "tls");
        }

        @Test
        void ownerReferencesMergeByUid() {
            JsonNode result = apply(Pod.class, """
                    {"metadata": {"ownerReferences": [
                      {"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-1", "uid": "u1"},
                      {"apiVersion": "v1", "kind": "Node", "name": "n1", "uid": "u2"}]}}""", """
                    {"metadata": {"ownerReferences": [{"uid": "u1", "controller": true}]}}""");

            assertJson(result.at("/metadata/ownerReferences"), """
                    [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-1", "uid": "u1",
                      "controller": true},
                     {"apiVersion": "v1", "kind": "Node", "name": "n1", "uid": "u2"}]""");
        }

        @Test
        void topologySpreadConstraintsMergeByTopologyKey() {
            JsonNode result = apply(Pod.class, """
                    {"spec": {"topologySpreadConstraints": [
                      {"topologyKey": "zone", "maxSkew": 1, "whenUnsatisfiable": "DoNotSchedule"}]}}""", """
                    {"spec": {"topologySpreadConstraints": [{"topologyKey": "zone", "maxSkew": 2}]}}""");

            assertJson(result.at("/spec/topologySpreadConstraints"), """
                    [{"topologyKey": "zone", "maxSkew": 2, "whenUnsatisfiable": "DoNotSchedule"}]""");
        }

        @Test
        void statusConditionsMergeByType() {
            JsonNode job = apply(Job.class, """
                    {"status": {"conditions": [{"type": "Complete", "status": "False"},
                                               {"type": "Suspended", "status": "False"}]}}""", """
                    {"status": {"conditions": [{"type": "Complete", "status": "True"}]}}""");
            JsonNode node = apply(Node.class, """
                    {"status": {"conditions": [{"type": "Ready", "status": "False"}],
                                "addresses": [{"type": "InternalIP", "address": "10.0.0.1"}]}}""", """
                    {"status": {"conditions": [{"type": "Ready", "status": "True"}],
                                "addresses": [{"type": "Hostname", "address": "n1"}]}}""");

            assertJson(job.at("/status/conditions"), """
                    [{"type": "Complete", "status": "True"}, {"type": "Suspended", "status": "False"}]""");
            assertJson(node.at("/status/conditions"), """
                    [{"type": "Ready", "status": "True"}]""");
            assertJson(node.at("/status/addresses"), """
                    [{"type": "Hostname", "address": "n1"}, {"type": "InternalIP", "address": "10.0.0.1"}]""");
        }

        @Test
        void serviceAccountSecretsMergeByName() {
            JsonNode result = apply(ServiceAccount.class, """
                    {"secrets": [{"name": "token-a"}], "imagePullSecrets": [{"name": "reg-a"}]}""", """
                    {"secrets": [{"name": "token-a", "namespace": "default"}],
                     "imagePullSecrets": [{"name": "reg-b"}]}""");

            assertJson(result, """
                    {"secrets": [{"name": "token-a", "namespace": "default"}],
                     "imagePullSecrets": [{"name": "reg-b"}]}""");
        }
    }

    @Nested
    class ListsReplacedOrUnioned {

        @Test
        void argsAreReplacedWholesale() {
            JsonNode result = apply(Pod.class, POD, """
                    {"spec": {"containers": [{"name": "app", "args": ["--port", "8080"]}]}}""");

            assertJson(result.at("/spec/containers/0/args"), """
                    ["--port", "8080"]""");
        }

        @Test
        void tolerationsAndTaintsAreAtomic() {
            JsonNode pod = apply(Pod.class, POD, """
                    {"spec": {"tolerations": [{"key": "gpu", "operator": "Exists"}]}}""");
            JsonNode node = apply(Node.class, """
                    {"spec": {"taints": [{"key": "a", "effect": "NoSchedule"}]}}""", """
                    {"spec": {"taints": [{"key": "b", "effect": "NoExecute"}]}}""");

            assertJson(pod.at("/spec/tolerations"), """
                    [{"key": "gpu", "operator": "Exists"}]""");
            assertJson(node.at("/spec/taints"), """
                    [{"key": "b", "effect": "NoExecute"}]""");
        }

        @Test
        void finalizersAreUnionedWithoutDuplicates() {
            JsonNode result = apply(Pod.class, POD, """
                    {"metadata": {"finalizers": ["b/two", "c/three"]}}""");

            assertJson(result.at("/metadata/finalizers"), """
                    ["a/one", "b/two", "c/three"]""");
        }

        @Test
        void deleteFromPrimitiveListRemovesFinalizers() {
            JsonNode result = apply(Pod.class, POD, """
                    {"metadata": {"$deleteFromPrimitiveList/finalizers": ["a/one", "z/absent"]}}""");

            assertJson(result.at("/metadata/finalizers"), """
                    ["b/two"]""");
        }

        @Test
        void setElementOrderOrdersPrimitives() {
            JsonNode result = apply(Pod.class, POD, """
                    {"metadata": {"$setElementOrder/finalizers": ["b/two", "a/one", "c/three"],
                                  "finalizers": ["c/three"]}}""");

            assertJson(result.at("/metadata/finalizers"), """
                    ["b/two", "a/one", "c/three"]""");
        }
    }

    @Nested
    class Ordering {

        @Test
        void setElementOrderReordersContainers() {
            JsonNode result = apply(Pod.class, POD, """
                    {"spec": {"$setElementOrder/containers": [{"name": "sidecar"}, {"name": "app"}]}}""");

            assertThat(names(result.at("/spec/containers"))).containsExactly("sidecar", "app");
            assertJson(result.at("/spec/containers/1"), json(POD).at("/spec/containers/0").toString());
        }

        @Test
        void itemsTheOrderDoesNotNameKeepTheirServerPlace() {
            JsonNode result = apply(Pod.class, """
                    {"spec": {"containers": [{"name": "a"}, {"name": "b"}, {"name": "c"}]}}""", """
                    {"spec": {"$setElementOrder/containers": [{"name": "c"}, {"name": "a"}]}}""");

            assertThat(names(result.at("/spec/containers"))).containsExactly("b", "c", "a");
        }

        @Test
        void patchItemsMissingFromTheOrderAreRejected() {
            assertThatThrownBy(() -> apply(Pod.class, POD, """
                    {"spec": {"$setElementOrder/containers": [{"name": "app"}],
                              "containers": [{"name": "sidecar", "image": "x"}]}}"""))
                    .isInstanceOf(PatchException.class)
                    .hasMessage("The order in patch list:\n[map[image:x name:sidecar]]\n doesn't match "
                            + "$setElementOrder list:\n[map[name:app]]\n");
        }
    }

    @Nested
    class RetainKeys {

        @Test
        void volumeSwitchesFromEmptyDirToConfigMap() {
            JsonNode result = apply(Pod.class, POD, """
                    {"spec": {"volumes": [{"name": "cache", "$retainKeys": ["configMap", "name"],
                                           "configMap": {"name": "web-config"}}]}}""");

            assertJson(result.at("/spec/volumes"), """
                    [{"name": "cache", "configMap": {"name": "web-config"}}]""");
        }

        @Test
        void withoutRetainKeysTheOldSourceStays() {
            JsonNode result = apply(Pod.class, POD, """
                    {"spec": {"volumes": [{"name": "cache", "configMap": {"name": "web-config"}}]}}""");

            assertJson(result.at("/spec/volumes"), """
                    [{"name": "cache", "emptyDir": {"sizeLimit": "1Gi"}, "configMap": {"name": "web-config"}}]""");
        }

        @Test
        void deploymentStrategySwitchesToRecreate() {
            JsonNode result = apply(Deployment.class, DEPLOYMENT, """
                    {"spec": {"strategy": {"$retainKeys": ["type"], "rollingUpdate": null, "type": "Recreate"}}}""");

            assertJson(result.at("/spec/strategy"), """
                    {"type": "Recreate"}""");
        }

        @Test
        void patchMaySetOnlyRetainedKeys() {
            assertThatThrownBy(() -> apply(Deployment.class, DEPLOYMENT, """
                    {"spec": {"strategy": {"$retainKeys": ["type"], "type": "RollingUpdate",
                                           "rollingUpdate": {"maxSurge": 1}}}}"""))
                    .isInstanceOf(PatchException.class)
                    .hasMessage("invalid patch format of retainKeys");
        }

        @Test
        void directivesOfANewVolumeAreAppliedToo() {
            JsonNode result = apply(Pod.class, POD, """
                    {"spec": {"$setElementOrder/volumes": [{"name": "cache"}, {"name": "data"}],
                              "volumes": [{"name": "data", "$retainKeys": ["emptyDir", "name"], "emptyDir": {}}]}}""");

            assertJson(result.at("/spec/volumes"), """
                    [{"name": "cache", "emptyDir": {"sizeLimit": "1Gi"}}, {"name": "data", "emptyDir": {}}]""");
        }
    }

    @Nested
    class KubectlPatches {

        @Test
        void rolloutRestartAnnotatesThePodTemplate() {
            String patch = """
                    {"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2026-01-01T00:00:00Z"}}}}}""";

            JsonNode result = apply(Deployment.class, DEPLOYMENT, patch);

            JsonNode expected = json(DEPLOYMENT);
            ((tools.jackson.databind.node.ObjectNode) expected.at("/spec/template/metadata"))
                    .set("annotations", json("""
                            {"kubectl.kubernetes.io/restartedAt": "2026-01-01T00:00:00Z"}"""));
            assertJson(result, expected.toString());
            assertJson(apply(Deployment.class, result.toString(), patch.replace("2026", "2027"))
                    .at("/spec/template/metadata/annotations"), """
                    {"kubectl.kubernetes.io/restartedAt": "2027-01-01T00:00:00Z"}""");
        }

        @Test
        void applyPatchWithElementOrderKeepsBothContainers() {
            JsonNode result = apply(Pod.class, """
                    {"metadata": {"name": "p"},
                     "spec": {"containers": [{"name": "a", "image": "old"}, {"name": "b", "image": "b:1"}]}}""", """
                    {"metadata": {"annotations": {"kubectl.kubernetes.io/last-applied-configuration": "{}"}},
                     "spec": {"$setElementOrder/containers": [{"name": "a"}, {"name": "b"}],
                              "containers": [{"name": "a", "image": "x"}]}}""");

            assertJson(result, """
                    {"metadata": {"name": "p",
                                  "annotations": {"kubectl.kubernetes.io/last-applied-configuration": "{}"}},
                     "spec": {"containers": [{"name": "a", "image": "x"}, {"name": "b", "image": "b:1"}]}}""");
        }
    }

    @Nested
    class Errors {

        @Test
        void unknownPatchTypeInAListElement() {
            assertThatThrownBy(() -> apply(Pod.class, POD, """
                    {"spec": {"containers": [{"name": "sidecar", "$patch": "foo"}]}}"""))
                    .isInstanceOf(PatchException.class)
                    .hasMessage("unknown patch type: foo in map: map[$patch:foo name:sidecar]");
        }

        @Test
        void unknownPatchTypeInAMap() {
            assertThatThrownBy(() -> apply(Pod.class, POD, """
                    {"metadata": {"labels": {"$patch": "foo", "replicas": 3}}}"""))
                    .isInstanceOf(PatchException.class)
                    .hasMessage("unknown patch type: foo in map: map[$patch:foo replicas:3]");
        }

        @Test
        void patchMustBeAnObject() {
            assertThatThrownBy(() -> apply(Pod.class, POD, "[{\"op\": \"add\"}]"))
                    .isInstanceOf(PatchException.class)
                    .hasMessage("json: cannot unmarshal array into Go value of type map[string]interface {}");
            assertThatThrownBy(() -> apply(Pod.class, POD, "\"spec\""))
                    .isInstanceOf(PatchException.class)
                    .hasMessage("json: cannot unmarshal string into Go value of type map[string]interface {}");
        }

        @Test
        void mergedListItemsNeedTheirMergeKey() {
            assertThatThrownBy(() -> apply(Pod.class, POD, """
                    {"spec": {"containers": [{"image": "busybox"}]}}"""))
                    .isInstanceOf(PatchException.class)
                    .hasMessage("map: map[image:busybox] does not contain declared merge key: name");
        }

        @Test
        void directivePrefixesNeedAListName() {
            assertThatThrownBy(() -> apply(Pod.class, POD, """
                    {"metadata": {"$deleteFromPrimitiveList": ["a/one"]}}"""))
                    .isInstanceOf(PatchException.class)
                    .hasMessage("invalid patch format of primitive list");
        }
    }

    @Nested
    class Contract {

        @Test
        void inputsAreNotModified() {
            JsonNode original = json(POD);
            JsonNode patch = json("""
                    {"metadata": {"labels": {"tier": null}, "$deleteFromPrimitiveList/finalizers": ["a/one"]},
                     "spec": {"$setElementOrder/containers": [{"name": "sidecar"}, {"name": "app"}],
                              "containers": [{"name": "app", "image": "x", "env": [{"name": "A", "value": "1"}]}],
                              "volumes": [{"name": "cache", "$retainKeys": ["name"]}]}}""");
            JsonNode originalBefore = original.deepCopy();
            JsonNode patchBefore = patch.deepCopy();

            JsonNode result = StrategicMergePatch.apply(original, patch, Pod.class);

            assertThat((Object) original).isEqualTo(originalBefore);
            assertThat((Object) patch).isEqualTo(patchBefore);
            assertNoDirectives(result);
            assertThat(names(result.at("/spec/containers"))).containsExactly("sidecar", "app");
        }

        @Test
        void nullPatchChangesNothing() {
            assertJson(StrategicMergePatch.apply(json(POD), json("null"), Pod.class), POD);
        }
    }

    @Nested
    class Metadata {

        @ParameterizedTest
        @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
                io.fabric8.kubernetes.api.model.ObjectMeta              | finalizers                | merge            | -             | set    | -
                io.fabric8.kubernetes.api.model.ObjectMeta              | ownerReferences           | merge            | uid           | map    | uid
                io.fabric8.kubernetes.api.model.PodSpec                 | containers                | merge            | name          | map    | name
                io.fabric8.kubernetes.api.model.PodSpec                 | initContainers            | merge            | name          | map    | name
                io.fabric8.kubernetes.api.model.PodSpec                 | ephemeralContainers       | merge            | name          | map    | name
                io.fabric8.kubernetes.api.model.PodSpec                 | volumes                   | merge,retainKeys | name          | map    | name
                io.fabric8.kubernetes.api.model.PodSpec                 | imagePullSecrets          | merge            | name          | map    | name
                io.fabric8.kubernetes.api.model.PodSpec                 | hostAliases               | merge            | ip            | map    | ip
                io.fabric8.kubernetes.api.model.PodSpec                 | tolerations               | replace          | -             | atomic | -
                io.fabric8.kubernetes.api.model.PodSpec                 | topologySpreadConstraints | merge            | topologyKey   | map    | topologyKey,whenUnsatisfiable
                io.fabric8.kubernetes.api.model.PodSpec                 | readinessGates            | replace          | -             | atomic | -
                io.fabric8.kubernetes.api.model.PodSpec                 | schedulingGates           | merge            | name          | map    | name
                io.fabric8.kubernetes.api.model.PodSpec                 | resourceClaims            | merge,retainKeys | name          | map    | name
                io.fabric8.kubernetes.api.model.Container               | env                       | merge            | name          | map    | name
                io.fabric8.kubernetes.api.model.Container               | ports                     | merge            | containerPort | map    | containerPort,protocol
                io.fabric8.kubernetes.api.model.Container               | volumeMounts              | merge            | mountPath     | map    | mountPath
                io.fabric8.kubernetes.api.model.Container               | volumeDevices             | merge            | devicePath    | map    | devicePath
                io.fabric8.kubernetes.api.model.Container               | resizePolicy              | replace          | -             | atomic | -
                io.fabric8.kubernetes.api.model.Container               | args                      | replace          | -             | atomic | -
                io.fabric8.kubernetes.api.model.EphemeralContainer      | env                       | merge            | name          | map    | name
                io.fabric8.kubernetes.api.model.PodStatus               | conditions                | merge            | type          | map    | type
                io.fabric8.kubernetes.api.model.ServiceSpec             | ports                     | merge            | port          | map    | port,protocol
                io.fabric8.kubernetes.api.model.ServiceAccount          | secrets                   | merge            | name          | map    | name
                io.fabric8.kubernetes.api.model.EndpointSubset          | addresses                 | replace          | -             | atomic | -
                io.fabric8.kubernetes.api.model.NodeSpec                | taints                    | replace          | -             | atomic | -
                io.fabric8.kubernetes.api.model.NodeStatus              | conditions                | merge            | type          | map    | type
                io.fabric8.kubernetes.api.model.NodeStatus              | addresses                 | merge            | type          | map    | type
                io.fabric8.kubernetes.api.model.NamespaceStatus         | conditions                | merge            | type          | map    | type
                io.fabric8.kubernetes.api.model.apps.DeploymentSpec     | strategy                  | retainKeys       | -             | -      | -
                io.fabric8.kubernetes.api.model.apps.DeploymentStatus   | conditions                | merge            | type          | map    | type
                io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus   | conditions                | merge            | type          | map    | type
                io.fabric8.kubernetes.api.model.batch.v1.JobStatus      | conditions                | merge            | type          | atomic | -
                """)
        void matchesKubeTags(String owner, String property, String strategy, String mergeKey, String listType,
                             String listMapKeys) throws ClassNotFoundException {
            PatchMetadata.Field field = PatchMetadata.of(Class.forName(owner), property).orElseThrow();

            assertThat(field.strategy()).isEqualTo(strategy);
            assertThat(field.mergeKey()).isEqualTo(mergeKey);
            assertThat(field.listType()).isEqualTo(listType);
            assertThat(field.listMapKeys())
                    .isEqualTo(listMapKeys == null ? List.of() : List.of(listMapKeys.split(",")));
        }

        @Test
        void fieldCarriesTheElementClassAndStrategyFlags() {
            PatchMetadata.Field volumes = PatchMetadata.of(PodSpec.class, "volumes").orElseThrow();
            PatchMetadata.Field strategy = PatchMetadata.of(DeploymentSpec.class, "strategy").orElseThrow();

            assertThat(PatchMetadata.of(PodSpec.class, "containers").orElseThrow().elementType())
                    .isEqualTo(Container.class);
            assertThat(volumes.mergesLists()).isTrue();
            assertThat(volumes.retainsKeys()).isTrue();
            assertThat(strategy.elementType()).isEqualTo(DeploymentStrategy.class);
            assertThat(strategy.mergesLists()).isFalse();
            assertThat(strategy.retainsKeys()).isTrue();
        }

        @Test
        void untaggedPropertiesGetKubeDefaults() {
            assertThat(PatchMetadata.of(PodSpec.class, "nodeSelector").orElseThrow())
                    .isEqualTo(new PatchMetadata.Field("merge", null, null, List.of(), null));
            assertThat(PatchMetadata.of(PodSpec.class, "hostname").orElseThrow().strategy()).isEqualTo("replace");
            assertThat(PatchMetadata.of(PodSpec.class, "noSuchField")).isEmpty();
        }

        @Test
        void childTypeWalksDownTheModel() {
            assertThat(PatchMetadata.childType(Pod.class, "spec")).contains(PodSpec.class);
            assertThat(PatchMetadata.childType(Pod.class, "metadata")).contains(ObjectMeta.class);
            assertThat(PatchMetadata.childType(PodSpec.class, "containers")).contains(Container.class);
            assertThat(PatchMetadata.childType(ResourceRequirements.class, "limits")).contains(Quantity.class);
            assertThat(PatchMetadata.childType(ObjectMeta.class, "labels")).isEmpty();
            assertThat(PatchMetadata.childType(PodSpec.class, "noSuchField")).isEmpty();
        }
    }

    private static JsonNode apply(Class<?> type, String original, String patch) {
        JsonNode result = StrategicMergePatch.apply(json(original), json(patch), type);
        assertNoDirectives(result);
        return result;
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    private static void assertJson(JsonNode actual, String expected) {
        assertThat((Object) actual).isEqualTo(json(expected));
    }

    private static List<String> names(JsonNode list) {
        return list.values().stream().map(item -> item.get("name").asString()).toList();
    }

    private static void assertNoDirectives(JsonNode node) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                assertThat(entry.getKey()).doesNotStartWith("$patch").doesNotStartWith("$retainKeys")
                        .doesNotStartWith("$setElementOrder").doesNotStartWith("$deleteFromPrimitiveList");
                assertNoDirectives(entry.getValue());
            }
        } else if (node.isArray()) {
            node.values().forEach(StrategicMergePatchTest::assertNoDirectives);
        }
    }
}
