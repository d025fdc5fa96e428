package io.kubeling.resources.customresources;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionCondition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionStatus;

/** A CRD's status conditions, read and set as kube's apiextensions helpers do (SetCRDCondition, IsCRDConditionTrue). */
public final class CrdConditions {

    public static final String ESTABLISHED = "Established";
    public static final String NAMES_ACCEPTED = "NamesAccepted";
    public static final String TERMINATING = "Terminating";
    public static final String CLEANUP_FINALIZER = "customresourcecleanup.apiextensions.k8s.io";

    private CrdConditions() {
    }

    public static boolean isTrue(CustomResourceDefinition crd, String type) {
        CustomResourceDefinitionCondition c = find(crd, type);
        return c != null && "True".equals(c.getStatus());
    }

    public static CustomResourceDefinitionCondition find(CustomResourceDefinition crd, String type) {
        if (crd.getStatus() == null || crd.getStatus().getConditions() == null) {
            return null;
        }
        for (CustomResourceDefinitionCondition c : crd.getStatus().getConditions()) {
            if (type.equals(c.getType())) {
                return c;
            }
        }
        return null;
    }

    /**
     * Sets a condition, keeping its lastTransitionTime unless its status changes, as SetCRDCondition does;
     * returns whether anything changed.
     */
    public static boolean set(CustomResourceDefinition crd, String type, String status, String reason, String message,
            String now) {
        if (crd.getStatus() == null) {
            crd.setStatus(new CustomResourceDefinitionStatus());
        }
        List<CustomResourceDefinitionCondition> conditions = crd.getStatus().getConditions() == null
                ? new ArrayList<>() : new ArrayList<>(crd.getStatus().getConditions());
        for (int i = 0; i < conditions.size(); i++) {
            CustomResourceDefinitionCondition c = conditions.get(i);
            if (type.equals(c.getType())) {
                if (status.equals(c.getStatus()) && Objects.equals(reason, c.getReason())
                        && Objects.equals(message, c.getMessage())) {
                    return false;
                }
                String since = status.equals(c.getStatus()) ? c.getLastTransitionTime() : now;
                conditions.set(i, condition(type, status, reason, message, since));
                crd.getStatus().setConditions(conditions);
                return true;
            }
        }
        conditions.add(condition(type, status, reason, message, now));
        crd.getStatus().setConditions(conditions);
        return true;
    }

    private static CustomResourceDefinitionCondition condition(String type, String status, String reason,
            String message, String since) {
        CustomResourceDefinitionCondition c = new CustomResourceDefinitionCondition();
        c.setType(type);
        c.setStatus(status);
        c.setReason(reason);
        c.setMessage(message);
        c.setLastTransitionTime(since);
        return c;
    }
}
