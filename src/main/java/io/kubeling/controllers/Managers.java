package io.kubeling.controllers;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.kubeling.registry.DeleteOptions;
import io.kubeling.registry.UserInfo;
import io.kubeling.registry.WriteOptions;

/**
 * Who each simulated component is when it writes: the field manager that names it in managedFields, as kube's own
 * binaries are named there, and the user its writes are authorized and audited as, as kubeadm's credentials name
 * them: {@code system:kube-scheduler}, {@code system:node:<name>} in {@code system:nodes}, and for the
 * controller-manager's loops the service account of each controller in kube-system
 * ({@code --use-service-account-credentials}, kubeadm's setting), bound to its {@code system:controller:*} role.
 */
public final class Managers {

    public static final String NODES_GROUP = "system:nodes";
    public static final String NODE_USER_PREFIX = "system:node:";
    static final String SYSTEM_NAMESPACE = "kube-system";

    public static final WriteOptions SCHEDULER = new WriteOptions(false, "kube-scheduler",
            user("system:kube-scheduler"));
    /** The apiextensions controllers and the apiserver's own writes: its loopback client, in system:masters. */
    public static final WriteOptions KUBE_APISERVER = new WriteOptions(false, "kube-apiserver",
            new UserInfo("system:apiserver", "", List.of(UserInfo.MASTERS, UserInfo.AUTHENTICATED), Map.of()));
    /** The controller-manager's own credential, which takes its leader-election Lease. */
    public static final WriteOptions CONTROLLER_MANAGER = new WriteOptions(false, "kube-controller-manager",
            user("system:kube-controller-manager"));

    /**
     * The service accounts the controller-manager's loops act as, each created in kube-system by the
     * controller-manager as its loop starts, as a kubeadm cluster lists them: kube 1.32's default controllers with
     * kubeadm's bootstrap-signer and token-cleaner, and the service controller, whose load balancers the
     * simulation provides.
     */
    public static final List<String> CONTROLLER_ACCOUNTS = List.of("attachdetach-controller", "bootstrap-signer",
            "certificate-controller", "clusterrole-aggregation-controller", "cronjob-controller",
            "daemon-set-controller", "deployment-controller", "disruption-controller", "endpoint-controller",
            "endpointslice-controller", "endpointslicemirroring-controller", "ephemeral-volume-controller",
            "expand-controller", "generic-garbage-collector", "horizontal-pod-autoscaler", "job-controller",
            "legacy-service-account-token-cleaner", "namespace-controller", "node-controller",
            "persistent-volume-binder", "pod-garbage-collector", "pv-protection-controller",
            "pvc-protection-controller", "replicaset-controller", "replication-controller",
            "resourcequota-controller", "root-ca-cert-publisher", "service-account-controller",
            "service-controller", "statefulset-controller", "token-cleaner", "ttl-after-finished-controller",
            "ttl-controller", "validatingadmissionpolicy-status-controller");

    private static final Map<String, WriteOptions> KUBELETS = new ConcurrentHashMap<>();
    private static final Map<String, WriteOptions> CONTROLLERS = new ConcurrentHashMap<>();

    private Managers() {
    }

    /** A user of kube's own components, authenticated by its client certificate. */
    private static UserInfo user(String name) {
        return new UserInfo(name, "", List.of(UserInfo.AUTHENTICATED), Map.of());
    }

    /** The kubelet of {@code node}: {@code system:node:<node>} in {@code system:nodes}. */
    public static WriteOptions kubelet(String node) {
        return KUBELETS.computeIfAbsent(node, n -> new WriteOptions(false, "kubelet", new UserInfo(
                NODE_USER_PREFIX + n, "", List.of(NODES_GROUP, UserInfo.AUTHENTICATED), Map.of())));
    }

    /**
     * A controller-manager loop acting as its service account in kube-system ({@code replicaset-controller}), under
     * the controller-manager's field manager.
     */
    public static WriteOptions controller(String serviceAccount) {
        return CONTROLLERS.computeIfAbsent(serviceAccount, sa -> new WriteOptions(false, "kube-controller-manager",
                new UserInfo("system:serviceaccount:" + SYSTEM_NAMESPACE + ":" + sa, "",
                        List.of("system:serviceaccounts", "system:serviceaccounts:" + SYSTEM_NAMESPACE,
                                UserInfo.AUTHENTICATED), Map.of())));
    }

    /** A delete with {@code options} made by the writer {@code writer} names. */
    public static DeleteOptions deleting(WriteOptions writer, DeleteOptions options) {
        return options.by(writer.user());
    }

    /** A plain delete by the writer {@code writer} names. */
    public static DeleteOptions deleting(WriteOptions writer) {
        return DeleteOptions.DEFAULT.by(writer.user());
    }

    /**
     * The writer of an event recorded by {@code component} (an event source such as {@code kubelet}) on
     * {@code host}: the event's own controller's identity when the source names one.
     */
    static WriteOptions forComponent(String component, String host) {
        return switch (component) {
            case "kubelet" -> host == null || host.isEmpty() ? CONTROLLER_MANAGER : kubelet(host);
            case "default-scheduler" -> SCHEDULER;
            default -> {
                String account = EVENT_SOURCES.get(component);
                yield account == null ? CONTROLLER_MANAGER : controller(account);
            }
        };
    }

    /** Event sources whose service account is named otherwise. */
    private static final Map<String, String> EVENT_SOURCES = Map.ofEntries(
            Map.entry("replicaset-controller", "replicaset-controller"),
            Map.entry("replication-controller", "replication-controller"),
            Map.entry("deployment-controller", "deployment-controller"),
            Map.entry("statefulset-controller", "statefulset-controller"),
            Map.entry("daemonset-controller", "daemon-set-controller"),
            Map.entry("job-controller", "job-controller"),
            Map.entry("cronjob-controller", "cronjob-controller"),
            Map.entry("horizontal-pod-autoscaler", "horizontal-pod-autoscaler"),
            Map.entry("persistentvolume-controller", "persistent-volume-binder"),
            Map.entry("node-controller", "node-controller"),
            Map.entry("taint-eviction-controller", "node-controller"),
            Map.entry("endpoint-controller", "endpoint-controller"),
            Map.entry("endpoint-slice-controller", "endpointslice-controller"),
            Map.entry("service-controller", "service-controller"),
            Map.entry("controllermanager", "disruption-controller"),
            Map.entry("namespace-controller", "namespace-controller"),
            Map.entry("garbage-collector-controller", "generic-garbage-collector"),
            Map.entry("ttl-after-finished-controller", "ttl-after-finished-controller"),
            Map.entry("clusterrole-aggregation-controller", "clusterrole-aggregation-controller"),
            Map.entry("certificate-controller", "certificate-controller"),
            Map.entry("resourcequota-controller", "resourcequota-controller"),
            Map.entry("pvc-protection-controller", "pvc-protection-controller"),
            Map.entry("pv-protection-controller", "pv-protection-controller"));
}
