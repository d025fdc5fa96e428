package io.kubeling.resources.pods;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubeling.registry.validation.Names;

/** The warnings kube returns for a new pod that is valid but probably not what was meant. */
final class PodWarnings {

    private PodWarnings() {
    }

    static List<String> onCreate(Pod pod) {
        List<String> warnings = new ArrayList<>();
        String name = pod.getMetadata() == null ? null : pod.getMetadata().getName();
        if (name != null && !name.isEmpty()) {
            List<String> msgs = Names.dns1123Label(name);
            if (!msgs.isEmpty()) {
                warnings.add("metadata.name: this is used in the Pod's hostname, which can result in surprising "
                        + "behavior; a DNS label is recommended: [" + String.join(" ", msgs) + "]");
            }
        }
        Long grace = pod.getSpec() == null ? null : pod.getSpec().getTerminationGracePeriodSeconds();
        if (grace != null && grace < 0) {
            warnings.add("spec.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be "
                    + "treated as 1");
        }
        return warnings;
    }
}
