package io.kubeling.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeling.controllers.Managers;
import io.kubeling.controllers.StoppedCluster;
import io.kubeling.registry.Authorizer.Attributes;
import io.kubeling.registry.Authorizer.Decision;
import io.kubeling.registry.UserInfo;

/** What a kubelet may read and write in Node,RBAC mode, with the reasons kube's Node authorizer gives. */
class NodeAuthorizerTest {

    private final RbacClusters rbac = RbacClusters.nodeRbac();
    private final StoppedCluster cluster = rbac.cluster;
    private static final UserInfo N1 = Managers.kubelet("n1").user();

    @AfterEach
    void close() {
        cluster.close();
    }

    private Decision decide(UserInfo user, String verb, String group, String resource, String subresource,
            String namespace, String name) {
        return rbac.authorizer.authorize(new Attributes(user, verb, true, group, "v1", resource, subresource,
                namespace, name, ""));
    }

    private void pod(String name, String node, String secret, String configMap, String claim, String account) {
        cluster.create("apps", Pod.class, """
                {"metadata": {"name": "%s"},
                 "spec": {"nodeName": "%s", "serviceAccountName": "%s",
                          "containers": [{"name": "c", "image": "nginx",
                                          "envFrom": [{"configMapRef": {"name": "%s"}}]}],
                          "volumes": [{"name": "s", "secret": {"secretName": "%s"}},
                                      {"name": "d", "persistentVolumeClaim": {"claimName": "%s"}}]}}"""
                .formatted(name, node, account, configMap, secret, claim));
    }

    @Test
    void aNodeReadsWhatThePodsBoundToItReferenceAndNothingElse() {
        pod("web", "n1", "web-tls", "web-config", "web-data", "web-sa");
        pod("db", "n2", "db-password", "db-config", "db-data", "db-sa");
        cluster.create("apps", PersistentVolumeClaim.class, """
                {"metadata": {"name": "web-data"},
                 "spec": {"accessModes": ["ReadWriteOnce"], "volumeName": "pv-web",
                          "resources": {"requests": {"storage": "1Gi"}}}}""");

        assertThat(decide(N1, "get", "", "secrets", "", "apps", "web-tls").allowed()).isTrue();
        assertThat(decide(N1, "watch", "", "configmaps", "", "apps", "web-config").allowed()).isTrue();
        assertThat(decide(N1, "get", "", "persistentvolumeclaims", "", "apps", "web-data").allowed()).isTrue();
        assertThat(decide(N1, "get", "", "persistentvolumes", "", "", "pv-web").allowed()).isTrue();
        assertThat(decide(N1, "create", "", "serviceaccounts", "token", "apps", "web-sa").allowed()).isTrue();
        assertThat(decide(N1, "get", "", "pods", "", "apps", "web").allowed()).isTrue();

        String none = "no relationship found between node 'n1' and this object";
        assertThat(decide(N1, "get", "", "secrets", "", "apps", "db-password")).isEqualTo(Decision.noOpinion(none));
        assertThat(decide(N1, "get", "", "configmaps", "", "apps", "db-config")).isEqualTo(Decision.noOpinion(none));
        assertThat(decide(N1, "get", "", "persistentvolumeclaims", "", "apps", "db-data").reason()).isEqualTo(none);
        assertThat(decide(N1, "create", "", "serviceaccounts", "token", "apps", "db-sa").reason()).isEqualTo(none);
        assertThat(decide(N1, "get", "", "pods", "", "apps", "db").reason()).isEqualTo(none);
        assertThat(decide(N1, "get", "", "secrets", "", "other", "web-tls").reason()).isEqualTo(none);
        assertThat(decide(N1, "list", "", "secrets", "", "apps", "")).isEqualTo(Decision.noOpinion(
                "No Object name found"));
        assertThat(decide(N1, "delete", "", "secrets", "", "apps", "web-tls")).isEqualTo(Decision.noOpinion(
                "can only read resources of this type"));
        assertThat(decide(N1, "list", "", "pods", "", "apps", "")).isEqualTo(Decision.noOpinion(
                "can only list/watch pods with spec.nodeName field selector"));
    }

    @Test
    void aNodeListsAndWatchesThePodsSelectedByItsOwnName() {
        assertThat(selected("list", "spec.nodeName=n1").allowed()).isTrue();
        assertThat(selected("watch", "status.phase!=Failed,spec.nodeName==n1").allowed()).isTrue();
        String refusal = "can only list/watch pods with spec.nodeName field selector";
        assertThat(selected("list", "spec.nodeName=n2")).isEqualTo(Decision.noOpinion(refusal));
        assertThat(selected("watch", "spec.nodeName!=n1")).isEqualTo(Decision.noOpinion(refusal));
        assertThat(selected("list", "spec.nodeName=n1x")).isEqualTo(Decision.noOpinion(refusal));
    }

    private Decision selected(String verb, String fieldSelector) {
        return rbac.authorizer.authorize(new Attributes(N1, verb, true, "", "v1", "pods", "", "", "", "",
                fieldSelector));
    }

    @Test
    void aNodeReadsAndWritesItsOwnNodeAndLeaseOnly() {
        assertThat(decide(N1, "get", "", "nodes", "", "", "n1").allowed()).isTrue();
        assertThat(decide(N1, "get", "", "nodes", "", "", "n2")).isEqualTo(Decision.noOpinion(
                "node 'n1' cannot read 'n2', only its own Node object"));
        assertThat(decide(N1, "list", "", "nodes", "", "", "")).isEqualTo(Decision.noOpinion(
                "node 'n1' cannot read all nodes, only its own Node object"));
        // which Node it writes is NodeRestriction's to check
        assertThat(decide(N1, "update", "", "nodes", "status", "", "n2").allowed()).isTrue();
        assertThat(decide(N1, "update", "coordination.k8s.io", "leases", "", "kube-node-lease", "n1").allowed())
                .isTrue();
        assertThat(decide(N1, "update", "coordination.k8s.io", "leases", "", "kube-node-lease", "n2")).isEqualTo(
                Decision.noOpinion("can only access node lease with the same name as the requesting node"));
        assertThat(decide(N1, "get", "coordination.k8s.io", "leases", "", "kube-system", "n1")).isEqualTo(
                Decision.noOpinion("can only access leases in the \"kube-node-lease\" system namespace"));
        assertThat(decide(N1, "list", "coordination.k8s.io", "leases", "", "kube-node-lease", "")).isEqualTo(
                Decision.noOpinion("can only get, create, update, patch, or delete a node lease"));
    }

    @Test
    void otherResourcesFollowTheSystemNodeRoleWhichNoBindingGrants() {
        assertThat(decide(N1, "create", "", "events", "", "apps", "").allowed()).isTrue();
        assertThat(decide(N1, "create", "certificates.k8s.io", "certificatesigningrequests", "", "", "").allowed())
                .isTrue();
        assertThat(decide(N1, "delete", "", "services", "", "apps", "web")).isEqualTo(Decision.noOpinion(""));
        // the role exists and its binding names no one: nothing but the Node authorizer lets a node in
        assertThat(rbac.authorizer.rulesFor(N1, "apps").rules()).noneMatch(r -> r.getResources().contains("nodes"));

        UserInfo nameless = new UserInfo("system:node:", "", List.of("system:nodes"), Map.of());
        assertThat(decide(nameless, "create", "", "events", "", "apps", "")).isEqualTo(Decision.noOpinion(
                "unknown node for user \"system:node:\""));
        UserInfo notInGroup = new UserInfo("system:node:n1", "", List.of(UserInfo.AUTHENTICATED), Map.of());
        assertThat(decide(notInGroup, "get", "", "nodes", "", "", "n1").allowed()).isFalse();
    }
}
