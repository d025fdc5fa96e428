package io.kubeling.cel;

import dev.cel.bundle.CelBuilder;

/** kube's CEL functions beyond the standard library (lists, regex, ...). */
final class KubeLibrary {

    private KubeLibrary() {
    }

    static void install(CelBuilder builder) {
    }
}
