package io.kubeling.resources.namespaces;

import io.fabric8.kubernetes.api.model.Namespace;
import io.kubeling.registry.Strategy;

public class NamespaceStatusStrategy implements Strategy<Namespace> {
}
