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
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.kubeling.controllers.ControllerAccounts;
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
    void theAttachDetachControllerReportsANodesAttachedVolumesAndItsKubeletTheVolumesInUse() {
        String disk = "kubernetes.io/csi/ebs.csi.aws.com^vol-disk";
        WriteOptions n1 = Managers.kubelet("n1");
        cluster.store(Node.class).create(null, node("n1"), n1);
        cluster.create(node("n2"));
        cluster.store(Node.class).update(null, "n1", "status", n -> {
            n.setStatus(new io.fabric8.kubernetes.api.model.NodeStatus());
            n.getStatus().setVolumesAttached(List.of(new io.fabric8.kubernetes.api.model.AttachedVolume("", disk)));
            return n;
        }, Managers.controller("attachdetach-controller"));
        cluster.store(Node.class).update(null, "n1", "status", n -> {
            n.getStatus().setVolumesInUse(List.of(disk));
            return n;
        }, n1);
        Node written = cluster.get(Node.class, null, "n1");
        assertThat(written.getStatus().getVolumesAttached()).extracting(v -> v.getName()).containsExactly(disk);
        assertThat(written.getStatus().getVolumesInUse()).containsExactly(disk);
        assertThat(refusal(() -> cluster.store(Node.class).update(null, "n2", "status", n -> {
            n.setStatus(new io.fabric8.kubernetes.api.model.NodeStatus());
            n.getStatus().setVolumesInUse(List.of(disk));
            return n;
        }, n1))).isEqualTo("403 nodes \"n2\" is forbidden: node \"n1\" is not allowed to modify node \"n2\"");
    }

    @Test
    void aKubeletSetsOnlyTheLabelsKubeletsMaySetOnItsNode() {
        WriteOptions n1 = Managers.kubelet("n1");
        Node claiming = node("n1");
        claiming.getMetadata().setLabels(Map.of("kubernetes.io/hostname", "n1", "node-role.kubernetes.io/control-plane",
                "", "node-restriction.kubernetes.io/pool", "a", "example.com/rack", "r1"));
        assertThat(refusal(() -> cluster.store(Node.class).create(null, claiming, n1)))
                .isEqualTo("403 nodes \"n1\" is forbidden: node \"n1\" is not allowed to set the following labels: "
                        + "node-restriction.kubernetes.io/pool, node-role.kubernetes.io/control-plane");
        Node own = node("n1");
        own.getMetadata().setLabels(Map.of("kubernetes.io/hostname", "n1", "topology.kubernetes.io/zone", "z1",
                "node.kubernetes.io/instance-type", "m5", "kubelet.kubernetes.io/x", "y", "example.com/rack", "r1"));
        cluster.store(Node.class).create(null, own, n1);
        cluster.store(Node.class).update(null, "n1", null, n -> {
            Map<String, String> labels = new java.util.HashMap<>(n.getMetadata().getLabels());
            labels.put("topology.kubernetes.io/zone", "z2");
            labels.remove("example.com/rack");
            n.getMetadata().setLabels(labels);
            return n;
        }, n1);
        assertThat(refusal(() -> cluster.store(Node.class).update(null, "n1", null, n -> {
            Map<String, String> labels = new java.util.HashMap<>(n.getMetadata().getLabels());
            labels.put("node-role.kubernetes.io/worker", "");
            labels.put("k8s.io/x", "y");
            n.getMetadata().setLabels(labels);
            return n;
        }, n1))).isEqualTo("403 nodes \"n1\" is forbidden: is not allowed to modify labels: k8s.io/x, "
                + "node-role.kubernetes.io/worker");
        cluster.store(Node.class).update(null, "n1", null, n -> {
            Map<String, String> labels = new java.util.HashMap<>(n.getMetadata().getLabels());
            labels.put("node-role.kubernetes.io/worker", "");
            n.getMetadata().setLabels(labels);
            return n;
        }, WriteOptions.DEFAULT);
        assertThat(refusal(() -> cluster.store(Node.class).update(null, "n1", null, n -> {
            Map<String, String> labels = new java.util.HashMap<>(n.getMetadata().getLabels());
            labels.remove("node-role.kubernetes.io/worker");
            n.getMetadata().setLabels(labels);
            return n;
        }, n1))).isEqualTo("403 nodes \"n1\" is forbidden: is not allowed to modify labels: "
                + "node-role.kubernetes.io/worker");
        assertThat(refusal(() -> cluster.store(Node.class).update(null, "n1", null, n -> {
            n.getSpec().setConfigSource(new io.fabric8.kubernetes.api.model.NodeConfigSource(
                    new io.fabric8.kubernetes.api.model.ConfigMapNodeConfigSource("kubelet", "c", "kube-system",
                            null, null)));
            return n;
        }, n1))).isEqualTo("403 nodes \"n1\" is forbidden: node \"n1\" is not allowed to update configSource to a "
                + "new non-nil configSource");
    }

    @Test
    void aKubeletsMirrorPodIsOwnedByItsNodeByUid() {
        WriteOptions n1 = Managers.kubelet("n1");
        Node self = cluster.store(Node.class).create(null, node("n1"), n1);
        String mirror = """
                {"metadata": {"name": "%s", "annotations": {"kubernetes.io/config.mirror": "abc"},
                  "ownerReferences": [{"apiVersion": "v1", "kind": "Node", "name": "n1", "uid": "%s",
                                       "controller": true}]},
                 "spec": {"nodeName": "n1", "containers": [{"name": "c", "image": "nginx"}]}}""";
        assertThat(refusal(() -> cluster.store(Pod.class).create("apps", mirrorPod(mirror.formatted("stale",
                "0000")), n1))).isEqualTo("403 pods \"stale\" is forbidden: node n1 UID mismatch: expected 0000 got "
                + self.getMetadata().getUid());
        Pod created = cluster.store(Pod.class).create("apps", mirrorPod(mirror.formatted("etcd-n1",
                self.getMetadata().getUid())), n1);
        assertThat(created.getMetadata().getOwnerReferences().get(0).getUid()).isEqualTo(self.getMetadata().getUid());
    }

    private Pod mirrorPod(String json) {
        return cluster.codec.decodeBody(cluster.codec.mapper().readTree(json), Pod.class, "Pod", "v1");
    }

    @Test
    void theControllersServiceAccountsAreMadeByTheControllerManagerAndBoundToTheirRoles() {
        if (!cluster.exists(io.fabric8.kubernetes.api.model.Namespace.class, null, "kube-system")) {
            cluster.create(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                    .withName("kube-system").endMetadata().build());
        }
        cluster.start(new ControllerAccounts(cluster.registry, cluster.feed));
        cluster.awaitUntil(() -> Managers.CONTROLLER_ACCOUNTS.stream()
                .allMatch(name -> cluster.exists(ServiceAccount.class, "kube-system", name)));
        for (String name : Managers.CONTROLLER_ACCOUNTS) {
            ServiceAccount account = cluster.get(ServiceAccount.class, "kube-system", name);
            // as kube's: a name and nothing else, so no field for managedFields to record
            assertThat(account.getMetadata().getLabels()).isNullOrEmpty();
            assertThat(account.getMetadata().getManagedFields()).isNullOrEmpty();
            String role = "system:controller:" + name;
            Subject subject = new io.fabric8.kubernetes.api.model.rbac.SubjectBuilder().withKind("ServiceAccount")
                    .withNamespace("kube-system").withName(name).build();
            if (cluster.exists(ClusterRoleBinding.class, null, role)) {
                ClusterRoleBinding binding = cluster.get(ClusterRoleBinding.class, null, role);
                assertThat(binding.getRoleRef().getName()).isEqualTo(role);
                assertThat(binding.getSubjects()).containsExactly(subject);
            } else {
                RoleBinding binding = cluster.get(RoleBinding.class, "kube-system", role);
                assertThat(binding.getRoleRef().getName()).isEqualTo(role);
                assertThat(binding.getSubjects()).containsExactly(subject);
            }
        }
        ServiceAccount before = cluster.get(ServiceAccount.class, "kube-system", "job-controller");
        cluster.store(ServiceAccount.class).delete("kube-system", "job-controller",
                io.kubeling.registry.DeleteOptions.DEFAULT);
        cluster.awaitUntil(() -> cluster.exists(ServiceAccount.class, "kube-system", "job-controller")
                && !cluster.get(ServiceAccount.class, "kube-system", "job-controller").getMetadata().getUid()
                        .equals(before.getMetadata().getUid()));
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

    @Test
    void aKubeletEvictsOnlyItsOwnPodsAndAsksOnlyForTokensBoundToThem() {
        WriteOptions n1 = Managers.kubelet("n1");
        Pod mine = pod("mine", "n1");
        Pod theirs = pod("theirs", "n2");
        io.kubeling.registry.GroupResource pods = new io.kubeling.registry.GroupResource("", "pods");
        io.kubeling.registry.GroupResource accounts = new io.kubeling.registry.GroupResource("", "serviceaccounts");

        cluster.registry.admitSubresource(pods, "eviction", call("mine", null, n1));
        assertThat(refusal(() -> cluster.registry.admitSubresource(pods, "eviction", call("theirs", null, n1))))
                .isEqualTo("403 pods \"theirs\" is forbidden: node n1 can only evict pods with spec.nodeName set "
                        + "to itself");
        // anyone else is left to RBAC
        cluster.registry.admitSubresource(pods, "eviction", call("theirs", null, Managers.CONTROLLER_MANAGER));

        cluster.registry.admitSubresource(accounts, "token", call("default", token("Pod", "mine",
                mine.getMetadata().getUid()), n1));
        assertThat(refusal(() -> cluster.registry.admitSubresource(accounts, "token", call("default", "{}", n1))))
                .isEqualTo("403 serviceaccounts \"default\" is forbidden: node requested token not bound to a pod");
        assertThat(refusal(() -> cluster.registry.admitSubresource(accounts, "token",
                call("default", token("Secret", "mine", "x"), n1))))
                .isEqualTo("403 serviceaccounts \"default\" is forbidden: node requested token not bound to a pod");
        assertThat(refusal(() -> cluster.registry.admitSubresource(accounts, "token",
                call("default", token("Pod", "mine", ""), n1))))
                .isEqualTo("403 serviceaccounts \"default\" is forbidden: node requested token with a pod binding "
                        + "without a uid");
        assertThat(refusal(() -> cluster.registry.admitSubresource(accounts, "token",
                call("default", token("Pod", "mine", "0000"), n1))))
                .isEqualTo("403 serviceaccounts \"default\" is forbidden: the UID in the bound object reference "
                        + "(0000) does not match the UID in record. The object might have been deleted and then "
                        + "recreated");
        assertThat(refusal(() -> cluster.registry.admitSubresource(accounts, "token",
                call("default", token("Pod", "theirs", theirs.getMetadata().getUid()), n1))))
                .isEqualTo("403 serviceaccounts \"default\" is forbidden: node requested token bound to a pod "
                        + "scheduled on a different node");
    }

    @Test
    void aKubeletChangesOnlyTheCapacityAndConditionsOfItsPodsClaims() {
        WriteOptions n1 = Managers.kubelet("n1");
        cluster.create("apps", io.fabric8.kubernetes.api.model.PersistentVolumeClaim.class, """
                {"metadata": {"name": "data"}, "spec": {"accessModes": ["ReadWriteOnce"],
                 "resources": {"requests": {"storage": "1Gi"}}}}""");
        cluster.create("apps", Pod.class, """
                {"metadata": {"name": "db"}, "spec": {"nodeName": "n1", "containers": [{"name": "c", "image": "pg"}],
                 "volumes": [{"name": "d", "persistentVolumeClaim": {"claimName": "data"}}]}}""");
        var claims = cluster.store(io.fabric8.kubernetes.api.model.PersistentVolumeClaim.class);
        // the Node authorizer's graph follows the pod's claim from the change feed
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> claims.update("apps", "data", "status", c -> {
            c.getStatus().setCapacity(Map.of("storage", new io.fabric8.kubernetes.api.model.Quantity("2Gi")));
            return c;
        }, n1));
        assertThat(claims.get("apps", "data").getStatus().getCapacity().get("storage").toString()).isEqualTo("2Gi");
        assertThat(refusal(() -> claims.update("apps", "data", "status", c -> {
            c.getStatus().setPhase("Lost");
            return c;
        }, n1))).isEqualTo("403 persistentvolumeclaims \"data\" is forbidden: node \"n1\" is not allowed to update "
                + "fields other than status.capacity and status.conditions: status differ");
    }

    private static String token(String kind, String name, String uid) {
        return """
                {"spec": {"boundObjectRef": {"apiVersion": "v1", "kind": "%s", "name": "%s", "uid": "%s"}}}"""
                .formatted(kind, name, uid);
    }

    private static io.kubeling.registry.SubresourceCall call(String name, String body, WriteOptions as) {
        return new io.kubeling.registry.SubresourceCall("apps", name, Map.of(),
                body == null ? null : tools.jackson.databind.json.JsonMapper.builder().build().readTree(body), as);
    }
}
