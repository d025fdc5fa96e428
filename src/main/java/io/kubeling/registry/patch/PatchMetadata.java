package io.kubeling.registry.patch;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Strategic-merge metadata of fabric8 model properties. Go carries it in struct tags ({@code patchStrategy},
 * {@code patchMergeKey}) and markers ({@code +listType}, {@code +listMapKey}); fabric8 drops them, so the table
 * below copies them from k8s.io/api core/v1, apps/v1, batch/v1 and apimachinery meta/v1. Owners are named by
 * class name so the apps and batch models need not be on the compile classpath.
 */
public final class PatchMetadata {

    /**
     * @param strategy    the kube patch strategy: "merge", "retainKeys", "merge,retainKeys" or "replace"; a
     *                    property without a tag gets kube's default, "merge" for objects and maps, "replace" for
     *                    lists and scalars
     * @param mergeKey    the key that identifies elements of a merged list of objects; null otherwise
     * @param listType    the {@code +listType} marker ("map", "set", "atomic") or null
     * @param listMapKeys the {@code +listMapKey} markers, empty if none
     * @param elementType the fabric8 class of the value (objects), elements (lists) or map values, or null
     */
    public record Field(String strategy, String mergeKey, String listType, List<String> listMapKeys,
                        Class<?> elementType) {

        /** Lists with this strategy are merged element by element instead of being replaced. */
        public boolean mergesLists() {
            return hasStrategy(strategy, MERGE);
        }

        /** The property accepts a {@code $retainKeys} directive. */
        public boolean retainsKeys() {
            return hasStrategy(strategy, RETAIN_KEYS);
        }
    }

    /** A tag exactly as kube declares it; strategy is null when the field has no patchStrategy tag. */
    record Tag(String strategy, String mergeKey, String listType, List<String> listMapKeys) {

        boolean mergesLists() {
            return hasStrategy(strategy, MERGE);
        }

        boolean replacesObjects() {
            return hasStrategy(strategy, REPLACE);
        }
    }

    static final Tag NONE = new Tag(null, null, null, List.of());

    private static final String MERGE = "merge";
    private static final String REPLACE = "replace";
    private static final String RETAIN_KEYS = "retainKeys";

    private static final String CORE = "io.fabric8.kubernetes.api.model.";
    private static final String APPS = "io.fabric8.kubernetes.api.model.apps.";
    private static final String BATCH = "io.fabric8.kubernetes.api.model.batch.v1.";

    private static final Map<String, Tag> TAGS = new HashMap<>();

    static {
        // meta/v1 ObjectMeta
        mergedPrimitives(CORE + "ObjectMeta", "finalizers", "set");
        mergedMap(CORE + "ObjectMeta", "ownerReferences", "uid");
        atomic(CORE + "ObjectMeta", "managedFields");

        // core/v1 PodSpec
        tag(CORE + "PodSpec", "volumes", "merge,retainKeys", "name", "map", "name");
        mergedMap(CORE + "PodSpec", "initContainers", "name");
        mergedMap(CORE + "PodSpec", "containers", "name");
        mergedMap(CORE + "PodSpec", "ephemeralContainers", "name");
        mergedMap(CORE + "PodSpec", "imagePullSecrets", "name");
        atomic(CORE + "PodSpec", "tolerations");
        mergedMap(CORE + "PodSpec", "hostAliases", "ip");
        atomic(CORE + "PodSpec", "readinessGates");
        tag(CORE + "PodSpec", "topologySpreadConstraints", MERGE, "topologyKey", "map",
                "topologyKey", "whenUnsatisfiable");
        mergedMap(CORE + "PodSpec", "schedulingGates", "name");
        tag(CORE + "PodSpec", "resourceClaims", "merge,retainKeys", "name", "map", "name");

        // core/v1 Container and EphemeralContainer (EphemeralContainerCommon carries the same tags)
        for (String container : List.of(CORE + "Container", CORE + "EphemeralContainer")) {
            atomic(container, "command");
            atomic(container, "args");
            tag(container, "ports", MERGE, "containerPort", "map", "containerPort", "protocol");
            atomic(container, "envFrom");
            mergedMap(container, "env", "name");
            atomic(container, "resizePolicy");
            mergedMap(container, "volumeMounts", "mountPath");
            mergedMap(container, "volumeDevices", "devicePath");
        }
        tag(CORE + "ResourceRequirements", "claims", null, null, "map", "name");
        atomic(CORE + "Capabilities", "add");
        atomic(CORE + "Capabilities", "drop");
        atomic(CORE + "PodSecurityContext", "supplementalGroups");
        atomic(CORE + "PodSecurityContext", "sysctls");
        atomic(CORE + "PodDNSConfig", "nameservers");
        atomic(CORE + "PodDNSConfig", "searches");
        atomic(CORE + "PodDNSConfig", "options");
        atomic(CORE + "HostAlias", "hostnames");

        // core/v1 PodStatus
        mergedMap(CORE + "PodStatus", "conditions", "type");
        tag(CORE + "PodStatus", "hostIPs", MERGE, "ip", "atomic");
        mergedMap(CORE + "PodStatus", "podIPs", "ip");
        atomic(CORE + "PodStatus", "initContainerStatuses");
        atomic(CORE + "PodStatus", "containerStatuses");
        atomic(CORE + "PodStatus", "ephemeralContainerStatuses");
        tag(CORE + "PodStatus", "resourceClaimStatuses", "merge,retainKeys", "name", "map", "name");

        // core/v1 other workloads, services, accounts, endpoints
        mergedMap(CORE + "ReplicationControllerStatus", "conditions", "type");
        tag(CORE + "ServiceSpec", "ports", MERGE, "port", "map", "port", "protocol");
        atomic(CORE + "ServiceSpec", "clusterIPs");
        atomic(CORE + "ServiceSpec", "externalIPs");
        atomic(CORE + "ServiceSpec", "loadBalancerSourceRanges");
        atomic(CORE + "ServiceSpec", "ipFamilies");
        mergedMap(CORE + "ServiceStatus", "conditions", "type");
        atomic(CORE + "LoadBalancerStatus", "ingress");
        mergedMap(CORE + "ServiceAccount", "secrets", "name");
        atomic(CORE + "ServiceAccount", "imagePullSecrets");
        atomic(CORE + "Endpoints", "subsets");
        atomic(CORE + "EndpointSubset", "addresses");
        atomic(CORE + "EndpointSubset", "notReadyAddresses");
        atomic(CORE + "EndpointSubset", "ports");

        // core/v1 storage
        atomic(CORE + "PersistentVolumeSpec", "accessModes");
        atomic(CORE + "PersistentVolumeSpec", "mountOptions");
        atomic(CORE + "PersistentVolumeClaimSpec", "accessModes");
        atomic(CORE + "PersistentVolumeClaimStatus", "accessModes");
        mergedMap(CORE + "PersistentVolumeClaimStatus", "conditions", "type");

        // core/v1 cluster objects
        mergedPrimitives(CORE + "NodeSpec", "podCIDRs", "set");
        atomic(CORE + "NodeSpec", "taints");
        mergedMap(CORE + "NodeStatus", "conditions", "type");
        mergedMap(CORE + "NodeStatus", "addresses", "type");
        atomic(CORE + "NodeStatus", "images");
        atomic(CORE + "NodeStatus", "volumesInUse");
        atomic(CORE + "NodeStatus", "volumesAttached");
        atomic(CORE + "NamespaceSpec", "finalizers");
        mergedMap(CORE + "NamespaceStatus", "conditions", "type");
        mergedMap(CORE + "ComponentStatus", "conditions", "type");
        atomic(CORE + "LimitRangeSpec", "limits");
        atomic(CORE + "ResourceQuotaSpec", "scopes");

        // apps/v1
        tag(APPS + "DeploymentSpec", "strategy", RETAIN_KEYS, null, null);
        mergedMap(APPS + "DeploymentStatus", "conditions", "type");
        mergedMap(APPS + "ReplicaSetStatus", "conditions", "type");
        mergedMap(APPS + "StatefulSetStatus", "conditions", "type");
        mergedMap(APPS + "DaemonSetStatus", "conditions", "type");
        atomic(APPS + "StatefulSetSpec", "volumeClaimTemplates");

        // batch/v1: merged by type although declared +listType=atomic
        tag(BATCH + "JobStatus", "conditions", MERGE, "type", "atomic");
    }

    private PatchMetadata() {}

    /** Patch metadata of {@code property} on {@code owner}; empty if the class has no such JSON property. */
    public static Optional<Field> of(Class<?> owner, String property) {
        return ModelProperties.find(owner, property).map(found -> {
            Tag tag = tag(owner, property);
            String strategy = tag.strategy() != null ? tag.strategy()
                    : switch (found.shape()) {
                        case OBJECT, MAP -> MERGE;
                        case LIST, SCALAR -> REPLACE;
                    };
            return new Field(strategy, tag.mergeKey(), tag.listType(), tag.listMapKeys(),
                    modelClass(found.valueType()));
        });
    }

    /** How a property's value is laid out in JSON, as its Java field declares it. */
    public enum Shape { SCALAR, OBJECT, LIST, MAP }

    /** The JSON layout of {@code property} on {@code owner}; empty if the class has no such JSON property. */
    public static Optional<Shape> shape(Class<?> owner, String property) {
        return ModelProperties.find(owner, property).map(found -> Shape.valueOf(found.shape().name()));
    }

    /** The fabric8 class below {@code property}: the object's class, or the element / map value class. */
    public static Optional<Class<?>> childType(Class<?> owner, String property) {
        return ModelProperties.find(owner, property).map(ModelProperties.Property::valueType)
                .map(PatchMetadata::modelClass);
    }

    /** The kube tag of a property, {@link #NONE} if kube declares none or the owner is unknown. */
    static Tag tag(Class<?> owner, String property) {
        if (owner == null) {
            return NONE;
        }
        return TAGS.getOrDefault(owner.getName() + "#" + property, NONE);
    }

    private static Class<?> modelClass(Class<?> type) {
        if (type == null || type.isPrimitive() || type.getName().startsWith("java.")) {
            return null;
        }
        return type;
    }

    private static boolean hasStrategy(String strategies, String wanted) {
        return strategies != null && Arrays.asList(strategies.split(",")).contains(wanted);
    }

    private static void mergedMap(String owner, String property, String mergeKey) {
        tag(owner, property, MERGE, mergeKey, "map", mergeKey);
    }

    private static void mergedPrimitives(String owner, String property, String listType) {
        tag(owner, property, MERGE, null, listType);
    }

    private static void atomic(String owner, String property) {
        tag(owner, property, null, null, "atomic");
    }

    private static void tag(String owner, String property, String strategy, String mergeKey, String listType,
                            String... listMapKeys) {
        TAGS.put(owner + "#" + property, new Tag(strategy, mergeKey, listType, List.of(listMapKeys)));
    }
}
