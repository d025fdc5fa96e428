package io.kubeling.resources.componentstatuses;

import io.fabric8.kubernetes.api.model.ComponentStatus;
import io.kubeling.registry.Strategy;

/** componentstatuses are only read, and every request to them is warned of their deprecation, as in kube. */
class ComponentStatusStrategy implements Strategy<ComponentStatus> {

    static final String DEPRECATED = "v1 ComponentStatus is deprecated in v1.19+";

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public String deprecationWarning() {
        return DEPRECATED;
    }
}
