package io.kubeling.resources.serviceaccounts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.ConfigMapProjection;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.DownwardAPIProjection;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectFieldSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ProjectedVolumeSource;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountTokenProjection;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.kubeling.config.ServiceAccountProperties;
import io.kubeling.registry.Admission;
import io.kubeling.registry.AdmissionRequest;
import io.kubeling.registry.Errors;
import io.kubeling.registry.Registry;
import io.kubeling.registry.StatusException;

/**
 * kube's ServiceAccount admission plugin on a new pod: the {@code default} account when it names none, and, unless
 * the pod or its account turns automounting off, the projected {@code kube-api-access-xxxxx} volume (a token for
 * the account, the cluster CA from the {@code kube-root-ca.crt} ConfigMap and the pod's namespace) mounted read-only
 * at {@code /var/run/secrets/kubernetes.io/serviceaccount} in every container that mounts nothing there. Mirror pods
 * are left alone. A pod naming an account that does not exist is refused, as kube refuses it; the {@code default}
 * account, which the service account controller makes soon after its namespace, is looked for ten times, 100 to 200
 * ms apart, before that, as kube's plugin does. {@code kubeling.service-accounts.mount-token=false} leaves the volume
 * out, not the check.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 90)
public class ServiceAccountAdmission implements Admission {

    static final String VOLUME_PREFIX = "kube-api-access-";
    static final String MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";
    static final String ROOT_CA_CONFIG_MAP = "kube-root-ca.crt";
    /** kube's WarnOnlyBoundTokenExpirationSeconds: an hour and seven seconds. */
    static final long TOKEN_SECONDS = 3607;
    private static final String MIRROR = "kubernetes.io/config.mirror";
    /** utilrand's alphabet: no vowels, no look-alikes. */
    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    /** kube's plugin looks for the default account this many times before it refuses the pod. */
    private static final int DEFAULT_ACCOUNT_ATTEMPTS = 10;

    private final Supplier<Registry> registry;
    private final boolean mountToken;
    private final Supplier<Duration> retryInterval;

    @Autowired
    ServiceAccountAdmission(ObjectProvider<Registry> registry, ServiceAccountProperties properties) {
        this(registry::getObject, properties.mountToken(),
                () -> Duration.ofMillis(100 + ThreadLocalRandom.current().nextInt(100)));
    }

    public ServiceAccountAdmission(Supplier<Registry> registry, boolean mountToken) {
        this(registry, mountToken, () -> Duration.ZERO);
    }

    /** {@code retryInterval}: how long to wait between two looks for the default account. */
    public ServiceAccountAdmission(Supplier<Registry> registry, boolean mountToken, Supplier<Duration> retryInterval) {
        this.registry = registry;
        this.mountToken = mountToken;
        this.retryInterval = retryInterval;
    }

    @Override
    public <T extends HasMetadata> T mutate(AdmissionRequest<T> request) {
        if (request.resource().type() != Pod.class || request.subresource() != null
                || request.operation() != Operation.CREATE || !(request.object() instanceof Pod pod)) {
            return request.object();
        }
        if (pod.getMetadata().getAnnotations() != null && pod.getMetadata().getAnnotations().containsKey(MIRROR)) {
            return request.object();
        }
        if (pod.getSpec() == null) {
            pod.setSpec(new PodSpec());
        }
        PodSpec spec = pod.getSpec();
        if (spec.getServiceAccountName() == null || spec.getServiceAccountName().isEmpty()) {
            spec.setServiceAccountName(spec.getServiceAccount() == null || spec.getServiceAccount().isEmpty()
                    ? "default" : spec.getServiceAccount());
        }
        ServiceAccount account = account(request.namespace(), spec.getServiceAccountName());
        if (account == null && !namespaceExists(request.namespace())) {
            // kube's NamespaceLifecycle, first in its chain, refuses the pod for its namespace
            return request.object();
        }
        if (account == null && spec.getServiceAccountName().equals("default")) {
            account = awaitDefault(request.namespace());
        }
        if (account == null) {
            throw Errors.forbidden(request.resource().groupResource(), name(pod), "error looking up service account "
                    + request.namespace() + "/" + spec.getServiceAccountName() + ": serviceaccount \""
                    + spec.getServiceAccountName() + "\" not found");
        }
        if (mountToken && automount(spec, account)) {
            mountToken(spec);
        }
        return request.object();
    }

    private boolean namespaceExists(String namespace) {
        try {
            registry.get().store(Namespace.class).get(null, namespace);
            return true;
        } catch (StatusException e) {
            if (e.code() == 404) {
                return false;
            }
            throw e;
        }
    }

    /** The default account, looked for again a while, or null if it still is not there. */
    private ServiceAccount awaitDefault(String namespace) {
        for (int i = 1; i < DEFAULT_ACCOUNT_ATTEMPTS; i++) {
            pause();
            ServiceAccount account = account(namespace, "default");
            if (account != null) {
                return account;
            }
        }
        return null;
    }

    private void pause() {
        try {
            Thread.sleep(retryInterval.get().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Errors.internal("interrupted while looking up the service account");
        }
    }

    /** kube's admission name of an object not yet named: its generateName, else {@code Unknown}. */
    private static String name(Pod pod) {
        String name = pod.getMetadata().getName();
        if (name != null && !name.isEmpty()) {
            return name;
        }
        String generateName = pod.getMetadata().getGenerateName();
        return generateName != null && !generateName.isEmpty() ? generateName : "Unknown";
    }

    private ServiceAccount account(String namespace, String name) {
        try {
            return registry.get().store(ServiceAccount.class).peek(namespace, name);
        } catch (StatusException e) {
            if (e.code() == 404) {
                return null;
            }
            throw e;
        }
    }

    /** The pod's say first, then the account's; on when neither says. */
    static boolean automount(PodSpec spec, ServiceAccount account) {
        if (spec.getAutomountServiceAccountToken() != null) {
            return spec.getAutomountServiceAccountToken();
        }
        return account == null || account.getAutomountServiceAccountToken() == null
                || account.getAutomountServiceAccountToken();
    }

    static void mountToken(PodSpec spec) {
        List<Volume> volumes = spec.getVolumes() == null ? new ArrayList<>() : new ArrayList<>(spec.getVolumes());
        String name = null;
        for (Volume v : volumes) {
            if (v.getName() != null && v.getName().startsWith(VOLUME_PREFIX)) {
                name = v.getName();
                break;
            }
        }
        boolean hasVolume = name != null;
        if (name == null) {
            name = VOLUME_PREFIX + random(5);
        }
        boolean needed = mount(spec.getInitContainers(), name) | mount(spec.getContainers(), name);
        if (!hasVolume && needed) {
            volumes.add(volume(name));
            spec.setVolumes(volumes);
        }
    }

    private static boolean mount(List<Container> containers, String volume) {
        boolean added = false;
        if (containers == null) {
            return false;
        }
        for (Container c : containers) {
            List<VolumeMount> mounts = c.getVolumeMounts() == null ? new ArrayList<>()
                    : new ArrayList<>(c.getVolumeMounts());
            if (mounts.stream().noneMatch(m -> MOUNT_PATH.equals(m.getMountPath()))) {
                VolumeMount mount = new VolumeMount();
                mount.setName(volume);
                mount.setReadOnly(true);
                mount.setMountPath(MOUNT_PATH);
                mounts.add(mount);
                c.setVolumeMounts(mounts);
                added = true;
            }
        }
        return added;
    }

    /** kube's TokenVolumeSource, built with setters: the model's builders cost a create more than the rest of this. */
    static Volume volume(String name) {
        ServiceAccountTokenProjection token = new ServiceAccountTokenProjection();
        token.setExpirationSeconds(TOKEN_SECONDS);
        token.setPath("token");
        VolumeProjection tokenSource = new VolumeProjection();
        tokenSource.setServiceAccountToken(token);

        KeyToPath caItem = new KeyToPath();
        caItem.setKey("ca.crt");
        caItem.setPath("ca.crt");
        ConfigMapProjection ca = new ConfigMapProjection();
        ca.setName(ROOT_CA_CONFIG_MAP);
        ca.setItems(new ArrayList<>(List.of(caItem)));
        VolumeProjection caSource = new VolumeProjection();
        caSource.setConfigMap(ca);

        ObjectFieldSelector fieldRef = new ObjectFieldSelector();
        fieldRef.setApiVersion("v1");
        fieldRef.setFieldPath("metadata.namespace");
        DownwardAPIVolumeFile namespaceItem = new DownwardAPIVolumeFile();
        namespaceItem.setPath("namespace");
        namespaceItem.setFieldRef(fieldRef);
        DownwardAPIProjection downward = new DownwardAPIProjection();
        downward.setItems(new ArrayList<>(List.of(namespaceItem)));
        VolumeProjection downwardSource = new VolumeProjection();
        downwardSource.setDownwardAPI(downward);

        ProjectedVolumeSource projected = new ProjectedVolumeSource();
        projected.setDefaultMode(420);
        projected.setSources(new ArrayList<>(List.of(tokenSource, caSource, downwardSource)));
        Volume volume = new Volume();
        volume.setName(name);
        volume.setProjected(projected);
        return volume;
    }

    private static String random(int length) {
        StringBuilder s = new StringBuilder(length);
        // kube's utilrand.String: math/rand, not a secret, and a secure generator's draw costs every pod create
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < length; i++) {
            s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }
}
