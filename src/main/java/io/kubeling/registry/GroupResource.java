package io.kubeling.registry;

/** A resource name qualified by its API group, printed as kube prints it: {@code pods}, {@code deployments.apps}. */
public record GroupResource(String group, String resource) {

    @Override
    public String toString() {
        return group.isEmpty() ? resource : resource + "." + group;
    }
}
