package io.kubeling.resources.pods;

import java.util.List;

import io.fabric8.kubernetes.api.model.PodSpec;

/**
 * Two pod specs' go-cmp diff, compared as kube compares its internal objects (absent and zero are the same,
 * empty and missing lists are the same, quantities compare by value).
 */
final class SpecComparison {

    private SpecComparison() {
    }

    /** go-cmp's report of what changed from {@code from} to {@code to}; empty when nothing did. */
    static String diff(PodSpec from, PodSpec to) {
        if (from.equals(to)) {
            return "";
        }
        List<GoValue.Struct> specs = InternalPodSpec.convert(from, to);
        return CmpReport.diff(specs.get(0).type(), specs.get(0), specs.get(1));
    }
}
