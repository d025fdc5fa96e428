package io.kubeling.resources.pods;

import static io.kubeling.resources.pods.PodFixtures.created;
import static io.kubeling.resources.pods.PodFixtures.minimal;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;

class PodDefaultsTest {

    @Test
    void podLevelDefaults() {
        PodSpec spec = created(minimal().build()).getSpec();

        assertThat(spec.getRestartPolicy()).isEqualTo("Always");
        assertThat(spec.getDnsPolicy()).isEqualTo("ClusterFirst");
        assertThat(spec.getSchedulerName()).isEqualTo("default-scheduler");
        assertThat(spec.getTerminationGracePeriodSeconds()).isEqualTo(30L);
        assertThat(spec.getSecurityContext()).isEqualTo(new PodSecurityContext());
        assertThat(spec.getEnableServiceLinks()).isTrue();
        assertThat(spec.getServiceAccountName()).isEqualTo("default");
        assertThat(spec.getServiceAccount()).isEqualTo("default");
        assertThat(spec.getPriority()).isZero();
        assertThat(spec.getPreemptionPolicy()).isEqualTo("PreemptLowerPriority");
    }

    @Test
    void statusIsResetToPendingWithQosClass() {
        Pod pod = minimal().withNewStatus().withPhase("Running").withPodIP("10.0.0.1").endStatus().build();

        created(pod);

        assertThat(pod.getStatus().getPhase()).isEqualTo("Pending");
        assertThat(pod.getStatus().getQosClass()).isEqualTo("BestEffort");
        assertThat(pod.getStatus().getPodIP()).isNull();
        // kube's pods carry metadata.generation from 1.33 only
        assertThat(pod.getMetadata().getGeneration()).isNull();
    }

    @Test
    void defaultTolerationsForUnhealthyNodes() {
        List<Toleration> tolerations = created(minimal().build()).getSpec().getTolerations();

        assertThat(tolerations).containsExactly(
                new Toleration("NoExecute", "node.kubernetes.io/not-ready", "Exists", 300L, null),
                new Toleration("NoExecute", "node.kubernetes.io/unreachable", "Exists", 300L, null));
    }

    @Test
    void existingTolerationsForUnhealthyNodesAreKept() {
        Pod pod = minimal().editSpec()
                .addNewToleration().withKey("node.kubernetes.io/not-ready").withOperator("Exists")
                .withEffect("NoExecute").withTolerationSeconds(60L).endToleration()
                .endSpec().build();

        List<Toleration> tolerations = created(pod).getSpec().getTolerations();

        assertThat(tolerations).extracting(Toleration::getKey, Toleration::getTolerationSeconds).containsExactly(
                org.assertj.core.groups.Tuple.tuple("node.kubernetes.io/not-ready", 60L),
                org.assertj.core.groups.Tuple.tuple("node.kubernetes.io/unreachable", 300L));
    }

    @Test
    void tolerateEverythingNeedsNoDefaults() {
        Pod pod = minimal().editSpec().addNewToleration().withOperator("Exists").endToleration().endSpec().build();

        assertThat(created(pod).getSpec().getTolerations()).hasSize(1);
    }

    @Test
    void containerDefaults() {
        Pod pod = minimal().editSpec()
                .addNewInitContainer().withName("init").withImage("busybox:1.36").endInitContainer()
                .editFirstContainer().addNewPort().withContainerPort(80).endPort().endContainer()
                .endSpec().build();

        PodSpec spec = created(pod).getSpec();

        for (Container c : List.of(spec.getContainers().get(0), spec.getInitContainers().get(0))) {
            assertThat(c.getTerminationMessagePath()).isEqualTo("/dev/termination-log");
            assertThat(c.getTerminationMessagePolicy()).isEqualTo("File");
            assertThat(c.getResources()).isEqualTo(new ResourceRequirements());
        }
        assertThat(spec.getContainers().get(0).getPorts().get(0).getProtocol()).isEqualTo("TCP");
    }

    @Test
    void imagePullPolicyFollowsTheTag() {
        assertThat(pullPolicy("nginx")).isEqualTo("Always");
        assertThat(pullPolicy("nginx:latest")).isEqualTo("Always");
        assertThat(pullPolicy("registry.example.com:5000/team/app")).isEqualTo("Always");
        assertThat(pullPolicy("nginx:1.27")).isEqualTo("IfNotPresent");
        assertThat(pullPolicy("registry.example.com:5000/team/app:v2")).isEqualTo("IfNotPresent");
        assertThat(pullPolicy("nginx@sha256:" + "a".repeat(64))).isEqualTo("IfNotPresent");
        assertThat(pullPolicy("nginx:latest@sha256:" + "a".repeat(64))).isEqualTo("Always");
    }

    @Test
    void explicitImagePullPolicyIsKept() {
        Pod pod = minimal().editSpec().editFirstContainer().withImagePullPolicy("Never").endContainer().endSpec().build();

        assertThat(created(pod).getSpec().getContainers().get(0).getImagePullPolicy()).isEqualTo("Never");
    }

    @Test
    void limitsAreCopiedIntoMissingRequests() {
        Pod pod = minimal().editSpec().editFirstContainer().withNewResources()
                .addToLimits("cpu", new Quantity("500m")).addToLimits("memory", new Quantity("128Mi"))
                .addToRequests("cpu", new Quantity("100m"))
                .endResources().endContainer().endSpec().build();

        Map<String, Quantity> requests = created(pod).getSpec().getContainers().get(0).getResources().getRequests();

        assertThat(requests).containsEntry("cpu", new Quantity("100m")).containsEntry("memory", new Quantity("128Mi"));
    }

    @Test
    void deprecatedServiceAccountFillsServiceAccountName() {
        Pod pod = minimal().editSpec().withServiceAccount("builder").endSpec().build();

        PodSpec spec = created(pod).getSpec();

        assertThat(spec.getServiceAccountName()).isEqualTo("builder");
        assertThat(spec.getServiceAccount()).isEqualTo("builder");
    }

    @Test
    void mirrorPodsGetNoServiceAccount() {
        Pod pod = minimal().editMetadata().addToAnnotations("kubernetes.io/config.mirror", "abc").endMetadata()
                .editSpec().withNodeName("node-1").endSpec().build();

        assertThat(created(pod).getSpec().getServiceAccountName()).isNull();
    }

    @Test
    void hostNetworkMakesContainerPortsHostPorts() {
        Pod pod = minimal().editSpec().withHostNetwork(true)
                .editFirstContainer().addNewPort().withContainerPort(8080).endPort().endContainer().endSpec().build();

        assertThat(created(pod).getSpec().getContainers().get(0).getPorts().get(0).getHostPort()).isEqualTo(8080);
    }

    @Test
    void probeAndVolumeDefaults() {
        Pod pod = minimal().editSpec()
                .addNewVolume().withName("scratch").endVolume()
                .addNewVolume().withName("conf").withNewConfigMap().withName("cm").endConfigMap().endVolume()
                .editFirstContainer().withNewReadinessProbe().withNewHttpGet().withNewPort(80).endHttpGet()
                .endReadinessProbe().endContainer()
                .endSpec().build();

        PodSpec spec = created(pod).getSpec();

        assertThat(spec.getVolumes().get(0).getEmptyDir()).isNotNull();
        assertThat(spec.getVolumes().get(1).getConfigMap().getDefaultMode()).isEqualTo(0644);
        var probe = spec.getContainers().get(0).getReadinessProbe();
        assertThat(List.of(probe.getTimeoutSeconds(), probe.getPeriodSeconds(), probe.getSuccessThreshold(),
                probe.getFailureThreshold())).containsExactly(1, 10, 1, 3);
        assertThat(probe.getHttpGet().getPath()).isEqualTo("/");
        assertThat(probe.getHttpGet().getScheme()).isEqualTo("HTTP");
    }

    @Test
    void systemPriorityClassesResolve() {
        Pod pod = minimal().editSpec().withPriorityClassName("system-node-critical").endSpec().build();

        assertThat(created(pod).getSpec().getPriority()).isEqualTo(2000001000);
    }

    private static String pullPolicy(String image) {
        Pod pod = minimal().editSpec().editFirstContainer().withImage(image).endContainer().endSpec().build();
        return created(pod).getSpec().getContainers().get(0).getImagePullPolicy();
    }
}
