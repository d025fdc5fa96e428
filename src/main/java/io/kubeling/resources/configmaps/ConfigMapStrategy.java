package io.kubeling.resources.configmaps;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.kubeling.registry.Strategy;

public class ConfigMapStrategy implements Strategy<ConfigMap> {
}
