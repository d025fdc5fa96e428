package io.kubeling.resources.poddisruptionbudgets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.validation.FieldError;

/** kube's podDisruptionBudgetStrategy and its status strategy, with ValidatePodDisruptionBudgetSpec's messages. */
class PodDisruptionBudgetStrategyTest {

    private final PodDisruptionBudgetStrategy strategy = new PodDisruptionBudgetStrategy();
    private final PodDisruptionBudgetStatusStrategy status = new PodDisruptionBudgetStatusStrategy();
    private final ObjectCodec codec = new ObjectCodec();

    private PodDisruptionBudget pdb(String spec) {
        return codec.decode(("{\"apiVersion\":\"policy/v1\",\"kind\":\"PodDisruptionBudget\",\"metadata\":{\"name\":"
                + "\"web\",\"generation\":1},\"spec\":{" + spec + "}}").getBytes(StandardCharsets.UTF_8),
                PodDisruptionBudget.class);
    }

    private List<String> errors(String spec) {
        PodDisruptionBudget pdb = pdb(spec);
        strategy.prepareForCreate(pdb);
        return strategy.validate(pdb).stream().map(FieldError::toString).toList();
    }

    @Test
    void createStartsTheStatusAtZero() {
        PodDisruptionBudget pdb = pdb("\"minAvailable\":2,\"selector\":{\"matchLabels\":{\"app\":\"web\"}}");
        strategy.prepareForCreate(pdb);

        assertThat(pdb.getStatus().getDisruptionsAllowed()).isZero();
        assertThat(pdb.getStatus().getCurrentHealthy()).isZero();
        assertThat(pdb.getStatus().getExpectedPods()).isZero();
        assertThat(pdb.getStatus().getObservedGeneration()).isNull();
        assertThat(strategy.validate(pdb)).isEmpty();
    }

    @Test
    void boundsAreNonNegativeNumbersOrPercentagesUpTo100() {
        assertThat(errors("\"minAvailable\":-1")).containsExactly(
                "spec.minAvailable: Invalid value: -1: must be greater than or equal to 0");
        assertThat(errors("\"maxUnavailable\":\"half\"")).containsExactly(
                "spec.maxUnavailable: Invalid value: half: a valid percent string must be a numeric string followed "
                        + "by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')");
        assertThat(errors("\"minAvailable\":\"120%\"")).containsExactly(
                "spec.minAvailable: Invalid value: 120%: must not be greater than 100%");
        assertThat(errors("\"minAvailable\":\"50%\",\"unhealthyPodEvictionPolicy\":\"Never\"")).containsExactly(
                "spec.unhealthyPodEvictionPolicy: Unsupported value: \"Never\": supported values: \"AlwaysAllow\", "
                        + "\"IfHealthyBudget\"");
    }

    @Test
    void bothBoundsAtOnceAreRefusedOnTheSpec() {
        List<String> errs = errors("\"minAvailable\":1,\"maxUnavailable\":1");
        assertThat(errs).hasSize(1);
        assertThat(errs.get(0)).matches("spec: Invalid value: policy\\.PodDisruptionBudgetSpec\\{MinAvailable:"
                + "\\(\\*intstr\\.IntOrString\\)\\(0xc[0-9a-f]+\\), Selector:\\(\\*v1\\.LabelSelector\\)\\(nil\\), "
                + "MaxUnavailable:\\(\\*intstr\\.IntOrString\\)\\(0xc[0-9a-f]+\\), UnhealthyPodEvictionPolicy:"
                + "\\(\\*policy\\.UnhealthyPodEvictionPolicyType\\)\\(nil\\)\\}: minAvailable and maxUnavailable cannot "
                + "be both set");
    }

    @Test
    void theSpecIsMutableAndMovesTheGeneration() {
        PodDisruptionBudget old = pdb("\"minAvailable\":1");
        strategy.prepareForCreate(old);
        PodDisruptionBudget updated = pdb("\"minAvailable\":2");
        updated.setStatus(null);
        strategy.prepareForUpdate(updated, old);
        assertThat(strategy.validateUpdate(updated, old)).isEmpty();
        assertThat(strategy.specChanged(updated, old)).isTrue();
        assertThat(updated.getStatus()).isEqualTo(old.getStatus());
    }

    @Test
    void statusKeepsTheSpecAndChecksCountersAndConditions() {
        PodDisruptionBudget old = pdb("\"minAvailable\":1");
        strategy.prepareForCreate(old);
        PodDisruptionBudget updated = pdb("\"minAvailable\":5");
        updated.setStatus(new io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatus());
        updated.getStatus().setDisruptionsAllowed(-1);
        updated.getStatus().setConditions(List.of(new Condition(null, "", 1L, "not a reason!", "Maybe",
                "DisruptionAllowed")));
        status.applyDefaults(updated);
        status.prepareForUpdate(updated, old);

        assertThat(updated.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
        assertThat(updated.getStatus().getExpectedPods()).isZero();
        assertThat(status.validateUpdate(updated, old)).extracting(FieldError::toString).containsExactly(
                "status.conditions[0].status: Unsupported value: \"Maybe\": supported values: \"False\", \"True\", "
                        + "\"Unknown\"",
                "status.conditions[0].lastTransitionTime: Required value: must be set",
                "status.conditions[0].reason: Invalid value: \"not a reason!\": a condition reason must start with "
                        + "alphabetic character, optionally followed by a string of alphanumeric characters or '_,:', "
                        + "and must end with an alphanumeric character or '_' (e.g. 'my_name',  or 'MY_NAME',  or "
                        + "'MyName',  or 'ReasonA,ReasonB',  or 'ReasonA:ReasonB', regex used for validation is "
                        + "'[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?')",
                "status.disruptionsAllowed: Invalid value: -1: must be greater than or equal to 0");
    }
}
