package io.kubeling.rbac;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecretReference;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.storage.VolumeAttachment;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.Registry;
import io.kubeling.registry.StatusException;

/**
 * The relationships kube's node authorizer graph holds, read from the registry when asked: node <- pod, node <- pod
 * <- secret, configmap, service account or claim, node <- pod <- claim <- volume <- secret, node <- volume
 * attachment. Only a node's client requests ask (the simulated kubelets read through the registry), so the pods of a
 * namespace bound to the node are listed per question rather than kept in a graph that every pod write would update.
 */
public final class NodeGraph {

    enum Kind { POD, SECRET, CONFIG_MAP, SERVICE_ACCOUNT, CLAIM, VOLUME, VOLUME_ATTACHMENT }

    private final Registry registry;

    public NodeGraph(Registry registry) {
        this.registry = registry;
    }

    /** Whether the object of {@code kind} named so has a path to {@code node}. */
    boolean related(String node, Kind kind, String namespace, String name) {
        return switch (kind) {
            case POD -> podsOn(node, namespace).stream().anyMatch(p -> name.equals(p.getMetadata().getName()));
            case SECRET -> podsOn(node, namespace).stream().anyMatch(p -> names(p, true).contains(name))
                    || volumeSecrets(node, namespace).contains(name);
            case CONFIG_MAP -> podsOn(node, namespace).stream().anyMatch(p -> names(p, false).contains(name));
            case SERVICE_ACCOUNT -> podsOn(node, namespace).stream()
                    .anyMatch(p -> name.equals(serviceAccount(p.getSpec())));
            case CLAIM -> podsOn(node, namespace).stream().anyMatch(p -> claims(p).contains(name));
            case VOLUME -> volumesOf(node).contains(name);
            case VOLUME_ATTACHMENT -> attachedTo(node, name);
        };
    }

    private List<Pod> podsOn(String node, String namespace) {
        return registry.store(Pod.class).list(namespace == null || namespace.isEmpty() ? null : namespace,
                ListOptions.withFields("spec.nodeName=" + node)).items();
    }

    private static String serviceAccount(PodSpec spec) {
        return spec.getServiceAccountName() != null && !spec.getServiceAccountName().isEmpty()
                ? spec.getServiceAccountName() : spec.getServiceAccount();
    }

    /** The claims a pod's volumes name, its generic ephemeral volumes' claims ({@code <pod>-<volume>}) included. */
    private static List<String> claims(Pod pod) {
        List<String> out = new ArrayList<>();
        for (Volume v : PolicyRules.list(pod.getSpec().getVolumes())) {
            if (v.getPersistentVolumeClaim() != null) {
                out.add(v.getPersistentVolumeClaim().getClaimName());
            } else if (v.getEphemeral() != null) {
                out.add(pod.getMetadata().getName() + "-" + v.getName());
            }
        }
        return out;
    }

    /** The volumes bound to the claims of the node's pods. */
    private List<String> volumesOf(String node) {
        List<String> out = new ArrayList<>();
        for (Pod pod : podsOn(node, null)) {
            for (String claim : claims(pod)) {
                try {
                    PersistentVolumeClaim pvc = registry.store(PersistentVolumeClaim.class)
                            .get(pod.getMetadata().getNamespace(), claim);
                    if (pvc.getSpec() != null && pvc.getSpec().getVolumeName() != null) {
                        out.add(pvc.getSpec().getVolumeName());
                    }
                } catch (StatusException missing) {
                    // a claim not created yet has no volume
                }
            }
        }
        return out;
    }

    /** The secrets in {@code namespace} that the CSI volumes of the node's pods name. */
    private List<String> volumeSecrets(String node, String namespace) {
        List<String> out = new ArrayList<>();
        for (String name : volumesOf(node)) {
            try {
                PersistentVolume pv = registry.store(PersistentVolume.class).get(null, name);
                var csi = pv.getSpec() == null ? null : pv.getSpec().getCsi();
                if (csi != null) {
                    for (SecretReference ref : new SecretReference[] {csi.getNodePublishSecretRef(),
                            csi.getNodeStageSecretRef(), csi.getNodeExpandSecretRef(),
                            csi.getControllerPublishSecretRef()}) {
                        if (ref != null && namespace.equals(ref.getNamespace())) {
                            out.add(ref.getName());
                        }
                    }
                }
            } catch (StatusException missing) {
                // a volume gone names no secret
            }
        }
        return out;
    }

    private boolean attachedTo(String node, String name) {
        try {
            VolumeAttachment va = registry.store(VolumeAttachment.class).get(null, name);
            return va.getSpec() != null && node.equals(va.getSpec().getNodeName());
        } catch (StatusException | IllegalArgumentException missing) {
            return false;
        }
    }

    /** podutil.VisitPodSecretNames (secrets) or VisitPodConfigmapNames (configmaps), every container included. */
    static List<String> names(Pod pod, boolean secrets) {
        List<String> out = new ArrayList<>();
        Consumer<String> add = n -> {
            if (n != null && !n.isEmpty()) {
                out.add(n);
            }
        };
        PodSpec spec = pod.getSpec();
        if (secrets) {
            PolicyRules.list(spec.getImagePullSecrets()).forEach(r -> add.accept(r.getName()));
        }
        List<List<EnvFromSource>> envFroms = new ArrayList<>();
        List<List<EnvVar>> envs = new ArrayList<>();
        for (Container c : PolicyRules.list(spec.getContainers())) {
            envFroms.add(c.getEnvFrom());
            envs.add(c.getEnv());
        }
        for (Container c : PolicyRules.list(spec.getInitContainers())) {
            envFroms.add(c.getEnvFrom());
            envs.add(c.getEnv());
        }
        for (EphemeralContainer c : PolicyRules.list(spec.getEphemeralContainers())) {
            envFroms.add(c.getEnvFrom());
            envs.add(c.getEnv());
        }
        for (List<EnvFromSource> from : envFroms) {
            for (EnvFromSource f : PolicyRules.list(from)) {
                add.accept(secrets ? (f.getSecretRef() == null ? null : f.getSecretRef().getName())
                        : (f.getConfigMapRef() == null ? null : f.getConfigMapRef().getName()));
            }
        }
        for (List<EnvVar> vars : envs) {
            for (EnvVar v : PolicyRules.list(vars)) {
                if (v.getValueFrom() == null) {
                    continue;
                }
                add.accept(secrets ? (v.getValueFrom().getSecretKeyRef() == null ? null
                        : v.getValueFrom().getSecretKeyRef().getName())
                        : (v.getValueFrom().getConfigMapKeyRef() == null ? null
                                : v.getValueFrom().getConfigMapKeyRef().getName()));
            }
        }
        for (Volume v : PolicyRules.list(spec.getVolumes())) {
            if (secrets) {
                volumeSecrets(v, add);
            } else if (v.getConfigMap() != null) {
                add.accept(v.getConfigMap().getName());
            }
            if (v.getProjected() != null) {
                for (VolumeProjection p : PolicyRules.list(v.getProjected().getSources())) {
                    add.accept(secrets ? (p.getSecret() == null ? null : p.getSecret().getName())
                            : (p.getConfigMap() == null ? null : p.getConfigMap().getName()));
                }
            }
        }
        return out;
    }

    private static void volumeSecrets(Volume v, Consumer<String> add) {
        if (v.getSecret() != null) {
            add.accept(v.getSecret().getSecretName());
        }
        if (v.getAzureFile() != null) {
            add.accept(v.getAzureFile().getSecretName());
        }
        if (v.getCsi() != null) {
            add.accept(name(v.getCsi().getNodePublishSecretRef()));
        }
        if (v.getCephfs() != null) {
            add.accept(name(v.getCephfs().getSecretRef()));
        }
        if (v.getCinder() != null) {
            add.accept(name(v.getCinder().getSecretRef()));
        }
        if (v.getFlexVolume() != null) {
            add.accept(name(v.getFlexVolume().getSecretRef()));
        }
        if (v.getRbd() != null) {
            add.accept(name(v.getRbd().getSecretRef()));
        }
        if (v.getIscsi() != null) {
            add.accept(name(v.getIscsi().getSecretRef()));
        }
        if (v.getScaleIO() != null) {
            add.accept(name(v.getScaleIO().getSecretRef()));
        }
        if (v.getStorageos() != null) {
            add.accept(name(v.getStorageos().getSecretRef()));
        }
    }

    private static String name(LocalObjectReference ref) {
        return ref == null ? null : Objects.requireNonNullElse(ref.getName(), null);
    }
}
