package io.kubeling.resources.pods;

import static io.kubeling.resources.pods.PodFixtures.createErrors;
import static io.kubeling.resources.pods.PodFixtures.minimal;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;

class PodValidationTest {

    private static final String LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case alphanumeric "
            + "characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or "
            + "'123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    @Test
    void minimalPodIsValid() {
        assertThat(createErrors(minimal().build())).isEmpty();
    }

    @Test
    void atLeastOneContainer() {
        Pod pod = new PodBuilder().withNewMetadata().withName("p").endMetadata().withNewSpec().endSpec().build();

        assertThat(createErrors(pod)).containsExactly("spec.containers: Required value");
    }

    @Test
    void containerNameRequired() {
        Pod pod = minimal().editSpec().editFirstContainer().withName(null).endContainer().endSpec().build();

        assertThat(createErrors(pod)).containsExactly("spec.containers[0].name: Required value");
    }

    @Test
    void containerNameMustBeDnsLabel() {
        Pod pod = minimal().editSpec().editFirstContainer().withName("Web_1").endContainer().endSpec().build();

        assertThat(createErrors(pod)).containsExactly("spec.containers[0].name: Invalid value: \"Web_1\": " + LABEL_MSG);
    }

    @Test
    void containerNamesUnique() {
        Pod pod = minimal().editSpec().addNewContainer().withName("a").withImage("redis").endContainer().endSpec().build();

        assertThat(createErrors(pod)).containsExactly("spec.containers[1].name: Duplicate value: \"a\"");
    }

    @Test
    void containerNamesUniqueAcrossInitContainers() {
        Pod pod = minimal().editSpec().addNewInitContainer().withName("a").withImage("busybox").endInitContainer()
                .endSpec().build();

        assertThat(createErrors(pod)).containsExactly("spec.initContainers[0].name: Duplicate value: \"a\"");
    }

    @Test
    void imageRequired() {
        Pod pod = minimal().editSpec().editFirstContainer().withImage(null).endContainer().endSpec().build();

        assertThat(createErrors(pod)).containsExactly("spec.containers[0].image: Required value");
    }

    @Test
    void imageWithoutSurroundingWhitespace() {
        Pod pod = minimal().editSpec().editFirstContainer().withImage(" nginx").endContainer().endSpec().build();

        assertThat(createErrors(pod)).containsExactly(
                "spec.containers[0].image: Invalid value: \" nginx\": must not have leading or trailing whitespace");
    }

    @Test
    void containerPortRange() {
        Pod pod = minimal().editSpec().editFirstContainer().addNewPort().withContainerPort(70000).endPort()
                .endContainer().endSpec().build();

        assertThat(createErrors(pod)).containsExactly(
                "spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive");
    }

    @Test
    void containerPortRequired() {
        Pod pod = minimal().editSpec().editFirstContainer().addNewPort().withName("http").endPort()
                .endContainer().endSpec().build();

        assertThat(createErrors(pod)).containsExactly("spec.containers[0].ports[0].containerPort: Required value");
    }

    @Test
    void hostPortRange() {
        Pod pod = minimal().editSpec().editFirstContainer().addNewPort().withContainerPort(80).withHostPort(-1).endPort()
                .endContainer().endSpec().build();

        assertThat(createErrors(pod)).containsExactly(
                "spec.containers[0].ports[0].hostPort: Invalid value: -1: must be between 1 and 65535, inclusive");
    }

    @Test
    void protocolSupported() {
        Pod pod = minimal().editSpec().editFirstContainer().addNewPort().withContainerPort(80).withProtocol("HTTP")
                .endPort().endContainer().endSpec().build();

        assertThat(createErrors(pod)).containsExactly("spec.containers[0].ports[0].protocol: Unsupported value: "
                + "\"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"");
    }

    @Test
    void portNamesAreIanaServiceNames() {
        Pod pod = minimal().editSpec().editFirstContainer()
                .addNewPort().withName("Http--1").withContainerPort(80).endPort()
                .endContainer().endSpec().build();

        assertThat(createErrors(pod)).containsExactly(
                "spec.containers[0].ports[0].name: Invalid value: \"Http--1\": must contain only alpha-numeric "
                        + "characters (a-z, 0-9), and hyphens (-)",
                "spec.containers[0].ports[0].name: Invalid value: \"Http--1\": must not contain consecutive hyphens");
    }

    @Test
    void portNamesUnique() {
        Pod pod = minimal().editSpec().editFirstContainer()
                .addNewPort().withName("http").withContainerPort(80).endPort()
                .addNewPort().withName("http").withContainerPort(81).endPort()
                .endContainer().endSpec().build();

        assertThat(createErrors(pod)).containsExactly("spec.containers[0].ports[1].name: Duplicate value: \"http\"");
    }

    @Test
    void hostPortsUniqueAcrossContainers() {
        Pod pod = minimal().editSpec()
                .editFirstContainer().addNewPort().withContainerPort(80).withHostPort(8080).endPort().endContainer()
                .addNewContainer().withName("b").withImage("nginx")
                .addNewPort().withContainerPort(81).withHostPort(8080).endPort().endContainer()
                .endSpec().build();

        assertThat(createErrors(pod)).containsExactly(
                "spec.containers[1].ports[0].hostPort: Duplicate value: \"TCP//8080\"");
    }

    @Test
    void restartPolicySupported() {
        Pod pod = minimal().editSpec().withRestartPolicy("Sometimes").endSpec().build();

        assertThat(createErrors(pod)).containsExactly("spec.restartPolicy: Unsupported value: \"Sometimes\": "
                + "supported values: \"Always\", \"OnFailure\", \"Never\"");
    }

    @Test
    void dnsPolicySupported() {
        Pod pod = minimal().editSpec().withDnsPolicy("Google").endSpec().build();

        assertThat(createErrors(pod)).containsExactly("spec.dnsPolicy: Unsupported value: \"Google\": supported "
                + "values: \"ClusterFirstWithHostNet\", \"ClusterFirst\", \"Default\", \"None\"");
    }

    @Test
    void imagePullPolicySupported() {
        Pod pod = minimal().editSpec().editFirstContainer().withImagePullPolicy("Sometimes").endContainer()
                .endSpec().build();

        assertThat(createErrors(pod)).containsExactly("spec.containers[0].imagePullPolicy: Unsupported value: "
                + "\"Sometimes\": supported values: \"Always\", \"IfNotPresent\", \"Never\"");
    }

    @Test
    void volumeNamesUniqueDnsLabels() {
        Pod pod = minimal().editSpec()
                .addNewVolume().withName("data").withNewEmptyDir().endEmptyDir().endVolume()
                .addNewVolume().withName("data").withNewEmptyDir().endEmptyDir().endVolume()
                .addNewVolume().withName("Bad").withNewEmptyDir().endEmptyDir().endVolume()
                .endSpec().build();

        assertThat(createErrors(pod)).containsExactly(
                "spec.volumes[1].name: Duplicate value: \"data\"",
                "spec.volumes[2].name: Invalid value: \"Bad\": " + LABEL_MSG);
    }

    @Test
    void volumeWithTwoSources() {
        Pod pod = minimal().editSpec()
                .addNewVolume().withName("data").withNewEmptyDir().endEmptyDir()
                .withNewSecret().withSecretName("s").endSecret().endVolume()
                .endSpec().build();

        assertThat(createErrors(pod)).containsExactly(
                "spec.volumes[0].secret: Forbidden: may not specify more than 1 volume type");
    }

    @Test
    void volumeMountsReferToVolumes() {
        Pod pod = minimal().editSpec().editFirstContainer()
                .addNewVolumeMount().withName("x").withMountPath("/data").endVolumeMount()
                .endContainer().endSpec().build();

        assertThat(createErrors(pod)).containsExactly("spec.containers[0].volumeMounts[0].name: Not found: \"x\"");
    }

    @Test
    void volumeMountsOfExistingVolumesAreValid() {
        Pod pod = minimal().editSpec()
                .addNewVolume().withName("x").withNewEmptyDir().endEmptyDir().endVolume()
                .editFirstContainer().addNewVolumeMount().withName("x").withMountPath("/data").endVolumeMount()
                .endContainer().endSpec().build();

        assertThat(createErrors(pod)).isEmpty();
    }

    @Test
    void mountPathsUnique() {
        Pod pod = minimal().editSpec()
                .addNewVolume().withName("x").withNewEmptyDir().endEmptyDir().endVolume()
                .addNewVolume().withName("y").withNewEmptyDir().endEmptyDir().endVolume()
                .editFirstContainer()
                .addNewVolumeMount().withName("x").withMountPath("/data").endVolumeMount()
                .addNewVolumeMount().withName("y").withMountPath("/data").endVolumeMount()
                .endContainer().endSpec().build();

        assertThat(createErrors(pod)).containsExactly(
                "spec.containers[0].volumeMounts[1].mountPath: Invalid value: \"/data\": must be unique");
    }

    @Test
    void envVarNames() {
        Pod pod = minimal().editSpec().editFirstContainer()
                .addNewEnv().withName("A=B").withValue("1").endEnv()
                .addNewEnv().withValue("2").endEnv()
                .addNewEnv().withName("1.allowed-since-1.32").withValue("3").endEnv()
                .endContainer().endSpec().build();

        assertThat(createErrors(pod)).containsExactly(
                "spec.containers[0].env[0].name: Invalid value: \"A=B\": a valid environment variable name must "
                        + "consist only of printable ASCII characters other than '='",
                "spec.containers[0].env[1].name: Required value");
    }

    @Test
    void envValueFromOneSource() {
        Pod pod = minimal().editSpec().editFirstContainer()
                .addNewEnv().withName("A").withNewValueFrom().endValueFrom().endEnv()
                .addNewEnv().withName("B").withNewValueFrom().withNewFieldRef().withFieldPath("spec.nodeName")
                .endFieldRef().endValueFrom().endEnv()
                .addNewEnv().withName("C").withNewValueFrom().withNewFieldRef().withFieldPath("status.phase")
                .endFieldRef().endValueFrom().endEnv()
                .endContainer().endSpec().build();

        assertThat(createErrors(pod)).containsExactly(
                "spec.containers[0].env[0].valueFrom: Invalid value: \"\": must specify one of: `fieldRef`, "
                        + "`resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`",
                "spec.containers[0].env[2].valueFrom.fieldRef.fieldPath: Unsupported value: \"status.phase\": "
                        + "supported values: \"metadata.name\", \"metadata.namespace\", \"metadata.uid\", "
                        + "\"spec.nodeName\", \"spec.serviceAccountName\", \"status.hostIP\", \"status.hostIPs\", "
                        + "\"status.podIP\", \"status.podIPs\"");
    }

    @Test
    void requestsNotAboveLimits() {
        Pod pod = minimal().editSpec().editFirstContainer().withNewResources()
                .addToLimits("cpu", new Quantity("1")).addToRequests("cpu", new Quantity("2"))
                .endResources().endContainer().endSpec().build();

        assertThat(createErrors(pod)).containsExactly(
                "spec.containers[0].resources.requests: Invalid value: \"2\": must be less than or equal to cpu limit of 1");
    }

    @Test
    void quantitiesNotNegative() {
        Pod pod = minimal().editSpec().editFirstContainer().withNewResources()
                .addToRequests("memory", new Quantity("-1Gi"))
                .endResources().endContainer().endSpec().build();

        assertThat(createErrors(pod)).containsExactly(
                "spec.containers[0].resources.requests[memory]: Invalid value: \"-1Gi\": must be greater than or equal to 0");
    }

    @Test
    void containerResourceNamesStandardOrQualified() {
        Pod pod = minimal().editSpec().editFirstContainer().withNewResources()
                .addToRequests("gpu", new Quantity("1"))
                .endResources().endContainer().endSpec().build();

        assertThat(createErrors(pod)).containsExactly(
                "spec.containers[0].resources.requests[gpu]: Invalid value: \"gpu\": must be a standard resource type or fully qualified",
                "spec.containers[0].resources.requests[gpu]: Invalid value: \"gpu\": must be a standard resource for containers");
    }

    @Test
    void extendedResourcesCannotBeOvercommitted() {
        Pod pod = minimal().editSpec().editFirstContainer().withNewResources()
                .addToLimits("example.com/gpu", new Quantity("2")).addToRequests("example.com/gpu", new Quantity("1"))
                .endResources().endContainer().endSpec().build();

        assertThat(createErrors(pod)).containsExactly(
                "spec.containers[0].resources.requests: Invalid value: \"1\": must be equal to example.com/gpu limit of 2");
    }

    @Test
    void activeDeadlineSecondsPositive() {
        Pod pod = minimal().editSpec().withActiveDeadlineSeconds(0L).endSpec().build();

        assertThat(createErrors(pod)).containsExactly(
                "spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive");
    }

    @Test
    void negativeGracePeriodIsAllowedWithAWarning() {
        Pod pod = minimal().editSpec().withTerminationGracePeriodSeconds(-5L).endSpec().build();

        assertThat(createErrors(pod)).isEmpty();
        assertThat(new PodStrategy().warnings(pod)).containsExactly(
                "spec.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be treated as 1");
    }

    @Test
    void tolerations() {
        Pod pod = minimal().editSpec()
                .addNewToleration().withOperator("Equal").withValue("x").endToleration()
                .addNewToleration().withKey("k").withOperator("Like").endToleration()
                .addNewToleration().withKey("k").withTolerationSeconds(5L).withEffect("NoSchedule").endToleration()
                .endSpec().build();

        assertThat(createErrors(pod)).containsExactly(
                "spec.tolerations[0].operator: Invalid value: \"Equal\": operator must be Exists when `key` is empty, "
                        + "which means \"match all values and all keys\"",
                "spec.tolerations[1].operator: Unsupported value: \"Like\": supported values: \"Equal\", \"Exists\"",
                "spec.tolerations[2].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when "
                        + "`tolerationSeconds` is set");
    }

    @Test
    void initContainersMayNotProbeUnlessSidecars() {
        Pod pod = minimal().editSpec()
                .addNewInitContainer().withName("init").withImage("busybox")
                .withNewReadinessProbe().withNewExec().withCommand("true").endExec().endReadinessProbe()
                .endInitContainer()
                .addNewInitContainer().withName("sidecar").withImage("envoy").withRestartPolicy("Always")
                .withNewReadinessProbe().withNewExec().withCommand("true").endExec().endReadinessProbe()
                .endInitContainer()
                .endSpec().build();

        assertThat(createErrors(pod)).containsExactly(
                "spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without "
                        + "restartPolicy=Always");
    }

    @Test
    void regularContainersHaveNoRestartPolicy() {
        Pod pod = minimal().editSpec().editFirstContainer().withRestartPolicy("Always").endContainer().endSpec().build();

        assertThat(createErrors(pod)).containsExactly(
                "spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers");
    }

    @Test
    void probesNeedAHandler() {
        Pod pod = minimal().editSpec().editFirstContainer().withNewLivenessProbe().withSuccessThreshold(2)
                .endLivenessProbe().endContainer().endSpec().build();

        assertThat(createErrors(pod)).containsExactly(
                "spec.containers[0].livenessProbe: Required value: must specify a handler type",
                "spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1");
    }

    @Test
    void hostNetworkPortsMatch() {
        Pod pod = minimal().editSpec().withHostNetwork(true).editFirstContainer()
                .addNewPort().withContainerPort(80).withHostPort(8080).endPort().endContainer().endSpec().build();

        assertThat(createErrors(pod)).containsExactly(
                "spec.containers[0].ports[0].hostPort: Invalid value: 8080: must match `containerPort` when "
                        + "`hostNetwork` is true");
    }

    @Test
    void ephemeralContainersOnlyThroughTheirSubresource() {
        Pod pod = minimal().editSpec().addNewEphemeralContainer().withName("debug").withImage("busybox")
                .withTerminationMessagePolicy("File").withImagePullPolicy("Always").endEphemeralContainer()
                .endSpec().build();

        assertThat(createErrors(pod)).containsExactly("spec.ephemeralContainers: Forbidden: cannot be set on create");
    }

    @Test
    void errorsAreReportedInKubeOrder() {
        Pod pod = minimal().editSpec().withRestartPolicy("Sometimes")
                .editFirstContainer().withImage(null).endContainer().endSpec().build();

        assertThat(createErrors(pod)).containsExactly(
                "spec.containers[0].image: Required value",
                "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"");
    }
}
