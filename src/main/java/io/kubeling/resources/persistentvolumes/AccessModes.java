package io.kubeling.resources.persistentvolumes;

import java.util.ArrayList;
import java.util.List;

/** kube's GetAccessModesAsString: the short names, in a fixed order, each once. */
public final class AccessModes {

    private static final List<String[]> ORDER = List.of(new String[] {"ReadWriteOnce", "RWO"},
            new String[] {"ReadOnlyMany", "ROX"}, new String[] {"ReadWriteMany", "RWX"},
            new String[] {"ReadWriteOncePod", "RWOP"});

    private AccessModes() {
    }

    public static String text(List<String> modes) {
        if (modes == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (String[] mode : ORDER) {
            if (modes.contains(mode[0])) {
                parts.add(mode[1]);
            }
        }
        return String.join(",", parts);
    }
}
