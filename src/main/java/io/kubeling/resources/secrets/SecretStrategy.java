package io.kubeling.resources.secrets;

import io.fabric8.kubernetes.api.model.Secret;
import io.kubeling.registry.Strategy;

public class SecretStrategy implements Strategy<Secret> {
}
