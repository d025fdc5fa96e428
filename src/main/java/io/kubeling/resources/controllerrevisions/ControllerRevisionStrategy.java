package io.kubeling.resources.controllerrevisions;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;
import tools.jackson.databind.json.JsonMapper;

/** kube's controllerRevisionStrategy: data is required and may not change; the revision may not be negative. */
class ControllerRevisionStrategy implements Strategy<ControllerRevision> {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** revision is a plain int64 in kube: an absent one reads as 0. */
    @Override
    public void applyDefaults(ControllerRevision revision) {
        if (revision.getRevision() == null) {
            revision.setRevision(0L);
        }
    }

    @Override
    public List<FieldError> validate(ControllerRevision revision) {
        List<FieldError> errs = new ArrayList<>();
        if (revision.getData() == null) {
            errs.add(FieldError.required("data", "data is mandatory"));
        }
        if (revision.getRevision() != null && revision.getRevision() < 0) {
            errs.add(FieldError.invalid("revision", revision.getRevision(), "must be greater than or equal to 0"));
        }
        return errs;
    }

    /** Data as JSON text: the same data decoded twice may hold its numbers in different Java types. */
    private static String encoded(Object data) {
        return data == null ? null : JSON.writeValueAsString(data);
    }

    @Override
    public List<FieldError> validateUpdate(ControllerRevision revision, ControllerRevision old) {
        List<FieldError> errs = validate(revision);
        if (!Objects.equals(encoded(revision.getData()), encoded(old.getData()))) {
            errs.add(FieldError.invalid("data", FieldError.OMIT, "field is immutable"));
        }
        return errs;
    }
}
