package io.kubeling.controllers.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.kubeling.config.ControlPlaneProperties;
import io.kubeling.controllers.StoppedCluster;

class ClusterAddonsTest {

    private final StoppedCluster cluster = new StoppedCluster();

    ClusterAddonsTest() {
        Namespace ns = new Namespace();
        ns.setMetadata(new ObjectMeta());
        ns.getMetadata().setName("kube-system");
        cluster.create(ns);
    }

    @AfterEach
    void close() {
        cluster.close();
    }

    private ClusterAddons addons() {
        return new ClusterAddons(cluster.registry, cluster.codec, "10.96.0.10", "10.96.0.1", "10.244.0.0/16",
                "v1.32.4");
    }

    @Test
    void kubeDnsHoldsTheDnsAddressWithKubeadmsPorts() {
        addons().ensure();

        Service dns = cluster.get(Service.class, "kube-system", "kube-dns");
        assertThat(dns.getSpec().getClusterIP()).isEqualTo("10.96.0.10");
        assertThat(dns.getSpec().getSelector()).isEqualTo(Map.of("k8s-app", "kube-dns"));
        assertThat(dns.getMetadata().getLabels()).containsEntry("k8s-app", "kube-dns");
        assertThat(dns.getSpec().getPorts()).extracting(ServicePort::getName, ServicePort::getPort,
                ServicePort::getProtocol).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("dns", 53, "UDP"),
                        org.assertj.core.groups.Tuple.tuple("dns-tcp", 53, "TCP"),
                        org.assertj.core.groups.Tuple.tuple("metrics", 9153, "TCP"));
    }

    @Test
    void coreDnsRunsAsTwoReplicasOfKubeadmsImage() {
        addons().ensure();

        Deployment coredns = cluster.get(Deployment.class, "kube-system", "coredns");
        assertThat(coredns.getSpec().getReplicas()).isEqualTo(2);
        assertThat(coredns.getSpec().getSelector().getMatchLabels()).isEqualTo(Map.of("k8s-app", "kube-dns"));
        assertThat(coredns.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("k8s-app", "kube-dns");
        PodSpec pod = coredns.getSpec().getTemplate().getSpec();
        assertThat(pod.getContainers().get(0).getImage()).isEqualTo("registry.k8s.io/coredns/coredns:v1.11.3");
        assertThat(pod.getPriorityClassName()).isEqualTo("system-cluster-critical");
        assertThat(pod.getServiceAccountName()).isEqualTo("coredns");
        assertThat(pod.getTolerations()).extracting(Toleration::getKey)
                .contains("node-role.kubernetes.io/control-plane", "CriticalAddonsOnly");
        assertThat(cluster.exists(ServiceAccount.class, "kube-system", "coredns")).isTrue();
        assertThat(cluster.get(ConfigMap.class, "kube-system", "coredns").getData().get("Corefile"))
                .startsWith(".:53 {").contains("kubernetes cluster.local in-addr.arpa ip6.arpa");
    }

    @Test
    void kubeProxyRunsOnEveryNodeWithTheClustersVersion() {
        addons().ensure();

        DaemonSet proxy = cluster.get(DaemonSet.class, "kube-system", "kube-proxy");
        assertThat(proxy.getMetadata().getLabels()).containsEntry("k8s-app", "kube-proxy");
        PodSpec pod = proxy.getSpec().getTemplate().getSpec();
        assertThat(pod.getContainers().get(0).getImage()).isEqualTo("registry.k8s.io/kube-proxy:v1.32.4");
        assertThat(pod.getHostNetwork()).isTrue();
        assertThat(pod.getPriorityClassName()).isEqualTo("system-node-critical");
        assertThat(pod.getTolerations()).singleElement().satisfies(t -> {
            assertThat(t.getOperator()).isEqualTo("Exists");
            assertThat(t.getKey()).isNull();
        });
        assertThat(cluster.get(ConfigMap.class, "kube-system", "kube-proxy").getData().get("config.conf"))
                .contains("clusterCIDR: 10.244.0.0/16");
    }

    @Test
    void aSecondStartAddsAndChangesNothing() {
        addons().ensure();
        List<String> before = versions();

        addons().ensure();

        assertThat(versions()).isEqualTo(before).hasSize(7);
        assertThat(cluster.list(Deployment.class, "kube-system")).hasSize(1);
        assertThat(cluster.list(DaemonSet.class, "kube-system")).hasSize(1);
    }

    @Test
    void aDeletedAddOnComesBackAtTheNextStartAndTheOthersStayAsTheyAre() {
        addons().ensure();
        cluster.store(Deployment.class).delete("kube-system", "coredns", io.kubeling.registry.DeleteOptions.DEFAULT);
        String proxyVersion = cluster.get(DaemonSet.class, "kube-system", "kube-proxy").getMetadata()
                .getResourceVersion();

        addons().ensure();

        assertThat(cluster.exists(Deployment.class, "kube-system", "coredns")).isTrue();
        assertThat(cluster.get(DaemonSet.class, "kube-system", "kube-proxy").getMetadata().getResourceVersion())
                .isEqualTo(proxyVersion);
    }

    @Test
    void aKubeDnsServiceAlreadyThereIsLeftAsItIs() {
        cluster.create("kube-system", Service.class, """
                {"metadata": {"name": "kube-dns"}, "spec": {"clusterIP": "None", "ports": [{"port": 80}]}}""");

        addons().ensure();

        assertThat(cluster.get(Service.class, "kube-system", "kube-dns").getSpec().getClusterIP()).isEqualTo("None");
        assertThat(cluster.exists(Deployment.class, "kube-system", "coredns")).isTrue();
        assertThat(cluster.exists(DaemonSet.class, "kube-system", "kube-proxy")).isTrue();
    }

    @Test
    void theSettingOffInstallsNothingAndOnInstallsAll() {
        assertThat(new ClusterAddonsAtStart(addons(), new ControlPlaneProperties(false)).install())
                .succeedsWithin(Duration.ofSeconds(10));
        assertThat(versions()).isEmpty();

        ClusterAddonsAtStart atStart = new ClusterAddonsAtStart(addons(), new ControlPlaneProperties(true));
        assertThat(atStart.install()).succeedsWithin(Duration.ofSeconds(10));
        assertThat(atStart.install()).isSameAs(atStart.installed());
        assertThat(versions()).hasSize(7);
    }

    private List<String> versions() {
        return java.util.stream.Stream.of(ServiceAccount.class, ConfigMap.class, Service.class, Deployment.class,
                DaemonSet.class).flatMap(type -> cluster.list(type, "kube-system").stream())
                .map(HasMetadata.class::cast)
                .filter(o -> !"default".equals(o.getMetadata().getName()))
                .map(o -> o.getKind() + "/" + o.getMetadata().getName() + "@" + o.getMetadata().getResourceVersion())
                .sorted().toList();
    }
}
