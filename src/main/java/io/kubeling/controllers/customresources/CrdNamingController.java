package io.kubeling.controllers.customresources;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionNames;
import io.kubeling.controllers.Change;
import io.kubeling.controllers.ChangeFeed;
import io.kubeling.controllers.Managers;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.Registry;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.Timestamps;
import io.kubeling.resources.customresources.CrdConditions;

/**
 * Kube's naming and establishing controllers in one: a CRD's requested names are accepted unless another CRD of
 * its group holds them (NamesAccepted False with kube's reason and message), and once accepted the CRD turns
 * Established, in a second write, as kube's establishing controller follows the naming one.
 */
@Component
class CrdNamingController extends CrdController {

    CrdNamingController(Registry registry, ChangeFeed feed, Clock clock) {
        super("crd-naming-controller", registry, feed, clock);
    }

    @Override
    protected void changed(Change<CustomResourceDefinition> change) {
        queue.add(change.object().getMetadata().getName());
        if (change.deleted()) {
            requeueGroup(change.object());
        }
    }

    @Override
    protected boolean needsSync(CustomResourceDefinition crd) {
        return true;
    }

    /** A CRD gone frees its names: the others of its group may take them now. */
    private void requeueGroup(CustomResourceDefinition gone) {
        for (CustomResourceDefinition crd : store().list(null, ListOptions.ALL).items()) {
            if (Objects.equals(crd.getSpec().getGroup(), gone.getSpec().getGroup())) {
                queue.add(crd.getMetadata().getName());
            }
        }
    }

    @Override
    protected void sync(String name) {
        CustomResourceDefinition crd = current(name);
        if (crd == null) {
            return;
        }
        if (!Objects.equals(crd.getSpec().getNames(), crd.getStatus().getAcceptedNames())) {
            name(crd);
        } else if (CrdConditions.isTrue(crd, CrdConditions.NAMES_ACCEPTED)
                && !CrdConditions.isTrue(crd, CrdConditions.ESTABLISHED)) {
            establish(name);
        }
    }

    private void name(CustomResourceDefinition crd) {
        Set<String> resources = new HashSet<>();
        Set<String> kinds = new HashSet<>();
        for (CustomResourceDefinition other : store().list(null, ListOptions.ALL).items()) {
            if (!Objects.equals(other.getSpec().getGroup(), crd.getSpec().getGroup())
                    || other.getMetadata().getName().equals(crd.getMetadata().getName())) {
                continue;
            }
            CustomResourceDefinitionNames accepted = other.getStatus() == null ? null
                    : other.getStatus().getAcceptedNames();
            if (accepted != null) {
                addAll(resources, accepted.getPlural(), accepted.getSingular());
                if (accepted.getShortNames() != null) {
                    resources.addAll(accepted.getShortNames());
                }
                addAll(kinds, accepted.getKind(), accepted.getListKind());
            }
        }
        CustomResourceDefinitionNames requested = crd.getSpec().getNames();
        CustomResourceDefinitionNames accepted = crd.getStatus().getAcceptedNames() == null
                ? new CustomResourceDefinitionNames() : crd.getStatus().getAcceptedNames();
        CustomResourceDefinitionNames names = copy(accepted);
        String reason = null;
        String message = null;
        String conflict = conflict(requested.getPlural(), accepted.getPlural(), resources);
        if (conflict != null) {
            reason = "PluralConflict";
            message = conflict;
        } else {
            names.setPlural(requested.getPlural());
        }
        conflict = conflict(requested.getSingular(), accepted.getSingular(), resources);
        if (conflict != null) {
            reason = "SingularConflict";
            message = conflict;
        } else {
            names.setSingular(requested.getSingular());
        }
        List<String> requestedShort = requested.getShortNames() == null ? List.of() : requested.getShortNames();
        List<String> acceptedShort = accepted.getShortNames() == null ? List.of() : accepted.getShortNames();
        if (!requestedShort.equals(acceptedShort)) {
            List<String> errors = new ArrayList<>();
            for (String shortName : requestedShort) {
                if (acceptedShort.contains(shortName) || shortName.equals(accepted.getPlural())
                        || shortName.equals(accepted.getSingular())) {
                    continue;
                }
                String c = conflict(shortName, "", resources);
                if (c != null) {
                    errors.add(c);
                }
            }
            if (!errors.isEmpty()) {
                reason = "ShortNamesConflict";
                // utilerrors.NewAggregate prints one error bare and several in brackets
                message = errors.size() == 1 ? errors.get(0) : "[" + String.join(", ", errors) + "]";
            } else {
                names.setShortNames(requested.getShortNames());
            }
        }
        conflict = conflict(requested.getKind(), accepted.getKind(), kinds);
        if (conflict != null) {
            reason = "KindConflict";
            message = conflict;
        } else {
            names.setKind(requested.getKind());
        }
        conflict = conflict(requested.getListKind(), accepted.getListKind(), kinds);
        if (conflict != null) {
            reason = "ListKindConflict";
            message = conflict;
        } else {
            names.setListKind(requested.getListKind());
        }
        names.setCategories(requested.getCategories());
        boolean accepting = reason == null;
        String acceptedStatus = accepting ? "True" : "False";
        String acceptedReason = accepting ? "NoConflicts" : reason;
        String acceptedMessage = accepting ? "no conflicts found" : message;
        String now = Timestamps.now(clock);
        try {
            store().update(null, crd.getMetadata().getName(), "status", current -> {
                current.getStatus().setAcceptedNames(names);
                CrdConditions.set(current, CrdConditions.NAMES_ACCEPTED, acceptedStatus, acceptedReason,
                        acceptedMessage, now);
                if (!CrdConditions.isTrue(current, CrdConditions.ESTABLISHED)) {
                    if (accepting) {
                        CrdConditions.set(current, CrdConditions.ESTABLISHED, "False", "Installing",
                                "the initial names have been accepted", now);
                    } else if (CrdConditions.find(current, CrdConditions.ESTABLISHED) == null) {
                        CrdConditions.set(current, CrdConditions.ESTABLISHED, "False", "NotAccepted",
                                "not all names are accepted", now);
                    }
                }
                return current;
            }, Managers.KUBE_APISERVER);
        } catch (StatusException e) {
            if (e.code() != 404 && e.code() != 409) {
                throw e;
            }
        }
        requeueOthers(crd);
    }

    private void requeueOthers(CustomResourceDefinition crd) {
        for (CustomResourceDefinition other : store().list(null, ListOptions.ALL).items()) {
            if (Objects.equals(other.getSpec().getGroup(), crd.getSpec().getGroup())
                    && !other.getMetadata().getName().equals(crd.getMetadata().getName())
                    && !Objects.equals(other.getSpec().getNames(), other.getStatus().getAcceptedNames())) {
                queue.add(other.getMetadata().getName());
            }
        }
    }

    private void establish(String name) {
        String now = Timestamps.now(clock);
        try {
            store().update(null, name, "status", current -> {
                CrdConditions.set(current, CrdConditions.ESTABLISHED, "True", "InitialNamesAccepted",
                        "the initial names have been accepted", now);
                return current;
            }, Managers.KUBE_APISERVER);
        } catch (StatusException e) {
            if (e.code() != 404 && e.code() != 409) {
                throw e;
            }
        }
    }

    /** equalToAcceptedOrFresh: a name is ours if already accepted, else free if no other CRD holds it. */
    private static String conflict(String requested, String accepted, Set<String> used) {
        if (Objects.equals(requested, accepted) || requested == null || !used.contains(requested)) {
            return null;
        }
        return "\"" + requested + "\" is already in use";
    }

    private static void addAll(Set<String> set, String... values) {
        for (String v : values) {
            if (v != null && !v.isEmpty()) {
                set.add(v);
            }
        }
    }

    private static CustomResourceDefinitionNames copy(CustomResourceDefinitionNames names) {
        CustomResourceDefinitionNames out = new CustomResourceDefinitionNames();
        out.setPlural(names.getPlural());
        out.setSingular(names.getSingular());
        out.setShortNames(names.getShortNames());
        out.setKind(names.getKind());
        out.setListKind(names.getListKind());
        out.setCategories(names.getCategories());
        return out;
    }
}
