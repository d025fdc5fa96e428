package io.kubeling.resources.namespaces;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.Namespace;
import io.kubeling.registry.validation.FieldError;

/** The namespaces/{name}/finalize subresource: the one way to change spec.finalizers; status is kept. */
public class NamespaceFinalizeStrategy extends NamespaceStrategy {

    public NamespaceFinalizeStrategy() {
    }

    @Override
    public void prepareForUpdate(Namespace namespace, Namespace old) {
        namespace.setStatus(copyStatus(old));
    }

    @Override
    public List<FieldError> validateUpdate(Namespace namespace, Namespace old) {
        List<FieldError> errors = new ArrayList<>();
        List<String> finalizers = finalizers(namespace);
        for (int i = 0; i < finalizers.size(); i++) {
            errors.addAll(FinalizerNames.validate(finalizers.get(i), "spec.finalizers[" + i + "]"));
        }
        return errors;
    }
}
