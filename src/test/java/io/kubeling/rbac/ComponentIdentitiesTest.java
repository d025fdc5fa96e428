package io.kubeling.rbac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.kubeling.controllers.Managers;
import io.kubeling.controllers.StoppedCluster;
import io.kubeling.controllers.EventRecorder;
import io.kubeling.registry.CurrentUser;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.UserInfo;
import io.kubeling.registry.WriteOptions;

/**
 * The simulated components write as kube's do, under their own users, and are authorized like anyone in Node,RBAC
 * mode: each controller by its system:controller role, the scheduler by its role, each kubelet by the Node
 * authorizer and NodeRestriction; a write beyond that is refused with kube's 403.
 */
class ComponentIdentitiesTest {

    private final RbacClusters rbac = RbacClusters.nodeRbac();
    private final StoppedCluster cluster = rbac.cluster;

    @AfterEach
    void close() {
        cluster.close();
    }

    private Pod pod(String name, String node) {
        return cluster.create("apps", Pod.class, """
                {"metadata": {"name": "%s", "labels": {"app": "web"}},
                 "spec": {"nodeName": "%s", "containers": [{"name": "c", "image": "nginx"}]}}"""
                .formatted(name, node));
    }

    private static String status(StatusException e) {
        return e.code() + " " + e.getMessage();
    }

    @Test
    void aControllerWritesWhatItsRoleAllowsAndIsRefusedTheRest() {
        WriteOptions replicasets = Managers.controller("replicaset-controller");
        assertThat(replicasets.user().name()).isEqualTo("system:serviceaccount:kube-system:replicaset-controller");
        Pod created = cluster.store(Pod.class).create("apps", new Pod(null, null,
                new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("made").build(),
                new io.fabric8.kubernetes.api.model.PodSpecBuilder().addNewContainer().withName("c")
                        .withImage("nginx").endContainer().build(), null), replicasets);
        assertThat(created.getMetadata().getManagedFields()).extracting(ManagedFieldsEntry::getManager)
                .containsExactly("kube-controller-manager");
        // kube's controller patches a pod it adopts: the role grants patch, which a component's update stands for
        cluster.store(Pod.class).update("apps", "made", null, p -> {
            p.getMetadata().setLabels(Map.of("adopted", "yes"));
            return p;
        }, replicasets);

        assertThatThrownBy(() -> cluster.store(Secret.class).create("apps", new Secret(), replicasets))
                .isInstanceOfSatisfying(StatusException.class, e -> assertThat(status(e)).isEqualTo(
                        "403 secrets is forbidden: User \"system:serviceaccount:kube-system:replicaset-controller\" "
                                + "cannot create resource \"secrets\" in API group \"\" in the namespace \"apps\""));
        assertThatThrownBy(() -> cluster.store(Pod.class).update("apps", "made", "status", p -> {
            p.getStatus().setMessage("mine");
            return p;
        }, replicasets)).isInstanceOfSatisfying(StatusException.class, e -> assertThat(status(e)).isEqualTo(
                "403 pods \"made\" is forbidden: User \"system:serviceaccount:kube-system:replicaset-controller\" "
                        + "cannot update resource \"pods/status\" in API group \"\" in the namespace \"apps\""));
        assertThatThrownBy(() -> cluster.store(Pod.class).delete("apps", "made",
                Managers.deleting(Managers.controller("deployment-controller"))))
                .isInstanceOfSatisfying(StatusException.class, e -> assertThat(e.code()).isEqualTo(403));
        cluster.store(Pod.class).delete("apps", "made", Managers.deleting(replicasets));
    }

    @Test
    void eventsAreWrittenAsTheComponentThatRecordedThem() {
        Pod web = pod("web", "n1");
        cluster.events.record(EventRecorder.reference(web), EventRecorder.NORMAL, "SuccessfulCreate",
                "Created pod: web", "replicaset-controller", null);
        cluster.events.record(EventRecorder.reference(web), EventRecorder.NORMAL, "Pulled", "pulled", "kubelet",
                "n1");
        cluster.events.record(EventRecorder.reference(web), EventRecorder.NORMAL, "Scheduled", "assigned",
                "default-scheduler", null);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(cluster.list(Event.class, "apps"))
                .extracting(e -> e.getReason() + " " + e.getMetadata().getManagedFields().get(0).getManager())
                .containsExactlyInAnyOrder("SuccessfulCreate kube-controller-manager", "Pulled kubelet",
                        "Scheduled kube-scheduler"));
    }

    @Test
    void theSchedulerBindsAndUpdatesPodStatusButReadsNoSecrets() {
        pod("web", "");
        cluster.store(Pod.class).update("apps", "web", "status", p -> {
            p.getStatus().setNominatedNodeName("n1");
            return p;
        }, Managers.SCHEDULER);
        assertThatThrownBy(() -> cluster.store(Secret.class).create("apps", new Secret(), Managers.SCHEDULER))
                .isInstanceOfSatisfying(StatusException.class, e -> assertThat(status(e)).startsWith(
                        "403 secrets is forbidden: User \"system:kube-scheduler\" cannot create resource \"secrets\""));
    }

    @Test
    void aKubeletWritesItsOwnNodeLeaseAndPodsOnly() {
        WriteOptions n1 = Managers.kubelet("n1");
        assertThat(n1.user().groups()).containsExactly("system:nodes", UserInfo.AUTHENTICATED);
        cluster.store(Node.class).create(null, node("n1"), n1);
        cluster.create(node("n2"));
        pod("mine", "n1");
        pod("theirs", "n2");

        cluster.store(Pod.class).update("apps", "mine", "status", p -> {
            p.getStatus().setPhase("Running");
            return p;
        }, n1);
        assertThat(refusal(() -> cluster.store(Pod.class).update("apps", "theirs", "status", p -> {
            p.getStatus().setPhase("Running");
            return p;
        }, n1))).isEqualTo("403 pods \"theirs\" is forbidden: node \"n1\" can only update pod status for pods with "
                + "spec.nodeName set to itself");
        assertThat(refusal(() -> cluster.store(Pod.class).delete("apps", "theirs", Managers.deleting(n1))))
                .isEqualTo("403 pods \"theirs\" is forbidden: node \"n1\" can only delete pods with spec.nodeName "
                        + "set to itself");
        assertThat(refusal(() -> cluster.store(Pod.class).update("apps", "mine", null, p -> {
            p.getMetadata().setLabels(Map.of("x", "y"));
            return p;
        }, n1))).isEqualTo("403 pods \"mine\" is forbidden: User \"system:node:n1\" cannot update resource \"pods\" "
                + "in API group \"\" in the namespace \"apps\"");
        Pod unmirrored = cluster.codec.decodeBody(cluster.codec.mapper().readTree("""
                {"metadata": {"name": "x"}, "spec": {"nodeName": "n1", "containers": [{"name": "c", "image": "nginx"}]}}
                """), Pod.class, "Pod", "v1");
        assertThat(refusal(() -> cluster.store(Pod.class).create("apps", unmirrored, n1)))
                .startsWith("403 pods \"x\" is forbidden: pod does not have \"kubernetes.io/config.mirror\" "
                        + "annotation, node \"n1\" can only create mirror pods");
        assertThat(refusal(() -> cluster.store(Node.class).update(null, "n2", "status", n -> n, n1)))
                .isEqualTo("403 nodes \"n2\" is forbidden: node \"n1\" is not allowed to modify node \"n2\"");
        assertThat(refusal(() -> cluster.store(Node.class).update(null, "n1", null, n -> {
            n.getSpec().setTaints(List.of(new io.fabric8.kubernetes.api.model.Taint("NoSchedule", "k", null, "v")));
            return n;
        }, n1))).isEqualTo("403 nodes \"n1\" is forbidden: node \"n1\" is not allowed to modify taints");
        Lease lease = new Lease();
        lease.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("n2").build());
        assertThat(refusal(() -> cluster.store(Lease.class).create("kube-node-lease", lease, n1)))
                .isEqualTo("403 leases.coordination.k8s.io \"n2\" is forbidden: can only access node lease with the "
                        + "same name as the requesting node");
        assertThat(refusal(() -> cluster.store(Secret.class).create("apps", new Secret(), n1)))
                .startsWith("403 secrets is forbidden: User \"system:node:n1\" cannot create resource \"secrets\"");
    }

    @Test
    void aClientRequestAuthorizedWhenItCameInIsNotAskedAgain() {
        UserInfo jane = new UserInfo("jane", "", List.of(UserInfo.AUTHENTICATED), Map.of());
        WriteOptions asJane = new WriteOptions(false, "kubectl", jane);
        pod("p", "n1");
        try (CurrentUser.Scope scope = CurrentUser.open(jane)) {
            cluster.store(Pod.class).update("apps", "p", null, p -> {
                p.getMetadata().setLabels(Map.of("a", "b"));
                return p;
            }, asJane);
        }
        assertThat(refusal(() -> cluster.store(Pod.class).update("apps", "p", null, p -> {
            p.getMetadata().setLabels(Map.of("a", "c"));
            return p;
        }, asJane))).startsWith("403 pods \"p\" is forbidden: User \"jane\" cannot update resource \"pods\"");
    }

    private static Node node(String name) {
        Node node = new Node();
        node.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).build());
        node.setSpec(new io.fabric8.kubernetes.api.model.NodeSpec());
        return node;
    }

    private static String refusal(Runnable write) {
        try {
            write.run();
        } catch (StatusException e) {
            return status(e);
        }
        throw new AssertionError("the write was not refused");
    }
}
