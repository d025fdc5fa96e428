package io.kubeling.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.HttpApi;
import io.kubeling.support.Kubectl;
import io.kubeling.support.Kubectl.Result;
import io.kubeling.support.KubelingTest;

/**
 * RBAC through the real kubectl on a server in RBAC mode: a user (named with {@code --as}) can do what a Role bound
 * to it allows and no more, {@code auth can-i} answers as kube's does, and a refusal reads as kube's.
 */
@KubelingTest
@Execution(ExecutionMode.CONCURRENT)
class KubectlRbacTest {

    @LocalServerPort
    int port;

    @Test
    void aUserCanDoWhatItsRoleAllowsAndIsRefusedTheRestInKubesWords() throws Exception {
        Kubectl kubectl = new Kubectl(port);
        HttpApi api = new HttpApi(port);
        String ns = api.newNamespace("rbac-");
        String other = api.newNamespace("rbac-other-");
        String jane = "jane-" + UUID.randomUUID().toString().substring(0, 8);

        assertThat(kubectl.ok("auth", "can-i", "create", "pods", "-n", ns).out()).isEqualTo("yes\n");
        Result before = kubectl.run("--as", jane, "auth", "can-i", "list", "pods", "-n", ns);
        assertThat(before.exitCode()).isEqualTo(1);
        assertThat(before.out()).isEqualTo("no\n");

        kubectl.ok("-n", ns, "create", "role", "pod-reader", "--verb=get,list,watch", "--resource=pods");
        kubectl.ok("-n", ns, "create", "rolebinding", "jane-reads", "--role=pod-reader", "--user=" + jane);

        assertThat(kubectl.ok("--as", jane, "auth", "can-i", "list", "pods", "-n", ns).out()).isEqualTo("yes\n");
        assertThat(kubectl.run("--as", jane, "auth", "can-i", "delete", "pods", "-n", ns).out()).isEqualTo("no\n");
        assertThat(kubectl.ok("--as", jane, "get", "pods", "-n", ns).err()).isEqualTo("No resources found in " + ns
                + " namespace.\n");

        Result refused = kubectl.run("--as", jane, "get", "pods", "-n", other);
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo("Error from server (Forbidden): pods is forbidden: User \"" + jane
                + "\" cannot list resource \"pods\" in API group \"\" in the namespace \"" + other + "\"\n");
        Result deleting = kubectl.run("--as", jane, "delete", "pod", "nginx", "-n", ns);
        assertThat(deleting.err()).isEqualTo("Error from server (Forbidden): pods \"nginx\" is forbidden: User \""
                + jane + "\" cannot delete resource \"pods\" in API group \"\" in the namespace \"" + ns + "\"\n");

        String list = kubectl.ok("--as", jane, "auth", "can-i", "--list", "-n", ns).out();
        assertThat(list).containsPattern("(?m)^Resources +Non-Resource URLs +Resource Names +Verbs$")
                .containsPattern("(?m)^pods +\\[\\] +\\[\\] +\\[get list watch\\]$")
                .containsPattern("(?m)^selfsubjectaccessreviews.authorization.k8s.io +\\[\\] +\\[\\] +\\[create\\]$")
                .containsPattern("(?m)^ +\\[/api/\\*\\] +\\[\\] +\\[get\\]$");

        assertThat(kubectl.ok("-n", ns, "get", "rolebinding", "jane-reads", "-o", "wide").out())
                .containsPattern("(?m)^NAME +ROLE +AGE +USERS +GROUPS +SERVICEACCOUNTS$")
                .containsPattern("(?m)^jane-reads +Role/pod-reader +\\d+s +" + jane + " *$");
    }

    @Test
    void theBootstrapRolesAreListedAndAuthReconcileAddsWhatIsMissing() throws Exception {
        Kubectl kubectl = new Kubectl(port);
        String ns = new HttpApi(port).newNamespace("rbac-rec-");
        assertThat(kubectl.ok("get", "clusterroles").out())
                .containsPattern("(?m)^NAME +CREATED AT$")
                .containsPattern("(?m)^cluster-admin +\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$")
                .containsPattern("(?m)^system:discovery +\\S+$");
        assertThat(kubectl.ok("get", "clusterrolebinding", "cluster-admin").out())
                .containsPattern("(?m)^NAME +ROLE +AGE$")
                .containsPattern("(?m)^cluster-admin +ClusterRole/cluster-admin +\\S+$");

        String manifest = """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata:
                  name: config-reader
                  namespace: %s
                rules:
                - apiGroups: [""]
                  resources: [configmaps]
                  verbs: [get, list]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata:
                  name: config-readers
                  namespace: %s
                roleRef:
                  apiGroup: rbac.authorization.k8s.io
                  kind: Role
                  name: config-reader
                subjects:
                - kind: Group
                  name: readers
                """.formatted(ns, ns);
        Result reconciled = kubectl.ok("auth", "reconcile", "-f", Kubectl.manifest(manifest).toString());
        assertThat(reconciled.out()).contains("role.rbac.authorization.k8s.io/config-reader reconciled")
                .contains("rolebinding.rbac.authorization.k8s.io/config-readers reconciled");
        assertThat(kubectl.ok("auth", "can-i", "list", "configmaps", "-n", ns, "--as", "someone",
                "--as-group", "readers").out()).isEqualTo("yes\n");
        assertThat(kubectl.run("auth", "can-i", "watch", "configmaps", "-n", ns, "--as", "someone",
                "--as-group", "readers").out()).isEqualTo("no\n");
    }
}
