package io.kubeling.e2e;

import java.io.IOException;
import java.nio.file.Path;

import io.kubeling.support.Kubectl;

/** Manifests of kinds a real cluster serves and Kubeling does not yet, to check what kubectl says of them. */
final class UnservedKinds {

    private UnservedKinds() {
    }

    /** A valid CSIStorageCapacity, of a served group but not served, in a file of its own. */
    static Path storageCapacity() throws IOException {
        return Kubectl.manifest("""
                apiVersion: storage.k8s.io/v1
                kind: CSIStorageCapacity
                metadata:
                  name: db
                storageClassName: standard
                capacity: 1Gi
                """);
    }
}
