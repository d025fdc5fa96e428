package io.kubeling.resources.pods;

import java.time.Clock;
import java.util.List;

import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Preconditions;
import io.fabric8.kubernetes.api.model.policy.v1.Eviction;
import io.kubeling.registry.DeleteOptions;
import io.kubeling.registry.GroupResource;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.SubresourceCall;
import io.kubeling.registry.SubresourceEndpoint;
import io.kubeling.registry.SubresourceReply;
import io.kubeling.registry.WriteOptions;

/**
 * {@code POST pods/{name}/eviction}, as kube's EvictionREST without PodDisruptionBudgets (none are
 * served): the pod is marked with a DisruptionTarget condition and deleted gracefully under the
 * Eviction's delete options; 201 with a Success Status.
 */
@Component
class PodEvictionEndpoint implements SubresourceEndpoint {

    private static final GroupResource PODS = new GroupResource("", "pods");

    private final Registry registry;
    private final ObjectCodec codec;
    private final Clock clock;

    PodEvictionEndpoint(Registry registry, ObjectCodec codec, Clock clock) {
        this.registry = registry;
        this.codec = codec;
        this.clock = clock;
    }

    @Override
    public GroupResource resource() {
        return PODS;
    }

    @Override
    public String subresource() {
        return "eviction";
    }

    @Override
    public KindRef kind() {
        return new KindRef("policy", "v1", "Eviction");
    }

    @Override
    public List<String> verbs() {
        return List.of("create");
    }

    @Override
    public SubresourceReply create(SubresourceCall call) {
        Eviction eviction = codec.decodeBody(call.body(), Eviction.class, "Eviction", "v1");
        String name = call.bodyName(eviction.getMetadata(), "Eviction");
        DeleteOptions options = deleteOptions(eviction, call.options().dryRun());
        ResourceStore<Pod> pods = registry.store(Pod.class);
        Pod pod = pods.get(call.namespace(), name);
        // a resourceVersion precondition names the pod as the client saw it, which the condition would move on
        if (!options.dryRun() && !terminal(pod) && pod.getMetadata().getDeletionTimestamp() == null
                && options.preconditionResourceVersion() == null) {
            pods.update(call.namespace(), name, "status", current -> {
                PodConditions.update(current.getStatus(), PodConditions.of("DisruptionTarget",
                        "True", "EvictionByEvictionAPI", "Eviction API: evicting"), clock.instant());
                return current;
            }, WriteOptions.DEFAULT);
        }
        pods.delete(call.namespace(), name, options);
        return SubresourceReply.created(PodSubresourceReplies.success(201));
    }

    private static boolean terminal(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    private static DeleteOptions deleteOptions(Eviction eviction, boolean dryRun) {
        io.fabric8.kubernetes.api.model.DeleteOptions given = eviction.getDeleteOptions();
        if (given == null) {
            return new DeleteOptions(dryRun, null, null, null, null);
        }
        boolean dry = dryRun || (given.getDryRun() != null && given.getDryRun().contains("All"));
        Long grace = given.getGracePeriodSeconds();
        if (grace != null && grace < 0) {
            grace = 1L;
        }
        Preconditions pre = given.getPreconditions();
        return new DeleteOptions(dry, grace, pre == null ? null : pre.getUid(),
                pre == null ? null : pre.getResourceVersion(), given.getPropagationPolicy());
    }
}
