package io.kubeling.e2e;

import java.io.IOException;
import java.nio.file.Path;

import io.kubeling.support.Kubectl;

/** Manifests of kinds a real cluster serves and Kubeling does not yet, to check what kubectl says of them. */
final class UnservedKinds {

    private UnservedKinds() {
    }

    /** A valid apps/v1 StatefulSet in a file of its own. */
    static Path statefulSet() throws IOException {
        return Kubectl.manifest("""
                apiVersion: apps/v1
                kind: StatefulSet
                metadata:
                  name: db
                spec:
                  serviceName: db
                  selector:
                    matchLabels:
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
