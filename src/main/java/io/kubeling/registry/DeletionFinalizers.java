package io.kubeling.registry;

import java.util.ArrayList;
import java.util.List;

/**
 * The garbage collector's finalizers a delete leaves on an object, as kube's store decides them
 * (deletionFinalizersForGarbageCollection): {@code orphan} for the Orphan policy,
 * {@code foregroundDeletion} for Foreground, neither for Background; with no policy, what the object
 * already carries stays.
 */
public final class DeletionFinalizers {

    public static final String ORPHAN = "orphan";
    public static final String FOREGROUND = "foregroundDeletion";

    private DeletionFinalizers() {
    }

    static List<String> of(List<String> current, String policy) {
        boolean orphan = policy == null ? current.contains(ORPHAN) : policy.equals("Orphan");
        boolean foreground = policy == null ? current.contains(FOREGROUND) : policy.equals("Foreground");
        List<String> result = new ArrayList<>();
        for (String f : current) {
            if (!f.equals(ORPHAN) && !f.equals(FOREGROUND)) {
                result.add(f);
            }
        }
        if (orphan) {
            result.add(ORPHAN);
        }
        if (foreground) {
            result.add(FOREGROUND);
        }
        return result;
    }
}
