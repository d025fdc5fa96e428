package io.kubeling.junit;

import java.util.ArrayList;
import java.util.List;

/** What an {@link EnableKubeling} asks of its server, as the server's command-line settings; equal settings share. */
record ServerSettings(List<String> arguments, boolean shared) {

    static ServerSettings of(EnableKubeling kubeling) {
        List<String> args = new ArrayList<>();
        if (kubeling.nodes() < 0) {
            throw new IllegalArgumentException("@EnableKubeling(nodes) cannot be negative: " + kubeling.nodes());
        }
        args.add("--kubeling.simulation.enabled=" + kubeling.simulation());
        args.add("--kubeling.simulation.nodes.count=" + kubeling.nodes());
        if (!(kubeling.timeScale() >= 0)) {
            throw new IllegalArgumentException("@EnableKubeling(timeScale) must be 0 (a stopped clock) or positive: "
                    + kubeling.timeScale());
        }
        args.add("--kubeling.simulation.time-scale=" + kubeling.timeScale());
        for (String label : kubeling.nodeLabels()) {
            int eq = label.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("@EnableKubeling(nodeLabels) wants key=value, got " + label);
            }
            args.add("--kubeling.simulation.nodes.labels[" + label.substring(0, eq) + "]=" + label.substring(eq + 1));
        }
        String[] taints = kubeling.nodeTaints();
        for (int i = 0; i < taints.length; i++) {
            args.add("--kubeling.simulation.nodes.taints[" + i + "]=" + taints[i]);
        }
        if (!kubeling.kubernetesVersion().isEmpty()) {
            args.add("--kubeling.kubernetes-version=" + kubeling.kubernetesVersion());
        }
        for (String property : kubeling.properties()) {
            if (property.indexOf('=') <= 0) {
                throw new IllegalArgumentException("@EnableKubeling(properties) wants name=value, got " + property);
            }
            args.add("--" + property);
        }
        return new ServerSettings(List.copyOf(args), kubeling.shared());
    }
}
