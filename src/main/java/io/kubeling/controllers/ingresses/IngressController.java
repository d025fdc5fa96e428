package io.kubeling.controllers.ingresses;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerStatus;
import io.fabric8.kubernetes.api.model.networking.v1.IngressStatus;
import io.kubeling.controllers.ChangeFeed;
import io.kubeling.controllers.ControllerKit;
import io.kubeling.controllers.QueuedController;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.WriteOptions;
import io.kubeling.resources.ingressclasses.DefaultIngressClassBootstrap;

/**
 * A simulated ingress-nginx for the classes handled by {@code k8s.io/ingress-nginx}: as kind's deployment of it
 * ({@code --publish-status-address=localhost}, the host's ports 80 and 443 mapped to the node it runs on), it
 * publishes the hostname {@code localhost} in each of its ingresses' {@code status.loadBalancer} once a node is
 * there to run it. No traffic reaches it.
 */
@Component
public class IngressController extends QueuedController {

    static final WriteOptions MANAGER = new WriteOptions(false, "nginx-ingress-controller");
    private static final String CLASS_ANNOTATION = "kubernetes.io/ingress.class";
    /** What ingress-nginx's {@code --publish-status-address} is set to in kind's manifest. */
    static final String PUBLISHED = "localhost";

    public IngressController(ControllerKit kit) {
        super("ingress-nginx", kit);
    }

    @Override
    protected List<ChangeFeed.Subscription> subscribe() {
        return List.of(
                feed.subscribe(Ingress.class, change -> {
                    if (!change.deleted()) {
                        queue.add(key(change.object().getMetadata().getNamespace(),
                                change.object().getMetadata().getName()));
                    }
                }),
                feed.subscribe(IngressClass.class, change -> queueExisting()),
                feed.subscribe(Node.class, change -> queueExisting()));
    }

    @Override
    protected void queueExisting() {
        queueEach(registry.store(Ingress.class).list(null, ListOptions.ALL).items());
    }

    @Override
    protected void sync(String key) {
        String[] parts = key.split("/", 2);
        Ingress ingress;
        try {
            ingress = registry.store(Ingress.class).get(parts[0], parts[1]);
        } catch (StatusException e) {
            if (e.code() == 404) {
                return;
            }
            throw e;
        }
        String address = PUBLISHED;
        if (!running() || !handled(ingress) || address.equals(published(ingress))) {
            return;
        }
        registry.store(Ingress.class).update(parts[0], parts[1], "status", current -> {
            if (current.getMetadata().getDeletionTimestamp() != null || address.equals(published(current))) {
                return current;
            }
            IngressLoadBalancerIngress entry = new IngressLoadBalancerIngress();
            entry.setHostname(address);
            IngressStatus status = current.getStatus() == null ? new IngressStatus() : current.getStatus();
            status.setLoadBalancer(new IngressLoadBalancerStatus(List.of(entry)));
            current.setStatus(status);
            return current;
        }, MANAGER);
    }

    /** Whether the ingress names a class this controller handles, by field or by the older annotation. */
    private boolean handled(Ingress ingress) {
        if (ingress.getMetadata().getDeletionTimestamp() != null) {
            return false;
        }
        String className = ingress.getSpec() == null ? null : ingress.getSpec().getIngressClassName();
        Map<String, String> annotations = ingress.getMetadata().getAnnotations();
        if (className == null && annotations != null) {
            className = annotations.get(CLASS_ANNOTATION);
        }
        if (className == null) {
            return false;
        }
        try {
            IngressClass ingressClass = registry.store(IngressClass.class).peek(null, className);
            return ingressClass.getSpec() != null
                    && DefaultIngressClassBootstrap.CONTROLLER.equals(ingressClass.getSpec().getController());
        } catch (StatusException e) {
            if (e.code() == 404) {
                return false;
            }
            throw e;
        }
    }

    private static String published(Ingress ingress) {
        if (ingress.getStatus() == null || ingress.getStatus().getLoadBalancer() == null
                || ingress.getStatus().getLoadBalancer().getIngress() == null
                || ingress.getStatus().getLoadBalancer().getIngress().size() != 1) {
            return null;
        }
        IngressLoadBalancerIngress entry = ingress.getStatus().getLoadBalancer().getIngress().get(0);
        return entry.getIp() == null ? entry.getHostname() : null;
    }

    /** Whether a node is there for the controller's pod to run on. */
    private boolean running() {
        return !registry.store(Node.class).peekAll().isEmpty();
    }
}
