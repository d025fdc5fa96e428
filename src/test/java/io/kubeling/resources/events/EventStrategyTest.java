package io.kubeling.resources.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.kubeling.registry.validation.FieldError;

class EventStrategyTest {

    private final EventStrategy strategy = new EventStrategy();

    private static EventBuilder event(String namespace, String involvedNamespace) {
        return new EventBuilder().withNewMetadata().withName("pod-a.17b").withNamespace(namespace).endMetadata()
                .withNewInvolvedObject().withKind("Pod").withName("pod-a").withNamespace(involvedNamespace)
                .endInvolvedObject().withReason("Started").withType("Normal");
    }

    /** An event as new clients (events.k8s.io recorders) write it through core v1. */
    private static EventBuilder newStyle(String namespace, String involvedNamespace) {
        return event(namespace, involvedNamespace).withEventTime(new MicroTime("2024-01-01T00:00:00.000000Z"))
                .withReportingComponent("kubelet").withReportingInstance("node-1").withAction("Started");
    }

    private List<String> validate(Event event) {
        return strategy.validate(event).stream().map(FieldError::toString).toList();
    }

    @Test
    void putMayCreateAndNamesAreOnlyPathSegments() {
        assertThat(strategy.allowCreateOnUpdate()).isTrue();
        assertThat(strategy.nameRule()).isEqualTo(io.kubeling.registry.Strategy.NameRule.PATH_SEGMENT);
    }

    @Test
    void theInvolvedObjectMustBeInTheEventsNamespace() {
        assertThat(validate(event("default", "default").build())).isEmpty();
        assertThat(validate(event("default", "other").build())).containsExactly(
                "involvedObject.namespace: Invalid value: \"other\": does not match event.namespace");
        assertThat(strategy.validateUpdate(event("default", "other").build(), event("default", "default").build()))
                .hasSize(1);
    }

    @Test
    void eventsAboutClusterScopedObjectsGoToDefault() {
        assertThat(validate(event("default", null).build())).isEmpty();
        assertThat(validate(event("team-a", null).build())).containsExactly(
                "involvedObject.namespace: Invalid value: \"\": does not match event.namespace");
    }

    @Test
    void eventsWithAnEventTimeMayAlsoGoToKubeSystem() {
        assertThat(validate(newStyle("kube-system", null).build())).isEmpty();
        assertThat(validate(newStyle("team-a", null).build())).containsExactly(
                "involvedObject.namespace: Invalid value: \"\": does not match event.namespace");
    }

    @Test
    void eventsWithAnEventTimeNeedTheReportingFields() {
        Event event = event("default", "default").withEventTime(new MicroTime("2024-01-01T00:00:00.000000Z")).build();
        event.setReason(null);

        assertThat(validate(event)).contains(
                "reportingController: Required value",
                "reportingController: Invalid value: \"\": name part must be non-empty",
                "reportingInstance: Required value",
                "action: Required value",
                "reason: Required value");
    }

    @Test
    void reportingFieldsHaveLengthLimits() {
        Event event = newStyle("default", "default").withReason("r".repeat(129)).withAction("a".repeat(129))
                .withReportingInstance("i".repeat(129)).withMessage("m".repeat(1025)).build();

        assertThat(validate(event)).containsExactly(
                "reportingInstance: Invalid value: \"\": can have at most 128 characters",
                "action: Invalid value: \"\": can have at most 128 characters",
                "reason: Invalid value: \"\": can have at most 128 characters",
                "message: Invalid value: \"\": can have at most 1024 characters");
    }

    @Test
    void theReportingControllerIsAQualifiedName() {
        assertThat(validate(newStyle("default", "default").withReportingComponent("a b").build())).containsExactly(
                "reportingController: Invalid value: \"a b\": name part must consist of alphanumeric characters, "
                        + "'-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  "
                        + "or 'my.name',  or '123-abc', regex used for validation is "
                        + "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
    }

    @Test
    void selectableFieldsAreKubes() {
        Event event = newStyle("default", "default").editInvolvedObject().withUid("u1").withApiVersion("v1")
                .withResourceVersion("7").withFieldPath("spec.containers{app}").endInvolvedObject()
                .withNewSource().withComponent("kubelet").withHost("node-1").endSource().build();

        assertThat(strategy.selectableFields(event)).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("involvedObject.kind", "Pod"),
                Map.entry("involvedObject.namespace", "default"),
                Map.entry("involvedObject.name", "pod-a"),
                Map.entry("involvedObject.uid", "u1"),
                Map.entry("involvedObject.apiVersion", "v1"),
                Map.entry("involvedObject.resourceVersion", "7"),
                Map.entry("involvedObject.fieldPath", "spec.containers{app}"),
                Map.entry("reason", "Started"),
                Map.entry("reportingComponent", "kubelet"),
                Map.entry("source", "kubelet"),
                Map.entry("type", "Normal")));
    }
}
