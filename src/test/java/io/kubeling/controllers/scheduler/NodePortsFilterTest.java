package io.kubeling.controllers.scheduler;

import static io.kubeling.controllers.scheduler.Fixtures.node;
import static io.kubeling.controllers.scheduler.Fixtures.pod;
import static io.kubeling.controllers.scheduler.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;

class NodePortsFilterTest {

    private final Filter filter = new NodePortsFilter();

    private static NodeInfo holding(PodRequests.HostPort... ports) {
        return new NodeInfo(node("n"), Resources.ZERO, 0, 0, 1, List.of(ports));
    }

    private static Pod wanting(int port, String protocol, String ip) {
        return pod().editSpec().editFirstContainer().addNewPort().withContainerPort(80).withHostPort(port)
                .withProtocol(protocol).withHostIP(ip).endPort().endContainer().endSpec().build();
    }

    @Test
    void aHostPortTakenForTheSameProtocolConflicts() {
        NodeInfo node = holding(new PodRequests.HostPort("TCP", "0.0.0.0", 8080));
        FilterResult result = run(filter, wanting(8080, "TCP", null), node);
        assertThat(result.fits()).isFalse();
        assertThat(result.unresolvable()).isFalse();
        assertThat(result.reasons()).containsExactly("node(s) didn't have free ports for the requested pod ports");
        assertThat(run(filter, wanting(8080, "UDP", null), node).fits()).isTrue();
        assertThat(run(filter, wanting(8081, "TCP", null), node).fits()).isTrue();
    }

    @Test
    void distinctHostIpsShareAPortButTheWildcardDoesNot() {
        NodeInfo node = holding(new PodRequests.HostPort("TCP", "10.0.0.1", 8080));
        assertThat(run(filter, wanting(8080, "TCP", "10.0.0.2"), node).fits()).isTrue();
        assertThat(run(filter, wanting(8080, "TCP", "10.0.0.1"), node).fits()).isFalse();
        assertThat(run(filter, wanting(8080, "TCP", null), node).fits()).isFalse();
    }
}
