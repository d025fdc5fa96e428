package io.kubeling.resources.pods;

import static io.kubeling.resources.pods.PodFixtures.copy;
import static io.kubeling.resources.pods.PodFixtures.created;
import static io.kubeling.resources.pods.PodFixtures.minimal;
import static io.kubeling.resources.pods.PodFixtures.strings;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;

class PodUpdateTest {

    private static final String FORBIDDEN = "spec: Forbidden: pod updates may not change fields other than "
            + "`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
            + "`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` "
            + "(allow it to be set to 1 if it was previously negative)\n";

    private final PodStrategy strategy = new PodStrategy();

    @Test
    void imageChangeIsAllowed() {
        Pod old = created(minimal().build());
        Pod pod = new PodBuilder(old).editSpec().editFirstContainer().withImage("nginx:1.27").endContainer()
                .endSpec().build();

        assertThat(update(pod, old)).isEmpty();
    }

    @Test
    void labelAndAnnotationChangesAreAllowed() {
        Pod old = created(minimal().build());
        Pod pod = new PodBuilder(old).editMetadata().addToLabels("tier", "web").addToAnnotations("note", "x")
                .endMetadata().build();

        assertThat(update(pod, old)).isEmpty();
    }

    @Test
    void commandChangeIsForbiddenWithTheDiff() {
        Pod old = created(minimal().build());
        Pod pod = new PodBuilder(old).editSpec().editFirstContainer().withCommand("sleep", "3600").endContainer()
                .endSpec().build();

        assertThat(update(pod, old)).containsExactly(FORBIDDEN
                + "  core.PodSpec{\n"
                + "  \tVolumes:        nil,\n"
                + "  \tInitContainers: nil,\n"
                + "  \tContainers: []core.Container{\n"
                + "  \t\t{\n"
                + "  \t\t\tName:       \"a\",\n"
                + "  \t\t\tImage:      \"nginx\",\n"
                + "- \t\t\tCommand:    nil,\n"
                + "+ \t\t\tCommand:    []string{\"sleep\", \"3600\"},\n"
                + "  \t\t\tArgs:       nil,\n"
                + "  \t\t\tWorkingDir: \"\",\n"
                + "  \t\t\t... // 20 identical fields\n"
                + "  \t\t},\n"
                + "  \t},\n"
                + "  \tEphemeralContainers: nil,\n"
                + "  \tRestartPolicy:       \"Always\",\n"
                + "  \t... // 30 identical fields\n"
                + "  }\n");
    }

    @Test
    void forbiddenChangeNextToAnAllowedOne() {
        Pod old = created(minimal().build());
        Pod pod = new PodBuilder(old).editSpec().withRestartPolicy("Never").editFirstContainer()
                .withImage("nginx:2").endContainer().endSpec().build();

        assertThat(update(pod, old)).containsExactly(FORBIDDEN
                + "  core.PodSpec{\n"
                + "  \t... // 2 identical fields\n"
                + "  \tContainers:                    {{Name: \"a\", Image: \"nginx\", "
                + "TerminationMessagePath: \"/dev/termination-log\", TerminationMessagePolicy: \"File\", ...}},\n"
                + "  \tEphemeralContainers:           nil,\n"
                + "- \tRestartPolicy:                 \"Always\",\n"
                + "+ \tRestartPolicy:                 \"Never\",\n"
                + "  \tTerminationGracePeriodSeconds: &30,\n"
                + "  \tActiveDeadlineSeconds:         nil,\n"
                + "  \t... // 28 identical fields\n"
                + "  }\n");
    }

    @Test
    void resourceChangeShowsQuantities() {
        Pod old = created(minimal().editSpec().editFirstContainer().withNewResources()
                .addToLimits("cpu", new Quantity("100m")).endResources().endContainer().endSpec().build());
        Pod pod = new PodBuilder(old).editSpec().editFirstContainer().editResources()
                .addToLimits("memory", new Quantity("1Gi")).addToRequests("memory", new Quantity("1Gi"))
                .endResources().endContainer().endSpec().build();

        String message = update(pod, old).get(0);

        assertThat(message).contains(
                "  \t\t\t\tLimits: core.ResourceList{\n"
                        + "  \t\t\t\t\ts\"cpu\":    {i: {...}, s: \"100m\", Format: \"DecimalSI\"},\n"
                        + "+ \t\t\t\t\ts\"memory\": {i: resource.int64Amount{value: 1073741824}, s: \"1Gi\", Format: \"BinarySI\"},\n"
                        + "  \t\t\t\t},\n");
    }

    @Test
    void addingAContainerIsForbidden() {
        Pod old = created(minimal().build());
        Pod pod = new PodBuilder(old).editSpec().addNewContainer().withName("b").withImage("redis").endContainer()
                .endSpec().build();

        assertThat(update(pod, old)).containsExactly(
                "spec.containers: Forbidden: pod updates may not add or remove containers");
    }

    @Test
    void emptyImageIsRequired() {
        Pod old = created(minimal().build());
        Pod pod = new PodBuilder(old).editSpec().editFirstContainer().withImage("").endContainer().endSpec().build();

        assertThat(update(pod, old)).containsExactly(
                "spec.containers[0].image: Required value",
                "spec.containers[0].image: Required value");
    }

    @Test
    void activeDeadlineSecondsMayBeSetAndShortened() {
        Pod old = created(minimal().build());
        Pod set = new PodBuilder(old).editSpec().withActiveDeadlineSeconds(100L).endSpec().build();
        assertThat(update(set, old)).isEmpty();

        Pod shorter = new PodBuilder(set).editSpec().withActiveDeadlineSeconds(50L).endSpec().build();
        assertThat(update(shorter, copy(set))).isEmpty();

        Pod longer = new PodBuilder(set).editSpec().withActiveDeadlineSeconds(200L).endSpec().build();
        assertThat(update(longer, copy(set))).containsExactly(
                "spec.activeDeadlineSeconds: Invalid value: 200: must be less than or equal to previous value");

        Pod removed = new PodBuilder(set).editSpec().withActiveDeadlineSeconds(null).endSpec().build();
        assertThat(update(removed, copy(set))).containsExactly(
                "spec.activeDeadlineSeconds: Invalid value: null: must not update from a positive integer to nil value");
    }

    @Test
    void tolerationsMayOnlyBeAdded() {
        Pod old = created(minimal().editSpec().addNewToleration().withKey("disk").withOperator("Exists")
                .withEffect("NoExecute").endToleration().endSpec().build());
        Pod added = new PodBuilder(old).editSpec().addNewToleration().withKey("gpu").withOperator("Exists")
                .endToleration().endSpec().build();
        assertThat(update(added, old)).isEmpty();

        Pod seconds = new PodBuilder(old).editSpec().editFirstToleration().withTolerationSeconds(60L)
                .endToleration().endSpec().build();
        assertThat(update(seconds, old)).isEmpty();

        Pod changed = new PodBuilder(old).editSpec().editFirstToleration().withEffect("NoSchedule")
                .endToleration().endSpec().build();
        assertThat(update(changed, old)).containsExactly(
                "spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds");
    }

    @Test
    void gracePeriodMayBeLiftedFromNegativeToOne() {
        Pod old = created(minimal().editSpec().withTerminationGracePeriodSeconds(-1L).endSpec().build());
        Pod pod = new PodBuilder(old).editSpec().withTerminationGracePeriodSeconds(1L).endSpec().build();

        assertThat(update(pod, old)).isEmpty();
    }

    @Test
    void omittedDefaultsAreFilledBackIn() {
        Pod old = created(minimal().build());
        Pod pod = new PodBuilder(old).editSpec().withDnsPolicy(null).withSchedulerName(null).withTolerations(List.of())
                .withPriority(null).endSpec().build();

        assertThat(update(pod, old)).isEmpty();
    }

    @Test
    void statusCannotBeChangedThroughThePod() {
        Pod old = created(minimal().build());
        Pod pod = new PodBuilder(old).editStatus().withPhase("Running").endStatus().build();

        strategy.prepareForUpdate(pod, old);

        assertThat(pod.getStatus().getPhase()).isEqualTo("Pending");
    }

    @Test
    void theNewSpecIsValidatedToo() {
        Pod old = created(minimal().build());
        Pod pod = new PodBuilder(old).editSpec().editFirstContainer().withImage(" nginx").endContainer()
                .endSpec().build();

        assertThat(update(pod, old)).containsExactly(
                "spec.containers[0].image: Invalid value: \" nginx\": must not have leading or trailing whitespace",
                "spec.containers[0].image: Invalid value: \" nginx\": must not have leading or trailing whitespace");
    }

    private List<String> update(Pod pod, Pod old) {
        strategy.applyDefaults(pod);
        strategy.prepareForUpdate(pod, old);
        return strings(strategy.validateUpdate(pod, old));
    }
}
