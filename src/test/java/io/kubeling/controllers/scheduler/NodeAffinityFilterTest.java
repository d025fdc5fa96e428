package io.kubeling.controllers.scheduler;

import static io.kubeling.controllers.scheduler.Fixtures.info;
import static io.kubeling.controllers.scheduler.Fixtures.node;
import static io.kubeling.controllers.scheduler.Fixtures.pod;
import static io.kubeling.controllers.scheduler.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;

class NodeAffinityFilterTest {

    private final Filter filter = new NodeAffinityFilter();

    private static Node labelled(String name, Map<String, String> labels) {
        Node node = node(name);
        node.getMetadata().getLabels().putAll(labels);
        return node;
    }

    private static Pod required(NodeSelectorTerm... terms) {
        return pod().editSpec().withNewAffinity().withNewNodeAffinity()
                .withNewRequiredDuringSchedulingIgnoredDuringExecution().withNodeSelectorTerms(terms)
                .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().endAffinity().endSpec().build();
    }

    private static NodeSelectorTerm expression(String key, String operator, String... values) {
        NodeSelectorTerm term = new NodeSelectorTerm();
        term.setMatchExpressions(java.util.List.of(new NodeSelectorRequirement(key, operator, java.util.List.of(values))));
        return term;
    }

    @Test
    void everyNodeSelectorLabelMustMatch() {
        Pod pod = pod().editSpec().withNodeSelector(Map.of("disk", "ssd", "zone", "a")).endSpec().build();
        assertThat(run(filter, pod, info(labelled("n", Map.of("disk", "ssd", "zone", "a")))).fits()).isTrue();
        FilterResult result = run(filter, pod, info(labelled("n", Map.of("disk", "ssd"))));
        assertThat(result.fits()).isFalse();
        assertThat(result.unresolvable()).isTrue();
        assertThat(result.reasons()).containsExactly("node(s) didn't match Pod's node affinity/selector");
    }

    @Test
    void requiredTermsAreOredAndTheirRequirementsAnded() {
        Node node = labelled("n", Map.of("disk", "ssd", "cores", "8"));
        assertThat(run(filter, required(expression("disk", "In", "hdd"), expression("cores", "Gt", "4")),
                info(node)).fits()).isTrue();
        assertThat(run(filter, required(expression("disk", "NotIn", "ssd")), info(node)).fits()).isFalse();
        assertThat(run(filter, required(expression("gpu", "DoesNotExist")), info(node)).fits()).isTrue();
        assertThat(run(filter, required(expression("gpu", "Exists")), info(node)).fits()).isFalse();
        assertThat(run(filter, required(expression("cores", "Lt", "8")), info(node)).fits()).isFalse();
        assertThat(run(filter, required(new NodeSelectorTerm()), info(node)).fits()).isFalse();
    }

    @Test
    void matchFieldsNameTheNode() {
        NodeSelectorTerm byName = new NodeSelectorTerm();
        byName.setMatchFields(java.util.List.of(new NodeSelectorRequirement("metadata.name", "In",
                java.util.List.of("a"))));
        assertThat(run(filter, required(byName), info(node("a"))).fits()).isTrue();
        assertThat(run(filter, required(byName), info(node("b"))).fits()).isFalse();
    }
}
