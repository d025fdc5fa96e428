package io.kubeling.controllers.kubelet;

import java.util.List;

import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubeling.registry.GroupResource;
import io.kubeling.registry.Registry;
import io.kubeling.registry.StreamTarget;
import io.kubeling.registry.StreamingEndpoint;
import io.kubeling.registry.SubresourceCall;

/** {@code pods/{name}/exec}: a command run in a running container of the pod, with the streams asked for. */
@Component
class PodExecEndpoint implements StreamingEndpoint {

    private final Registry registry;
    private final ContainerProcesses processes;

    PodExecEndpoint(Registry registry, ContainerProcesses processes) {
        this.registry = registry;
        this.processes = processes;
    }

    @Override
    public GroupResource resource() {
        return PodStreams.PODS;
    }

    @Override
    public String subresource() {
        return "exec";
    }

    @Override
    public KindRef kind() {
        return new KindRef("", "v1", "PodExecOptions");
    }

    @Override
    public StreamTarget open(SubresourceCall call) {
        Pod pod = registry.store(Pod.class).get(call.namespace(), call.name());
        String container = PodStreams.container(pod, call.parameter("container"));
        PodStreams.requireNode(pod);
        PodStreams.Streams streams = PodStreams.Streams.of(call);
        String[] values = call.parameters().get("command");
        List<String> command = values == null ? List.of() : List.of(values);
        return streams.process(io -> processes.exec(pod, container, command, streams.stdin(), streams.tty(), io));
    }
}
