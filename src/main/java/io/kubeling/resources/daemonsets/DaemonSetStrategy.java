package io.kubeling.resources.daemonsets;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;

/**
 * kube's daemonSetStrategy for apps/v1: defaults, an empty status, generation on spec changes, and the template
 * generation, which apps/v1 carries as the {@code deprecated.daemonset.template.generation} annotation: 1 on
 * create, one more on each change of the template, kept otherwise whatever the client sends.
 */
public class DaemonSetStrategy implements Strategy<DaemonSet> {

    public static final String TEMPLATE_GENERATION = "deprecated.daemonset.template.generation";

    @Override
    public void applyDefaults(DaemonSet ds) {
        DaemonSetDefaults.apply(ds);
    }

    @Override
    public void prepareForCreate(DaemonSet ds) {
        ds.setStatus(emptyStatus());
        long generation = templateGeneration(ds);
        setTemplateGeneration(ds, generation < 1 ? 1 : generation);
    }

    /** A DaemonSetStatus{} as Go encodes it: the counts without omitempty are there, at 0. */
    static DaemonSetStatus emptyStatus() {
        DaemonSetStatus status = new DaemonSetStatus();
        status.setCurrentNumberScheduled(0);
        status.setNumberMisscheduled(0);
        status.setDesiredNumberScheduled(0);
        status.setNumberReady(0);
        return status;
    }

    @Override
    public List<FieldError> validate(DaemonSet ds) {
        return DaemonSetValidation.spec(ds.getSpec());
    }

    @Override
    public void prepareForUpdate(DaemonSet ds, DaemonSet old) {
        ds.setStatus(old.getStatus());
        long generation = templateGeneration(old);
        if (!Objects.equals(ds.getSpec().getTemplate(), old.getSpec().getTemplate())) {
            generation++;
        }
        setTemplateGeneration(ds, generation);
    }

    @Override
    public List<FieldError> validateUpdate(DaemonSet ds, DaemonSet old) {
        List<FieldError> errs = validate(ds);
        errs.addAll(DaemonSetValidation.update(ds.getSpec(), old.getSpec()));
        return errs;
    }

    @Override
    public boolean tracksGeneration() {
        return true;
    }

    @Override
    public boolean specChanged(DaemonSet ds, DaemonSet old) {
        return !Objects.equals(ds.getSpec(), old.getSpec());
    }

    /** The template generation an object carries, 0 when it has none (or one that is not a number). */
    public static long templateGeneration(DaemonSet ds) {
        Map<String, String> annotations = ds.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(TEMPLATE_GENERATION);
        if (value == null) {
            return 0;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static void setTemplateGeneration(DaemonSet ds, long generation) {
        Map<String, String> annotations = ds.getMetadata().getAnnotations() == null ? new HashMap<>()
                : new HashMap<>(ds.getMetadata().getAnnotations());
        annotations.put(TEMPLATE_GENERATION, Long.toString(generation));
        ds.getMetadata().setAnnotations(annotations);
    }
}
