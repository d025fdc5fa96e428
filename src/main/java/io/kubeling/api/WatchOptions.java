package io.kubeling.api;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import io.kubeling.registry.Errors;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.selection.FieldSelector;
import io.kubeling.registry.validation.FieldError;

/** The query of a watch request, checked as kube's validateWatchOptions checks it. */
record WatchOptions(ListOptions filter, String resourceVersion, Boolean sendInitialEvents, boolean bookmarks,
        Long timeoutSeconds) {

    static WatchOptions parse(HttpServletRequest request, String pathName) {
        ListOptions list = QueryOptions.list(request);
        if (pathName != null) {
            List<FieldSelector.Term> terms = new ArrayList<>(list.fieldSelector().terms());
            terms.add(new FieldSelector.Term("metadata.name", true, pathName));
            list = new ListOptions(list.labelSelector(), new FieldSelector(List.copyOf(terms)), 0, null,
                    list.resourceVersion(), list.resourceVersionMatch());
        }
        String sendText = request.getParameter("sendInitialEvents");
        Boolean send = sendText == null ? null : GoBool.parse("sendInitialEvents", sendText, false);
        boolean bookmarks = GoBool.parse("allowWatchBookmarks", request.getParameter("allowWatchBookmarks"), false);
        String match = list.resourceVersionMatch() == null ? "" : list.resourceVersionMatch();
        List<FieldError> errs = new ArrayList<>();
        if (send != null) {
            if (!match.equals("NotOlderThan")) {
                errs.add(FieldError.forbidden("resourceVersionMatch",
                        "sendInitialEvents requires setting resourceVersionMatch to NotOlderThan"));
            }
            if (send && !bookmarks) {
                errs.add(FieldError.forbidden("allowWatchBookmarks",
                        "sendInitialEvents requires setting allowWatchBookmarks to true"));
            }
        }
        if (!match.isEmpty()) {
            if (send == null) {
                errs.add(FieldError.forbidden("resourceVersionMatch",
                        "resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided"));
            }
            if (!match.equals("NotOlderThan")) {
                errs.add(FieldError.notSupported("resourceVersionMatch", match, List.of("NotOlderThan")));
            }
        }
        if (!errs.isEmpty()) {
            throw Errors.invalid("ListOptions.meta.k8s.io", "ListOptions", "meta.k8s.io", "", errs);
        }
        String rv = list.resourceVersion();
        if (rv != null && !rv.isEmpty()) {
            ResourceStore.parseResourceVersion(rv);
        }
        Long timeout = null;
        String timeoutText = request.getParameter("timeoutSeconds");
        if (timeoutText != null && !timeoutText.isEmpty()) {
            try {
                timeout = Long.parseLong(timeoutText);
            } catch (NumberFormatException e) {
                throw Errors.badRequest("invalid value for timeoutSeconds: strconv.ParseInt: parsing \"" + timeoutText
                        + "\": invalid syntax");
            }
        }
        return new WatchOptions(list, rv, send, bookmarks, timeout);
    }

    /** Whether the stream starts with the current state as ADDED events. */
    boolean initialState() {
        if (sendInitialEvents != null) {
            return sendInitialEvents;
        }
        return resourceVersion == null || resourceVersion.isEmpty() || resourceVersion.equals("0");
    }

    /** The revision after which events are sent, when the stream does not start from the current state. */
    long afterRevision(long current) {
        if (resourceVersion == null || resourceVersion.isEmpty() || resourceVersion.equals("0")) {
            return current;
        }
        return Long.parseLong(resourceVersion);
    }

    /**
     * Whether the watch starts at the most recent revision, which kube makes a consistent read: no resourceVersion
     * ("0" starts at any).
     */
    boolean consistentStart() {
        return resourceVersion == null || resourceVersion.isEmpty();
    }

    long requestedRevision() {
        if (resourceVersion == null || resourceVersion.isEmpty()) {
            return 0;
        }
        return Long.parseLong(resourceVersion);
    }
}
