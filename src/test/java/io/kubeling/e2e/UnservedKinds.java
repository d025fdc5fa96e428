package io.kubeling.e2e;

import java.io.IOException;
import java.nio.file.Path;

import io.kubeling.support.Kubectl;

/** Manifests of kinds a real cluster serves and Kubeling does not yet, to check what kubectl says of them. */
final class UnservedKinds {

    private UnservedKinds() {
    }

    /**
     * A valid VolumeAttributesClass of storage.k8s.io/v1beta1, a served group whose beta version a 1.32 cluster does
     * not serve by default, in a file of its own.
     */
    static Path volumeAttributesClass() throws IOException {
        return Kubectl.manifest("""
                apiVersion: storage.k8s.io/v1beta1
                kind: VolumeAttributesClass
                metadata:
                  name: db
                driverName: example.com
                parameters:
                  iops: "3000"
                """);
    }
}
