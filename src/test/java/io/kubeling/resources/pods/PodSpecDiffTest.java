package io.kubeling.resources.pods;

import static io.kubeling.resources.pods.PodFixtures.created;
import static io.kubeling.resources.pods.PodFixtures.minimal;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;

/** The go-cmp report kube appends to a forbidden pod update, for the shapes of change it lays out differently. */
class PodSpecDiffTest {

    private final Pod old = created(minimal().editSpec().editFirstContainer().withArgs("a", "b", "c")
            .addNewEnv().withName("X").withValue("1").endEnv().endContainer().endSpec().build());

    @Test
    void equalSpecsHaveNoDiff() {
        assertThat(SpecComparison.diff(old.getSpec(), new PodBuilder(old).build().getSpec())).isEmpty();
    }

    @Test
    void absentAndZeroAreTheSame() {
        PodSpec spec = new PodBuilder(old).editSpec().withHostNetwork(false).editFirstContainer().withStdin(false)
                .endContainer().endSpec().build().getSpec();

        assertThat(SpecComparison.diff(old.getSpec(), spec)).isEmpty();
    }

    @Test
    void elementsModifiedInsertedAndNested() {
        PodSpec spec = new PodBuilder(old).editSpec()
                .editFirstContainer().withArgs("a", "x", "c", "d").addNewEnv().withName("Y").withValue("2").endEnv()
                .endContainer()
                .addToNodeSelector("disk", "ssd").editSecurityContext().withRunAsUser(1000L).endSecurityContext()
                .endSpec().build().getSpec();

        assertThat(SpecComparison.diff(old.getSpec(), spec)).isEqualTo(""
                + "  core.PodSpec{\n"
                + "  \tVolumes:        nil,\n"
                + "  \tInitContainers: nil,\n"
                + "  \tContainers: []core.Container{\n"
                + "  \t\t{\n"
                + "  \t\t\tName:    \"a\",\n"
                + "  \t\t\tImage:   \"nginx\",\n"
                + "  \t\t\tCommand: nil,\n"
                + "  \t\t\tArgs: []string{\n"
                + "  \t\t\t\t\"a\",\n"
                + "- \t\t\t\t\"b\",\n"
                + "+ \t\t\t\t\"x\",\n"
                + "  \t\t\t\t\"c\",\n"
                + "+ \t\t\t\t\"d\",\n"
                + "  \t\t\t},\n"
                + "  \t\t\tWorkingDir: \"\",\n"
                + "  \t\t\tPorts:      nil,\n"
                + "  \t\t\tEnvFrom:    nil,\n"
                + "  \t\t\tEnv: []core.EnvVar{\n"
                + "  \t\t\t\t{Name: \"X\", Value: \"1\"},\n"
                + "+ \t\t\t\t{Name: \"Y\", Value: \"2\"},\n"
                + "  \t\t\t},\n"
                + "  \t\t\tResources:    {},\n"
                + "  \t\t\tResizePolicy: nil,\n"
                + "  \t\t\t... // 15 identical fields\n"
                + "  \t\t},\n"
                + "  \t},\n"
                + "  \tEphemeralContainers:           nil,\n"
                + "  \tRestartPolicy:                 \"Always\",\n"
                + "  \tTerminationGracePeriodSeconds: &30,\n"
                + "  \tActiveDeadlineSeconds:         nil,\n"
                + "  \tDNSPolicy:                     \"ClusterFirst\",\n"
                + "- \tNodeSelector:                  nil,\n"
                + "+ \tNodeSelector:                  map[string]string{\"disk\": \"ssd\"},\n"
                + "  \tServiceAccountName:            \"default\",\n"
                + "  \tAutomountServiceAccountToken:  nil,\n"
                + "  \tNodeName:                      \"\",\n"
                + "  \tSecurityContext: &core.PodSecurityContext{\n"
                + "  \t\t... // 5 identical fields\n"
                + "  \t\tSELinuxOptions: nil,\n"
                + "  \t\tWindowsOptions: nil,\n"
                + "- \t\tRunAsUser:      nil,\n"
                + "+ \t\tRunAsUser:      &1000,\n"
                + "  \t\tRunAsGroup:     nil,\n"
                + "  \t\tRunAsNonRoot:   nil,\n"
                + "  \t\t... // 8 identical fields\n"
                + "  \t},\n"
                + "  \tImagePullSecrets: nil,\n"
                + "  \tHostname:         \"\",\n"
                + "  \t... // 20 identical fields\n"
                + "  }\n");
    }

    @Test
    void longInsertedValuesBreakOverLines() {
        PodSpec spec = new PodBuilder(old).editSpec()
                .addNewVolume().withName("data").withNewEmptyDir().endEmptyDir().endVolume()
                .endSpec().build().getSpec();

        assertThat(SpecComparison.diff(old.getSpec(), spec)).startsWith(""
                + "  core.PodSpec{\n"
                + "- \tVolumes: nil,\n"
                + "+ \tVolumes: []core.Volume{\n"
                + "+ \t\t{\n"
                + "+ \t\t\tName:         \"data\",\n"
                + "+ \t\t\tVolumeSource: core.VolumeSource{EmptyDir: &core.EmptyDirVolumeSource{}},\n"
                + "+ \t\t},\n"
                + "+ \t},\n"
                + "  \tInitContainers: nil,\n");
    }

    @Test
    void unchangedNeighboursPrintOnOneLine() {
        PodSpec spec = new PodBuilder(old).editSpec().addNewContainer().withName("b").withImage("x").endContainer()
                .endSpec().build().getSpec();

        assertThat(SpecComparison.diff(old.getSpec(), spec)).isEqualTo(""
                + "  core.PodSpec{\n"
                + "  \tVolumes:        nil,\n"
                + "  \tInitContainers: nil,\n"
                + "  \tContainers: []core.Container{\n"
                + "  \t\t{Name: \"a\", Image: \"nginx\", Args: {\"a\", \"b\", \"c\"}, Env: {{Name: \"X\", Value: \"1\"}}, ...},\n"
                + "+ \t\t{Name: \"b\", Image: \"x\"},\n"
                + "  \t},\n"
                + "  \tEphemeralContainers: nil,\n"
                + "  \tRestartPolicy:       \"Always\",\n"
                + "  \t... // 30 identical fields\n"
                + "  }\n");
    }

    @Test
    void longStringsAreDiffedInChunks() {
        String before = "x".repeat(70);
        String after = "x".repeat(30) + "y" + "x".repeat(39);
        Pod from = new PodBuilder(old).editSpec().editFirstContainer().withWorkingDir(before).endContainer()
                .endSpec().build();
        PodSpec to = new PodBuilder(from).editSpec().editFirstContainer().withWorkingDir(after).endContainer()
                .endSpec().build().getSpec();

        assertThat(SpecComparison.diff(from.getSpec(), to)).contains(""
                + "  \t\t\tWorkingDir: strings.Join({\n"
                + "  \t\t\t\t\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\",\n"
                + "- \t\t\t\t\"x\",\n"
                + "+ \t\t\t\t\"y\",\n"
                + "  \t\t\t\t\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\",\n"
                + "  \t\t\t}, \"\"),\n");
    }
}
