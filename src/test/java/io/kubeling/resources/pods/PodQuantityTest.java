package io.kubeling.resources.pods;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/** Quantities as kube reads and prints them in pod validation messages and diffs. */
class PodQuantityTest {

    @Test
    void values() {
        assertThat(KubeQuantity.parse("100m").value()).isEqualByComparingTo(new BigDecimal("0.1"));
        assertThat(KubeQuantity.parse("1Gi").value()).isEqualByComparingTo(new BigDecimal(1L << 30));
        assertThat(KubeQuantity.parse("2k").value()).isEqualByComparingTo(new BigDecimal(2000));
        assertThat(KubeQuantity.parse("1e3").value()).isEqualByComparingTo(new BigDecimal(1000));
        assertThat(KubeQuantity.parse("-1.5").value()).isEqualByComparingTo(new BigDecimal("-1.5"));
        assertThat(KubeQuantity.parse("1.5.5")).isNull();
        assertThat(KubeQuantity.parse("12Q")).isNull();
    }

    @Test
    void canonicalFormsKeepCanonicalInput() {
        assertThat(KubeQuantity.parse("100m").canonical()).isEqualTo("100m");
        assertThat(KubeQuantity.parse("1Gi").canonical()).isEqualTo("1Gi");
        assertThat(KubeQuantity.parse("1500").canonical()).isEqualTo("1500");
    }

    @Test
    void otherFormsAreCanonicalized() {
        assertThat(KubeQuantity.parse("1000m").canonical()).isEqualTo("1");
        assertThat(KubeQuantity.parse("0.5").canonical()).isEqualTo("500m");
        assertThat(KubeQuantity.parse("1024Mi").canonical()).isEqualTo("1Gi");
        assertThat(KubeQuantity.parse("512").canonical()).isEqualTo("512");
        assertThat(KubeQuantity.parse("0").canonical()).isEqualTo("0");
        assertThat(KubeQuantity.parse("1.5Gi").canonical()).isEqualTo("1536Mi");
    }

    @Test
    void goRepresentation() {
        KubeQuantity milli = KubeQuantity.parse("100m");
        assertThat(milli.intValue()).isEqualTo(100L);
        assertThat(milli.intScale()).isEqualTo(-3);
        assertThat(milli.cached()).isEqualTo("100m");

        KubeQuantity thousand = KubeQuantity.parse("1000m");
        assertThat(thousand.intValue()).isEqualTo(1000L);
        assertThat(thousand.cached()).isNull();
    }
}
