package io.kubeling.controllers.metrics;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.Node;
import io.kubeling.registry.Errors;
import io.kubeling.registry.GroupResource;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.ReadOnlyResource;
import io.kubeling.registry.Registry;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.TableColumn;

/** {@code metrics.k8s.io/v1beta1} nodes: NodeMetrics, served as metrics-server serves them. */
@Component
class NodeMetricsResource implements ReadOnlyResource {

    private final Registry registry;
    private final SimulatedUsage usage;
    private final Clock clock;

    NodeMetricsResource(Registry registry, SimulatedUsage usage, Clock clock) {
        this.registry = registry;
        this.usage = usage;
        this.clock = clock;
    }

    @Override
    public boolean aggregated() {
        return true;
    }

    @Override
    public String group() {
        return "metrics.k8s.io";
    }

    @Override
    public String version() {
        return "v1beta1";
    }

    @Override
    public String plural() {
        return "nodes";
    }

    @Override
    public String singular() {
        // empty as metrics-server 0.7.1 has it, so that kubectl guesses it from the kind: kubectl get nodemetrics
        return "";
    }

    @Override
    public String kind() {
        return "NodeMetrics";
    }

    @Override
    public boolean namespaced() {
        return false;
    }

    @Override
    public Map<String, Object> get(String namespace, String name) {
        Node node;
        try {
            node = registry.store(Node.class).peek(null, name);
        } catch (StatusException e) {
            // metrics-server answers with its node lister's error
            throw e.code() == 404 ? Errors.notFound(new GroupResource("", "node"), name) : e;
        }
        return usage.node(node).map(u -> MetricsObjects.node(u, clock.instant()))
                .orElseThrow(() -> Errors.notFound(new GroupResource(group(), "nodemetrics"), name));
    }

    @Override
    public List<Map<String, Object>> list(String namespace, ListOptions options) {
        return usage.nodes(options.labelSelector(), options.fieldSelector())
                .stream().map(u -> MetricsObjects.node(u, clock.instant())).toList();
    }

    @Override
    public List<TableColumn> columns() {
        return MetricsTable.COLUMNS;
    }

    @Override
    public List<Object> cells(Map<String, Object> object) {
        return MetricsTable.cells(object);
    }
}
