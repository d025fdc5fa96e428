package io.kubeling.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.kubeling.controllers.StoppedCluster;
import io.kubeling.registry.patch.StrategicMergePatch;
import io.kubeling.resources.serviceaccounts.ServiceAccountAdmission;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where a write's managed fields are recorded: as kube's create, update and patch handlers record them, on the
 * decoded object with its scheme defaults, before mutating admission and the strategy, so that what admission
 * and the strategy add (the service account token volume, tolerations, priority, the status) is no one's.
 */
class ResourceStoreManagedFieldsOrderTest {

    private static final JsonMapper JSON = new JsonMapper();

    /**
     * What kube 1.32 records for the pod {@code kubectl run web --image=nginx} sends: its fields and the v1
     * defaults (SetDefaults_Pod, SetDefaults_PodSpec, SetDefaults_Container), none of what the ServiceAccount,
     * Priority and DefaultTolerationSeconds plugins add, as {@code kubectl get pod -o yaml --show-managed-fields}
     * shows it.
     */
    private static final String CREATED = """
            {"f:metadata":{"f:labels":{".":{},"f:run":{}}},
             "f:spec":{"f:containers":{"k:{\\"name\\":\\"web\\"}":{".":{},"f:image":{},"f:imagePullPolicy":{},
               "f:name":{},"f:resources":{},"f:terminationMessagePath":{},"f:terminationMessagePolicy":{}}},
              "f:dnsPolicy":{},"f:enableServiceLinks":{},"f:restartPolicy":{},"f:schedulerName":{},
              "f:securityContext":{},"f:terminationGracePeriodSeconds":{}}}""";

    /** A mutating admission of the test's own, run after the service account plugin. */
    @FunctionalInterface
    private interface Mutation {
        void apply(HasMetadata object);
    }

    private static Admission mutating(Mutation mutation) {
        return new Admission() {
            @Override
            public <T extends HasMetadata> T mutate(AdmissionRequest<T> request) {
                if (request.object() instanceof Pod) {
                    mutation.apply(request.object());
                }
                return request.object();
            }
        };
    }

    private static StoppedCluster cluster(StoppedCluster[] holder, Admission more) {
        StoppedCluster cluster = new StoppedCluster(List.of(), List.of(
                new ServiceAccountAdmission(() -> holder[0].registry, true), more));
        holder[0] = cluster;
        cluster.create(new NamespaceBuilder().withNewMetadata().withName("mf").endMetadata().build());
        cluster.create(new ServiceAccountBuilder().withNewMetadata().withName("default").withNamespace("mf")
                .endMetadata().build());
        return cluster;
    }

    /** The pod {@code kubectl run web --image=nginx} sends. */
    private static Pod run() {
        return new PodBuilder().withNewMetadata().withName("web").withLabels(Map.of("run", "web")).endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage("nginx").endContainer().endSpec().build();
    }

    private static JsonNode fields(Pod pod, String manager) {
        return pod.getMetadata().getManagedFields().stream().filter(e -> e.getManager().equals(manager))
                .map(e -> (JsonNode) JSON.valueToTree(e.getFieldsV1())).findFirst().orElse(null);
    }

    private static List<String> managers(Pod pod) {
        return pod.getMetadata().getManagedFields().stream().map(e -> e.getManager() + ":" + e.getOperation())
                .toList();
    }

    @Test
    void aCreatedPodOwnsWhatItsClientSentAndTheSchemeDefaultsButNotWhatAdmissionAdded() {
        StoppedCluster[] holder = new StoppedCluster[1];
        try (StoppedCluster cluster = cluster(holder, mutating(pod -> pod.getMetadata().setAnnotations(
                Map.of("injected", "yes"))))) {
            Pod pod = cluster.registry.store(Pod.class).create("mf", run(), new WriteOptions(false, "kubectl-run"));

            assertThat(pod.getSpec().getVolumes()).hasSize(1);
            assertThat(pod.getSpec().getTolerations()).hasSize(2);
            assertThat(pod.getMetadata().getAnnotations()).containsEntry("injected", "yes");
            assertThat(managers(pod)).containsExactly("kubectl-run:Update");
            assertThat(fields(pod, "kubectl-run")).isEqualTo(JSON.readTree(CREATED));
        }
    }

    @Test
    void aPutOwnsTheLabelItChangedAndNothingAdmissionAddedBefore() {
        StoppedCluster[] holder = new StoppedCluster[1];
        try (StoppedCluster cluster = cluster(holder, mutating(pod -> { }))) {
            ResourceStore<Pod> pods = cluster.registry.store(Pod.class);
            pods.create("mf", run(), new WriteOptions(false, "kubectl-run"));

            // the object as read, one label added: kube's field manager compares it with the live object
            Pod labelled = pods.update("mf", "web", null, current -> {
                current.getMetadata().getLabels().put("tier", "front");
                return current;
            }, new WriteOptions(false, "kubectl-label")).object();

            assertThat(managers(labelled)).containsExactlyInAnyOrder("kubectl-run:Update", "kubectl-label:Update");
            assertThat(fields(labelled, "kubectl-label"))
                    .isEqualTo(JSON.readTree("{\"f:metadata\":{\"f:labels\":{\"f:tier\":{}}}}"));
            assertThat(fields(labelled, "kubectl-run")).isEqualTo(JSON.readTree(CREATED));
        }
    }

    @Test
    void aStrategicPatchOwnsWhatItChangedAndTakesItFromTheCreator() throws Exception {
        StoppedCluster[] holder = new StoppedCluster[1];
        try (StoppedCluster cluster = cluster(holder, mutating(pod -> { }))) {
            ResourceStore<Pod> pods = cluster.registry.store(Pod.class);
            pods.create("mf", run(), new WriteOptions(false, "kubectl-run"));
            JsonNode patch = JSON.readTree("""
                    {"spec":{"activeDeadlineSeconds":60,"containers":[{"name":"web","image":"nginx:1.27"}]}}""");

            // as the API's patch: the patch applied to the current object, the result decoded and written
            Pod patched = pods.update("mf", "web", null, current -> {
                try {
                    JsonNode merged = StrategicMergePatch.apply(cluster.codec.mapper().valueToTree(current), patch,
                            Pod.class);
                    return cluster.codec.fromTree(merged, Pod.class);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }, new WriteOptions(false, "kubectl-patch")).object();

            assertThat(fields(patched, "kubectl-patch")).isEqualTo(JSON.readTree("""
                    {"f:spec":{"f:activeDeadlineSeconds":{},
                     "f:containers":{"k:{\\"name\\":\\"web\\"}":{"f:image":{}}}}}"""));
            ObjectNode creator = (ObjectNode) JSON.readTree(CREATED);
            ((ObjectNode) creator.at("/f:spec/f:containers/k:{\"name\":\"web\"}")).remove("f:image");
            assertThat(fields(patched, "kubectl-run")).isEqualTo(creator);
        }
    }

    @Test
    void anEphemeralContainerIsOwnedWithItsDefaultsThroughItsSubresource() {
        StoppedCluster[] holder = new StoppedCluster[1];
        try (StoppedCluster cluster = cluster(holder, mutating(pod -> { }))) {
            ResourceStore<Pod> pods = cluster.registry.store(Pod.class);
            pods.create("mf", run(), new WriteOptions(false, "kubectl-run"));

            // what kubectl debug -it web --image=busybox sends to pods/ephemeralcontainers
            Pod debugged = pods.update("mf", "web", "ephemeralcontainers", current -> {
                current.getSpec().getEphemeralContainers().add(new io.fabric8.kubernetes.api.model
                        .EphemeralContainerBuilder().withName("debugger").withImage("busybox").withStdin(true)
                        .withTty(true).build());
                return current;
            }, new WriteOptions(false, "kubectl-debug")).object();

            // kube's entry for it, defaults included, as --show-managed-fields shows it
            assertThat(fields(debugged, "kubectl-debug")).isEqualTo(JSON.readTree("""
                    {"f:spec":{"f:ephemeralContainers":{".":{},"k:{\\"name\\":\\"debugger\\"}":{".":{},"f:image":{},
                     "f:imagePullPolicy":{},"f:name":{},"f:resources":{},"f:stdin":{},
                     "f:terminationMessagePath":{},"f:terminationMessagePolicy":{},"f:tty":{}}}}}"""));
        }
    }

    @Test
    void aCreatedDeploymentOwnsItsSchemeDefaults() {
        StoppedCluster[] holder = new StoppedCluster[1];
        try (StoppedCluster cluster = cluster(holder, mutating(pod -> { }))) {
            // what kubectl create deployment web --image=nginx sends
            Deployment sent = new DeploymentBuilder().withNewMetadata().withName("web")
                    .withLabels(Map.of("app", "web")).endMetadata().withNewSpec().withReplicas(1)
                    .withNewSelector().withMatchLabels(Map.of("app", "web")).endSelector().withNewTemplate()
                    .withNewMetadata().withLabels(Map.of("app", "web")).endMetadata().withNewSpec()
                    .addNewContainer().withName("nginx").withImage("nginx").endContainer().endSpec().endTemplate()
                    .endSpec().build();

            Deployment created = cluster.registry.store(Deployment.class).create("mf", sent,
                    new WriteOptions(false, "kubectl-create"));

            // kube 1.32's entry for it: the apps/v1 defaults (SetDefaults_Deployment and the pod template's) are
            // the client's, as --show-managed-fields shows them
            assertThat((JsonNode) JSON.valueToTree(created.getMetadata().getManagedFields().get(0).getFieldsV1()))
                    .isEqualTo(JSON.readTree("""
                        {"f:metadata":{"f:labels":{".":{},"f:app":{}}},
                         "f:spec":{"f:progressDeadlineSeconds":{},"f:replicas":{},"f:revisionHistoryLimit":{},
                          "f:selector":{},
                          "f:strategy":{"f:rollingUpdate":{".":{},"f:maxSurge":{},"f:maxUnavailable":{}},"f:type":{}},
                          "f:template":{"f:metadata":{"f:labels":{".":{},"f:app":{}}},
                           "f:spec":{"f:containers":{"k:{\\"name\\":\\"nginx\\"}":{".":{},"f:image":{},
                             "f:imagePullPolicy":{},"f:name":{},"f:resources":{},"f:terminationMessagePath":{},
                             "f:terminationMessagePolicy":{}}},
                            "f:dnsPolicy":{},"f:restartPolicy":{},"f:schedulerName":{},"f:securityContext":{},
                            "f:terminationGracePeriodSeconds":{}}}}}"""));
        }
    }

    @Test
    void aCreatedServiceOwnsItsSchemeDefaultsButNotWhatItsStorageFillsIn() {
        StoppedCluster[] holder = new StoppedCluster[1];
        try (StoppedCluster cluster = cluster(holder, mutating(pod -> { }))) {
            // what kubectl create service clusterip my --tcp=80:8080 sends
            Service sent = new ServiceBuilder().withNewMetadata().withName("my").withLabels(Map.of("app", "my"))
                    .endMetadata().withNewSpec().withType("ClusterIP").withSelector(Map.of("app", "my"))
                    .addNewPort().withName("80-8080").withPort(80).withProtocol("TCP")
                    .withTargetPort(new IntOrString(8080)).endPort().endSpec().build();

            Service created = cluster.registry.store(Service.class).create("mf", sent,
                    new WriteOptions(false, "kubectl-create"));

            assertThat(created.getSpec().getIpFamilyPolicy()).isEqualTo("SingleStack");
            // kube 1.32's entry: SetDefaults_Service's fields are the client's, what the REST storage allocates
            // (cluster IPs, IP families) no one's
            assertThat((JsonNode) JSON.valueToTree(created.getMetadata().getManagedFields().get(0).getFieldsV1()))
                    .isEqualTo(JSON.readTree("""
                            {"f:metadata":{"f:labels":{".":{},"f:app":{}}},
                             "f:spec":{"f:internalTrafficPolicy":{},
                              "f:ports":{".":{},"k:{\\"port\\":80,\\"protocol\\":\\"TCP\\"}":{".":{},"f:name":{},
                               "f:port":{},"f:protocol":{},"f:targetPort":{}}},
                              "f:selector":{},"f:sessionAffinity":{},"f:type":{}}}"""));
        }
    }

    @Test
    void managedFieldsAdmissionLeftInvalidAreResetWithKubesWarning() {
        StoppedCluster[] holder = new StoppedCluster[1];
        try (StoppedCluster cluster = cluster(holder, mutating(pod -> pod.getMetadata().setManagedFields(
                List.of(new ManagedFieldsEntryBuilder().withManager("hook").withOperation("Mutate")
                        .withApiVersion("v1").withFieldsType("FieldsV1").build()))))) {
            List<String> warnings = new ArrayList<>();
            Pod pod = RequestWarnings.collect(warnings, () -> cluster.registry.store(Pod.class).create("mf", run(),
                    new WriteOptions(false, "kubectl-run")));

            assertThat(managers(pod)).containsExactly("kubectl-run:Update");
            assertThat(fields(pod, "kubectl-run")).isEqualTo(JSON.readTree(CREATED));
            assertThat(warnings).containsExactly(".metadata.managedFields was in an invalid state after admission; "
                    + "this could be caused by an outdated mutating admission controller; please fix your requests: "
                    + "operation must be `Apply` or `Update`");
        }
    }

    @Test
    void validManagedFieldsAdmissionChangedAreKept() {
        ManagedFieldsEntry own = new ManagedFieldsEntryBuilder().withManager("hook").withOperation("Update")
                .withApiVersion("v1").withFieldsType("FieldsV1").withNewFieldsV1()
                .addToAdditionalProperties("f:metadata", Map.of("f:annotations", Map.of("f:injected", Map.of())))
                .endFieldsV1().build();
        StoppedCluster[] holder = new StoppedCluster[1];
        try (StoppedCluster cluster = cluster(holder, mutating(pod -> {
            List<ManagedFieldsEntry> entries = new ArrayList<>(pod.getMetadata().getManagedFields());
            entries.add(own);
            pod.getMetadata().setManagedFields(entries);
        }))) {
            List<String> warnings = new ArrayList<>();
            Pod pod = RequestWarnings.collect(warnings, () -> cluster.registry.store(Pod.class).create("mf", run(),
                    new WriteOptions(false, "kubectl-run")));

            assertThat(managers(pod)).containsExactly("kubectl-run:Update", "hook:Update");
            assertThat(warnings).isEmpty();
        }
    }

    @Test
    void serverSideApplyOwnsTheAppliedConfigurationOnly() {
        StoppedCluster[] holder = new StoppedCluster[1];
        try (StoppedCluster cluster = cluster(holder, mutating(pod -> { }))) {
            ObjectNode config = (ObjectNode) JSON.readTree("""
                    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"mf"},
                     "spec":{"containers":[{"name":"web","image":"nginx"}]}}""");

            Pod pod = cluster.registry.store(Pod.class).apply("mf", "web", null, config, false,
                    new WriteOptions(false, "applier")).object();

            assertThat(pod.getSpec().getVolumes()).hasSize(1);
            assertThat(managers(pod)).containsExactly("applier:Apply");
            assertThat(fields(pod, "applier")).isEqualTo(JSON.readTree("""
                    {"f:spec":{"f:containers":{"k:{\\"name\\":\\"web\\"}":{".":{},"f:image":{},"f:name":{}}}}}"""));
        }
    }
}
