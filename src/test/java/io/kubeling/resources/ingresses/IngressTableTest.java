package io.kubeling.resources.ingresses;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.TableColumn;

class IngressTableTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:10:00Z");
    private final IngressTable table = new IngressTable();

    @Test
    void columnsAreKubesIngressColumns() {
        assertThat(table.columns()).extracting(TableColumn::name)
                .containsExactly("Name", "Class", "Hosts", "Address", "Ports", "Age");
    }

    @Test
    void threeHostsAtMostSortedAddressesAndTlsPorts() {
        Ingress ingress = ingress("""
                {"metadata":{"name":"web","creationTimestamp":"2026-01-01T00:00:00Z"},
                 "spec":{"ingressClassName":"nginx","tls":[{"hosts":["a.example.com"]}],
                         "rules":[{"host":"a.example.com"},{},{"host":"b.example.com"},{"host":"c.example.com"},
                                  {"host":"d.example.com"}]},
                 "status":{"loadBalancer":{"ingress":[{"ip":"192.168.49.3"},{"hostname":"lb.example.com"},
                                                      {"ip":"10.0.0.7"}]}}}""");

        assertThat(table.cells(ingress, NOW)).containsExactly("web", "nginx",
                "a.example.com,b.example.com,c.example.com + 2 more...", "10.0.0.7,192.168.49.3,lb.example.com",
                "80, 443", "10m");
    }

    @Test
    void noClassNoHostsNoAddress() {
        Ingress ingress = ingress("""
                {"metadata":{"name":"bare","creationTimestamp":"2026-01-01T00:09:00Z"},
                 "spec":{"defaultBackend":{"service":{"name":"web","port":{"number":80}}}}}""");

        assertThat(table.cells(ingress, NOW)).containsExactly("bare", "<none>", "*", "", "80", "60s");
    }

    static Ingress ingress(String json) {
        return new ObjectCodec().decode(json.getBytes(StandardCharsets.UTF_8), Ingress.class);
    }
}
