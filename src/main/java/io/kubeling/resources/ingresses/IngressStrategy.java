package io.kubeling.resources.ingresses;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressSpec;
import io.fabric8.kubernetes.api.model.networking.v1.IngressStatus;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;

/** kube's ingress strategy: status kept out of the main resource, generation on spec changes, ValidateIngress. */
class IngressStrategy implements Strategy<Ingress> {

    static final String CLASS_ANNOTATION = "kubernetes.io/ingress.class";

    @Override
    public void prepareForCreate(Ingress ingress) {
        if (ingress.getSpec() == null) {
            ingress.setSpec(new IngressSpec());
        }
        ingress.setStatus(new IngressStatus());
    }

    @Override
    public void prepareForUpdate(Ingress ingress, Ingress old) {
        if (ingress.getSpec() == null) {
            ingress.setSpec(new IngressSpec());
        }
        ingress.setStatus(old.getStatus());
    }

    @Override
    public boolean tracksGeneration() {
        return true;
    }

    @Override
    public boolean specChanged(Ingress ingress, Ingress old) {
        return !Objects.equals(ingress.getSpec(), old.getSpec());
    }

    @Override
    public List<FieldError> validate(Ingress ingress) {
        List<FieldError> errs = IngressValidation.validate(ingress.getSpec(), IngressValidation.Leniency.NONE);
        Map<String, String> annotations = ingress.getMetadata().getAnnotations();
        String annotated = annotations == null ? null : annotations.get(CLASS_ANNOTATION);
        String className = ingress.getSpec().getIngressClassName();
        if (annotated != null && className != null && !annotated.equals(className)) {
            errs.add(FieldError.invalid("annotations." + CLASS_ANNOTATION, annotated,
                    "must match `ingressClassName` when both are specified"));
        }
        return errs;
    }

    @Override
    public List<FieldError> validateUpdate(Ingress ingress, Ingress old) {
        return new ArrayList<>(IngressValidation.validate(ingress.getSpec(), IngressValidation.Leniency.of(old)));
    }
}
