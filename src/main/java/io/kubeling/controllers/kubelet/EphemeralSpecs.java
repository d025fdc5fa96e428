package io.kubeling.controllers.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EphemeralContainer;

/** An ephemeral container as the runtime runs it: a container with the same fields. */
final class EphemeralSpecs {

    private EphemeralSpecs() {
    }

    static Container asContainer(EphemeralContainer e) {
        return new ContainerBuilder().withName(e.getName()).withImage(e.getImage())
                .withImagePullPolicy(e.getImagePullPolicy()).withCommand(e.getCommand()).withArgs(e.getArgs())
                .withEnv(e.getEnv()).withEnvFrom(e.getEnvFrom()).withWorkingDir(e.getWorkingDir())
                .withVolumeMounts(e.getVolumeMounts()).withSecurityContext(e.getSecurityContext())
                .withStdin(e.getStdin()).withStdinOnce(e.getStdinOnce()).withTty(e.getTty())
                .withTerminationMessagePath(e.getTerminationMessagePath())
                .withTerminationMessagePolicy(e.getTerminationMessagePolicy()).build();
    }
}
