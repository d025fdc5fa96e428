package io.kubeling.resources.runtimeclasses;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.node.v1.RuntimeClass;
import io.fabric8.kubernetes.api.model.node.v1.RuntimeClassBuilder;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.validation.FieldError;

class RuntimeClassStrategyTest {

    private final RuntimeClassStrategy strategy = new RuntimeClassStrategy();

    @Test
    void theHandlerIsADnsLabelThatNeverChanges() {
        RuntimeClass gvisor = runtimeClass("runsc");
        RuntimeClass bad = runtimeClass("Run_SC");

        assertThat(strategy.validate(gvisor)).isEmpty();
        assertThat(strategy.validate(bad)).extracting(FieldError::toString).containsExactly(
                "handler: Invalid value: \"Run_SC\": a lowercase RFC 1123 label must consist of lower case "
                        + "alphanumeric characters or '-', and must start and end with an alphanumeric character "
                        + "(e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
        assertThat(strategy.validateUpdate(runtimeClass("kata"), gvisor)).extracting(FieldError::toString)
                .containsExactly("handler: Invalid value: \"kata\": field is immutable");
    }

    @Test
    void theTableShowsTheHandler() {
        RuntimeClassTable table = new RuntimeClassTable();
        RuntimeClass gvisor = runtimeClass("runsc");
        gvisor.getMetadata().setCreationTimestamp("2026-01-01T00:00:00Z");

        assertThat(table.columns()).extracting(TableColumn::name).containsExactly("Name", "Handler", "Age");
        assertThat(table.cells(gvisor, Instant.parse("2026-01-02T00:00:00Z"))).containsExactly("gvisor", "runsc", "24h");
    }

    private static RuntimeClass runtimeClass(String handler) {
        return new RuntimeClassBuilder().withNewMetadata().withName("gvisor").endMetadata().withHandler(handler).build();
    }
}
