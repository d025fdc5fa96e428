package io.kubeling.e2e;

import java.io.IOException;
import java.nio.file.Path;

import io.kubeling.support.Kubectl;

/** Manifests of kinds a real cluster serves and Kubeling does not yet, to check what kubectl says of them. */
final class UnservedKinds {

    private UnservedKinds() {
    }

    /** A valid v1 ReplicationController in a file of its own. */
    static Path replicationController() throws IOException {
        return Kubectl.manifest("""
                apiVersion: v1
                kind: ReplicationController
                metadata:
                  name: db
                spec:
                  selector:
                    app: db
                  template:
                    metadata:
                      labels:
                        app: db
                    spec:
                      containers:
                      - name: db
                        image: postgres
                """);
    }
}
