package io.kubeling.resources.priorityclasses;

import java.util.List;

import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClassBuilder;

/** kube's two system priority classes (SystemPriorityClasses), the only names allowed the "system-" prefix. */
final class SystemPriorityClasses {

    static final String PREFIX = "system-";
    /** The highest value a class that is not a system class may have. */
    static final int HIGHEST_USER_DEFINABLE = 1_000_000_000;

    static final List<PriorityClass> ALL = List.of(
            system("system-node-critical", 2_000_001_000,
                    "Used for system critical pods that must not be moved from their current node."),
            system("system-cluster-critical", 2_000_000_000,
                    "Used for system critical pods that must run in the cluster, but can be moved to another node "
                            + "if necessary."));

    private SystemPriorityClasses() {
    }

    private static PriorityClass system(String name, int value, String description) {
        return new PriorityClassBuilder().withNewMetadata().withName(name).endMetadata().withValue(value)
                .withDescription(description).withPreemptionPolicy("PreemptLowerPriority").build();
    }

    static PriorityClass named(String name) {
        return ALL.stream().filter(pc -> pc.getMetadata().getName().equals(name)).findFirst().orElse(null);
    }

    /** kube's IsKnownSystemPriorityClass: null when the class is a system class as kube defines it, else why not. */
    static String unknownReason(String name, int value, boolean globalDefault) {
        PriorityClass known = named(name);
        if (known == null) {
            return name + " is not a known system priority class";
        }
        if (known.getValue() != value) {
            return "value of " + name + " PriorityClass must be " + known.getValue();
        }
        if (globalDefault) {
            return "globalDefault of " + name + " PriorityClass must be false";
        }
        return null;
    }
}
