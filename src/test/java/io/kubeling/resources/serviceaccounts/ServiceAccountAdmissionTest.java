package io.kubeling.resources.serviceaccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.kubeling.controllers.StoppedCluster;
import io.kubeling.registry.StatusException;
import tools.jackson.databind.json.JsonMapper;

/** The ServiceAccount admission plugin's projected token volume, on pods written through the registry. */
class ServiceAccountAdmissionTest {

    private static Pod pod(String name, Boolean automount) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("sa").endMetadata().withNewSpec()
                .withAutomountServiceAccountToken(automount)
                .addNewInitContainer().withName("init").withImage("busybox").endInitContainer()
                .addNewContainer().withName("app").withImage("nginx").endContainer()
                .addNewContainer().withName("own").withImage("nginx").addNewVolumeMount().withName("mine")
                .withMountPath(ServiceAccountAdmission.MOUNT_PATH).endVolumeMount().endContainer()
                .addNewVolume().withName("mine").withNewEmptyDir().endEmptyDir().endVolume()
                .endSpec().build();
    }

    @Test
    void theTokenVolumeIsTheOneTheModelsBuildersMakeToTheByte() {
        Volume built = new io.fabric8.kubernetes.api.model.VolumeBuilder().withName("kube-api-access-abcde")
                .withNewProjected().withDefaultMode(420)
                .addNewSource().withNewServiceAccountToken().withExpirationSeconds(3607L).withPath("token")
                .endServiceAccountToken().endSource()
                .addNewSource().withNewConfigMap().withName("kube-root-ca.crt").addNewItem().withKey("ca.crt")
                .withPath("ca.crt").endItem().endConfigMap().endSource()
                .addNewSource().withNewDownwardAPI().addNewItem().withPath("namespace").withNewFieldRef()
                .withApiVersion("v1").withFieldPath("metadata.namespace").endFieldRef().endItem().endDownwardAPI()
                .endSource().endProjected().build();
        Volume set = ServiceAccountAdmission.volume("kube-api-access-abcde");
        assertThat(set).isEqualTo(built);
        JsonMapper json = new JsonMapper();
        assertThat(json.writeValueAsString(set)).isEqualTo(json.writeValueAsString(built));
    }

    @Test
    void aNewPodMountsTheProjectedTokenVolumeAsKubesPluginMountsIt() throws Exception {
        StoppedCluster[] holder = new StoppedCluster[1];
        try (StoppedCluster cluster = new StoppedCluster(List.of(),
                List.of(new ServiceAccountAdmission(() -> holder[0].registry, true)))) {
            holder[0] = cluster;
            cluster.create(new NamespaceBuilder().withNewMetadata().withName("sa").endMetadata().build());
            cluster.create(new ServiceAccountBuilder().withNewMetadata().withName("default").withNamespace("sa")
                    .endMetadata().build());
            cluster.create(new ServiceAccountBuilder().withNewMetadata().withName("quiet").withNamespace("sa")
                    .endMetadata().withAutomountServiceAccountToken(false).build());

            Pod web = cluster.create(pod("web", null));
            Volume token = web.getSpec().getVolumes().get(1);
            assertThat(token.getName()).matches("kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}");
            assertThat(new JsonMapper().readTree(new JsonMapper().writeValueAsString(token.getProjected())))
                    .isEqualTo(new JsonMapper().readTree("""
                            {"defaultMode":420,"sources":[
                             {"serviceAccountToken":{"expirationSeconds":3607,"path":"token"}},
                             {"configMap":{"items":[{"key":"ca.crt","path":"ca.crt"}],"name":"kube-root-ca.crt"}},
                             {"downwardAPI":{"items":[{"fieldRef":{"apiVersion":"v1","fieldPath":"metadata.namespace"},
                               "path":"namespace"}]}}]}"""));
            VolumeMount expected = new io.fabric8.kubernetes.api.model.VolumeMountBuilder()
                    .withMountPath(ServiceAccountAdmission.MOUNT_PATH).withName(token.getName()).withReadOnly(true)
                    .build();
            assertThat(web.getSpec().getInitContainers().get(0).getVolumeMounts()).containsExactly(expected);
            assertThat(web.getSpec().getContainers().get(0).getVolumeMounts()).containsExactly(expected);
            assertThat(web.getSpec().getContainers().get(1).getVolumeMounts()).extracting(VolumeMount::getName)
                    .containsExactly("mine");
            assertThat(web.getSpec().getServiceAccountName()).isEqualTo("default");

            assertThat(cluster.create(pod("off", false)).getSpec().getVolumes()).extracting(Volume::getName)
                    .containsExactly("mine");
            Pod quiet = pod("quiet", null);
            quiet.getSpec().setServiceAccountName("quiet");
            assertThat(cluster.create(quiet).getSpec().getVolumes()).extracting(Volume::getName)
                    .containsExactly("mine");
            Pod insisting = pod("insisting", true);
            insisting.getSpec().setServiceAccountName("quiet");
            assertThat(cluster.create(insisting).getSpec().getVolumes()).hasSize(2);
        }
    }

    @Test
    void aPodNamingAnAccountThatDoesNotExistIsRefusedAsKubeRefusesIt() throws Exception {
        StoppedCluster[] holder = new StoppedCluster[1];
        AtomicInteger pauses = new AtomicInteger();
        try (StoppedCluster cluster = new StoppedCluster(List.of(), List.of(new ServiceAccountAdmission(
                () -> holder[0].registry, false, () -> {
                    pauses.incrementAndGet();
                    return Duration.ZERO;
                })))) {
            holder[0] = cluster;
            cluster.create(new NamespaceBuilder().withNewMetadata().withName("sa").endMetadata().build());
            Pod robot = pod("robot", null);
            robot.getSpec().setServiceAccountName("robot");
            assertThatThrownBy(() -> cluster.create(robot)).isInstanceOfSatisfying(StatusException.class, e -> {
                assertThat(e.code()).isEqualTo(403);
                assertThat(e.getMessage()).isEqualTo("pods \"robot\" is forbidden: error looking up service account"
                        + " sa/robot: serviceaccount \"robot\" not found");
            });
            assertThat(pauses.get()).isZero();

            // the default account is looked for ten times, as the controller makes it soon after the namespace
            Pod generated = pod(null, null);
            generated.getMetadata().setGenerateName("web-");
            assertThatThrownBy(() -> cluster.create(generated)).isInstanceOfSatisfying(StatusException.class,
                    e -> assertThat(e.getMessage()).isEqualTo("pods \"web-\" is forbidden: error looking up service"
                            + " account sa/default: serviceaccount \"default\" not found"));
            assertThat(pauses.get()).isEqualTo(9);
            assertThat(cluster.list(Pod.class, "sa")).isEmpty();

            Pod mirror = pod("static-web", null);
            mirror.getMetadata().setAnnotations(java.util.Map.of("kubernetes.io/config.mirror", "abc"));
            assertThat(cluster.create(mirror).getSpec().getServiceAccountName()).isNull();
        }
    }

    @Test
    void aPodWaitsForTheDefaultAccountThatAppearsWhileItIsLookedFor() throws Exception {
        StoppedCluster[] holder = new StoppedCluster[1];
        try (StoppedCluster cluster = new StoppedCluster(List.of(), List.of(new ServiceAccountAdmission(
                () -> holder[0].registry, false, () -> {
                    if (!holder[0].exists(ServiceAccount.class, "sa", "default")) {
                        holder[0].create(new ServiceAccountBuilder().withNewMetadata().withName("default")
                                .withNamespace("sa").endMetadata().build());
                    }
                    return Duration.ZERO;
                })))) {
            holder[0] = cluster;
            cluster.create(new NamespaceBuilder().withNewMetadata().withName("sa").endMetadata().build());
            assertThat(cluster.create(pod("web", null)).getSpec().getServiceAccountName()).isEqualTo("default");
        }
    }
}
