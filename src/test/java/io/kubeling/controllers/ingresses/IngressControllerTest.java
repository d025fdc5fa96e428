package io.kubeling.controllers.ingresses;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.kubeling.controllers.StoppedCluster;
import io.kubeling.registry.Registry;
import io.kubeling.resources.ingressclasses.DefaultIngressClassBootstrap;
import io.kubeling.resources.ingressclasses.IngressClassResource;
import io.kubeling.resources.ingresses.DefaultIngressClass;
import io.kubeling.resources.ingresses.IngressResource;

/** The default ingress class, named on new ingresses by admission, and the simulated ingress-nginx publishing them. */
class IngressControllerTest {

    private final AtomicReference<Registry> registry = new AtomicReference<>();
    private final StoppedCluster cluster = new StoppedCluster(List.of(new IngressResource().ingresses(),
            new IngressClassResource().ingressclasses()), List.of(new DefaultIngressClass(registry::get)));

    @AfterEach
    void tearDown() {
        cluster.close();
    }

    @Test
    void anIngressWithoutClassGetsTheDefaultOneAndLocalhostOnceANodeRunsTheController() {
        registry.set(cluster.registry);
        cluster.create(null, Namespace.class, "{\"metadata\":{\"name\":\"shop\"}}");
        new DefaultIngressClassBootstrap(cluster.registry).ensure();
        cluster.create(null, IngressClass.class, "{\"metadata\":{\"name\":\"traefik\"},"
                + "\"spec\":{\"controller\":\"traefik.io/ingress-controller\"}}");
        cluster.start(new IngressController(cluster.kit()));

        cluster.create("shop", Ingress.class, ingress("web", ""));
        cluster.create("shop", Ingress.class, ingress("other", "\"ingressClassName\":\"traefik\","));
        assertThat(cluster.get(Ingress.class, "shop", "web").getSpec().getIngressClassName()).isEqualTo("nginx");
        cluster.advance(Duration.ofSeconds(5));
        assertThat(cluster.get(Ingress.class, "shop", "web").getStatus().getLoadBalancer()).isNull();

        cluster.create(null, Node.class, "{\"metadata\":{\"name\":\"node-1\"},\"status\":{\"addresses\":"
                + "[{\"type\":\"InternalIP\",\"address\":\"192.168.49.2\"},{\"type\":\"Hostname\",\"address\":\"node-1\"}]}}");

        Ingress published = cluster.await(Ingress.class, "shop", "web", i -> i.getStatus().getLoadBalancer() != null);
        // kind's ingress-nginx runs with --publish-status-address=localhost
        assertThat(published.getStatus().getLoadBalancer().getIngress()).extracting(e -> e.getHostname())
                .containsExactly("localhost");
        assertThat(published.getStatus().getLoadBalancer().getIngress()).extracting(e -> e.getIp())
                .containsOnlyNulls();
        assertThat(published.getMetadata().getManagedFields()).extracting(f -> f.getManager())
                .contains("nginx-ingress-controller");
        cluster.advance(Duration.ofSeconds(5));
        assertThat(cluster.get(Ingress.class, "shop", "other").getStatus().getLoadBalancer()).isNull();
    }

    private static String ingress(String name, String classField) {
        return "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{" + classField + "\"rules\":[{\"host\":\"shop.example"
                + ".com\",\"http\":{\"paths\":[{\"path\":\"/\",\"pathType\":\"Prefix\",\"backend\":{\"service\":"
                + "{\"name\":\"web\",\"port\":{\"number\":80}}}}]}}]}}";
    }
}
