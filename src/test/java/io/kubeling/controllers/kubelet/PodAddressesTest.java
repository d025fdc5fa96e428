package io.kubeling.controllers.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PodAddressesTest {

    @Test
    void addressesFollowTheLastOneHandedOutAndGoRoundAtTheEndOfTheRange() {
        // a /29 holds .0 to .7: .1 is the gateway and .7 the broadcast, so pods get .2 to .6
        PodAddresses addresses = new PodAddresses("10.244.3.0/29", "node-a");
        Set<String> used = new HashSet<>();
        for (String expected : new String[] {"10.244.3.2", "10.244.3.3", "10.244.3.4"}) {
            String next = addresses.next(used);
            assertThat(next).isEqualTo(expected);
            used.add(next);
        }
        used.remove("10.244.3.2");
        assertThat(addresses.next(used)).as("a freed address waits its turn").isEqualTo("10.244.3.5");
        used.add("10.244.3.5");
        assertThat(addresses.next(used)).isEqualTo("10.244.3.6");
        used.add("10.244.3.6");
        assertThat(addresses.next(used)).as("round to the start of the range").isEqualTo("10.244.3.2");
        used.add("10.244.3.2");
        assertThat(addresses.next(used)).as("none free").isEqualTo("10.244.3.2");
    }

    @Test
    void aNodeWithoutAPodCidrGetsASlash24ByItsName() {
        PodAddresses addresses = new PodAddresses(null, "node-b");
        assertThat(addresses.next(Set.of())).matches("10\\.244\\.\\d+\\.2");
        assertThat(addresses.cidr()).isNull();
    }
}
