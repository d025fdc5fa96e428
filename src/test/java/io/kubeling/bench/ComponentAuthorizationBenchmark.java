package io.kubeling.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.function.IntConsumer;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kubeling.controllers.ComponentAuthorization;
import io.kubeling.controllers.Managers;
import io.kubeling.controllers.StoppedCluster;
import io.kubeling.rbac.AuthorizationConfiguration;
import io.kubeling.rbac.BootstrapPolicyReconciler;
import io.kubeling.rbac.NodeAuthorizer;
import io.kubeling.rbac.NodeGraph;
import io.kubeling.rbac.RbacAuthorizer;
import io.kubeling.rbac.RuleResolver;
import io.kubeling.registry.Authorizer;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.UserInfo;
import io.kubeling.registry.WriteOptions;
import io.kubeling.resources.rbac.RbacResources;

/**
 * What authorizing the simulated components costs, on one thread in Node,RBAC mode with kube's bootstrap policy:
 * single decisions for the writes components make most (a kubelet's pod status, a controller's pod create, the
 * scheduler's binding, a controller's status update), and a kubelet's pod status updates through the registry with
 * the components authorized against the same writes with authorization off, in turns. Prints thread CPU per
 * operation.
 *
 * <pre>java -cp ... io.kubeling.bench.ComponentAuthorizationBenchmark ops=20000</pre>
 */
public final class ComponentAuthorizationBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        int ops = BenchArgs.parse(args).number("ops", 20000);
        RbacResources rbac = new RbacResources();
        Authorizer[] current = new Authorizer[1];
        try (StoppedCluster cluster = new StoppedCluster(List.of(rbac.roles(), rbac.clusterroles(),
                rbac.rolebindings(), rbac.clusterrolebindings()),
                List.of(new ComponentAuthorization(() -> current[0])))) {
            RbacAuthorizer authorizer = new RbacAuthorizer(new RuleResolver(cluster.registry),
                    new NodeAuthorizer(new NodeGraph(cluster.registry), AuthorizationConfiguration.nodeRules()));
            current[0] = Authorizer.ALWAYS_ALLOW;
            new BootstrapPolicyReconciler(cluster.registry).reconcile();
            UserInfo kubelet = Managers.kubelet("n1").user();
            UserInfo replicasets = Managers.controller("replicaset-controller").user();
            UserInfo deployments = Managers.controller("deployment-controller").user();
            UserInfo scheduler = Managers.SCHEDULER.user();
            for (int round = 0; round < 2; round++) {
                boolean report = round == 1;
                decide(report, "kubelet pods/status update", ops, authorizer, new Authorizer.Attributes(kubelet,
                        "update", true, "", "v1", "pods", "status", "apps", "web", ""));
                decide(report, "replicaset-controller pods create", ops, authorizer, new Authorizer.Attributes(
                        replicasets, "create", true, "", "v1", "pods", "", "apps", "", ""));
                decide(report, "scheduler pods/binding create", ops, authorizer, new Authorizer.Attributes(
                        scheduler, "create", true, "", "v1", "pods", "binding", "apps", "web", ""));
                decide(report, "deployment-controller deployments/status update", ops, authorizer,
                        new Authorizer.Attributes(deployments, "update", true, "apps", "v1", "deployments", "status",
                                "apps", "web", ""));
            }
            ResourceStore<Pod> pods = cluster.store(Pod.class);
            int count = Math.max(100, ops / 20);
            for (int i = 0; i < count; i++) {
                pods.create("apps", new PodBuilder().withNewMetadata().withName("p" + i).endMetadata().withNewSpec()
                        .withNodeName("n1").addNewContainer().withName("c").withImage("nginx").endContainer()
                        .endSpec().build(), WriteOptions.DEFAULT);
            }
            WriteOptions asKubelet = Managers.kubelet("n1");
            long[] with = new long[1];
            long[] without = new long[1];
            for (int round = 0; round < 6; round++) {
                boolean on = round % 2 == 0;
                current[0] = on ? authorizer : Authorizer.ALWAYS_ALLOW;
                int r = round;
                long cpu = cpu(count, i -> pods.update("apps", "p" + i, "status", p -> {
                    p.getStatus().setMessage("round " + r);
                    return p;
                }, asKubelet));
                if (round >= 2) {
                    (on ? with : without)[0] += cpu;
                }
            }
            System.out.printf("kubelet pod status update through the registry: %.1f us CPU authorized, %.1f us "
                    + "with authorization off (%d updates each, 2 rounds)%n", with[0] / 2.0 / count / 1000.0,
                    without[0] / 2.0 / count / 1000.0, count);
        }
    }

    private static void decide(boolean report, String what, int ops, Authorizer authorizer,
            Authorizer.Attributes attributes) {
        if (!authorizer.authorize(attributes).allowed()) {
            throw new IllegalStateException(what + " refused: " + authorizer.authorize(attributes).reason());
        }
        long cpu = cpu(ops, i -> authorizer.authorize(attributes));
        if (report) {
            System.out.printf("%-50s %6.2f us CPU per decision%n", what, cpu / (double) ops / 1000.0);
        }
    }

    private static long cpu(int ops, IntConsumer op) {
        long start = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < ops; i++) {
            op.accept(i);
        }
        return THREADS.getCurrentThreadCpuTime() - start;
    }
}
