package io.kubeling.controllers.kubelet;

import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubeling.registry.GroupResource;
import io.kubeling.registry.Registry;
import io.kubeling.registry.StreamTarget;
import io.kubeling.registry.StreamingEndpoint;
import io.kubeling.registry.SubresourceCall;

/** {@code pods/{name}/attach}: the main process of a running container, its output from now on and its stdin. */
@Component
class PodAttachEndpoint implements StreamingEndpoint {

    private final Registry registry;
    private final ContainerProcesses processes;

    PodAttachEndpoint(Registry registry, ContainerProcesses processes) {
        this.registry = registry;
        this.processes = processes;
    }

    @Override
    public GroupResource resource() {
        return PodStreams.PODS;
    }

    @Override
    public String subresource() {
        return "attach";
    }

    @Override
    public KindRef kind() {
        return new KindRef("", "v1", "PodAttachOptions");
    }

    @Override
    public StreamTarget open(SubresourceCall call) {
        Pod pod = registry.store(Pod.class).get(call.namespace(), call.name());
        String container = PodStreams.container(pod, call.parameter("container"));
        PodStreams.requireNode(pod);
        PodStreams.Streams streams = PodStreams.Streams.of(call);
        return streams.process(io -> processes.attach(pod, container, streams.stdin(), streams.tty(), io));
    }
}
