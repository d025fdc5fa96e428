package io.kubeling.resources.podtemplates;

import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.PodTemplate;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.resources.pods.PodTemplates;

/** kube's podTemplateStrategy: the template's defaults, ValidatePodTemplate, generation on template changes. */
class PodTemplateStrategy implements Strategy<PodTemplate> {

    @Override
    public void applyDefaults(PodTemplate template) {
        if (template.getTemplate() == null) {
            template.setTemplate(new PodTemplateSpec());
        }
        PodTemplates.applyDefaults(template.getTemplate());
    }

    @Override
    public List<FieldError> validate(PodTemplate template) {
        return PodTemplates.validate(template.getTemplate(), "template");
    }

    @Override
    public boolean tracksGeneration() {
        return true;
    }

    @Override
    public boolean specChanged(PodTemplate template, PodTemplate old) {
        return !Objects.equals(template.getTemplate(), old.getTemplate());
    }
}
