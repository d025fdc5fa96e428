package io.kubeling.controllers.scheduler;

import java.util.List;

/**
 * A filter's verdict on one node, as a framework Status: fits, or not with reasons; an
 * {@code unresolvable} rejection is one that preempting pods could not cure.
 */
record FilterResult(boolean fits, boolean unresolvable, List<String> reasons) {

    static final FilterResult FITS = new FilterResult(true, false, List.of());

    static FilterResult unschedulable(List<String> reasons) {
        return new FilterResult(false, false, List.copyOf(reasons));
    }

    static FilterResult unresolvable(String reason) {
        return new FilterResult(false, true, List.of(reason));
    }
}
