package io.kubeling.controllers.kubelet;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeling.registry.Errors;
import io.kubeling.registry.GroupResource;
import io.kubeling.registry.StreamTarget;
import io.kubeling.registry.SubresourceCall;

/** What kube-apiserver checks before it connects a stream to a pod (streamLocation in kube's pod strategy). */
final class PodStreams {

    static final GroupResource PODS = new GroupResource("", "pods");

    private PodStreams() {
    }

    /** A stream reaches a pod through its node's kubelet, so the pod must be bound to one. */
    static void requireNode(Pod pod) {
        if (pod.getSpec().getNodeName() == null || pod.getSpec().getNodeName().isEmpty()) {
            throw Errors.badRequest("pod " + pod.getMetadata().getName() + " does not have a host assigned");
        }
    }

    /** The container asked for, or the only one; kube's validateContainer messages otherwise. */
    static String container(Pod pod, String asked) {
        String name = pod.getMetadata().getName();
        if (asked == null || asked.isEmpty()) {
            List<Container> containers = pod.getSpec().getContainers();
            if (containers.size() == 1) {
                return containers.get(0).getName();
            }
            if (containers.isEmpty()) {
                throw Errors.badRequest("a container name must be specified for pod " + name);
            }
            throw Errors.badRequest("a container name must be specified for pod " + name + ", choose one of: ["
                    + String.join(" ", allNames(pod)) + "]");
        }
        if (!allNames(pod).contains(asked)) {
            throw Errors.badRequest("container " + asked + " is not valid for pod " + name);
        }
        return asked;
    }

    /** Init, regular and ephemeral containers, in the order kube visits them. */
    private static List<String> allNames(Pod pod) {
        List<String> names = new ArrayList<>();
        pod.getSpec().getInitContainers().forEach(c -> names.add(c.getName()));
        pod.getSpec().getContainers().forEach(c -> names.add(c.getName()));
        for (EphemeralContainer c : pod.getSpec().getEphemeralContainers()) {
            names.add(c.getName());
        }
        return names;
    }

    /** A boolean query parameter as Go's strconv.ParseBool reads it (kubectl sends true, the kubelet 1). */
    static boolean flag(SubresourceCall call, String key) {
        String value = call.parameter(key);
        if (value == null || value.isEmpty()) {
            return false;
        }
        return switch (value) {
            case "1", "t", "T", "true", "TRUE", "True" -> true;
            case "0", "f", "F", "false", "FALSE", "False" -> false;
            default -> throw Errors.badRequest("strconv.ParseBool: parsing "
                    + io.kubeling.registry.validation.GoQuote.quote(value) + ": invalid syntax");
        };
    }

    /** The options of exec and attach: which streams, and whether on a terminal (which carries stderr itself). */
    record Streams(boolean stdin, boolean stdout, boolean stderr, boolean tty) {

        static Streams of(SubresourceCall call) {
            boolean tty = flag(call, "tty");
            Streams s = new Streams(flag(call, "stdin"), flag(call, "stdout"), flag(call, "stderr") && !tty, tty);
            if (!s.stdin && !s.stdout && !s.stderr) {
                throw Errors.badRequest("you must specify at least 1 of stdin, stdout, stderr");
            }
            return s;
        }

        /** A process with these streams, started by {@code start}. */
        StreamTarget.Process process(Function<StreamTarget.ProcessOutput, StreamTarget.ProcessHandle> start) {
            Streams streams = this;
            return new StreamTarget.Process() {
                @Override
                public boolean stdin() {
                    return streams.stdin();
                }

                @Override
                public boolean stdout() {
                    return streams.stdout();
                }

                @Override
                public boolean stderr() {
                    return streams.stderr();
                }

                @Override
                public boolean tty() {
                    return streams.tty();
                }

                @Override
                public StreamTarget.ProcessHandle start(StreamTarget.ProcessOutput io) {
                    return start.apply(io);
                }
            };
        }
    }
}
