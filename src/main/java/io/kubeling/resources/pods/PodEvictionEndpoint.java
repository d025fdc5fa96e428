package io.kubeling.resources.pods;

import java.time.Clock;
import java.util.List;

import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Preconditions;
import io.fabric8.kubernetes.api.model.policy.v1.Eviction;
import io.kubeling.registry.DeleteOptions;
import io.kubeling.registry.Errors;
import io.kubeling.registry.GroupResource;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.SubresourceCall;
import io.kubeling.registry.SubresourceEndpoint;
import io.kubeling.registry.SubresourceReply;
import io.kubeling.registry.WriteOptions;
import io.kubeling.resources.poddisruptionbudgets.EvictionBudget;

/**
 * {@code POST pods/{name}/eviction}, as kube's EvictionREST: a pod that is running and not yet going must have its
 * PodDisruptionBudget's leave ({@link EvictionBudget}); then the pod is marked with a DisruptionTarget condition and
 * deleted gracefully under the Eviction's delete options; 201 with a Success Status.
 */
@Component
class PodEvictionEndpoint implements SubresourceEndpoint {

    private static final GroupResource PODS = new GroupResource("", "pods");
    /** The resource kube names in the precondition conflicts of an eviction: the kind, as addConditionAndDeletePod gives it. */
    private static final GroupResource POD = new GroupResource("", "Pod");

    private final Registry registry;
    private final ObjectCodec codec;
    private final Clock clock;
    private final EvictionBudget budget;

    PodEvictionEndpoint(Registry registry, ObjectCodec codec, Clock clock) {
        this.registry = registry;
        this.codec = codec;
        this.clock = clock;
        this.budget = new EvictionBudget(registry, clock);
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
        registry.admitSubresource(PODS, "eviction", call);
        DeleteOptions options = deleteOptions(eviction, call.options().dryRun());
        ResourceStore<Pod> pods = registry.store(Pod.class);
        Pod pod = pods.get(call.namespace(), name);
        if (!EvictionBudget.exempt(pod)
                && budget.admit(pod, options.dryRun()) == EvictionBudget.Verdict.DELETE_IF_UNCHANGED) {
            // the pod goes only if it has not turned ready since its budget let it go unready
            options = new DeleteOptions(options.dryRun(), options.gracePeriodSeconds(), options.preconditionUid(),
                    pod.getMetadata().getResourceVersion(), options.propagationPolicy());
        }
        options = markDisruptionTarget(pods, call.namespace(), name, options);
        pods.delete(call.namespace(), name, options);
        return SubresourceReply.created(PodSubresourceReplies.success(201));
    }

    /**
     * addConditionAndDeletePod's condition: written to the pod as it stands unless the preconditions name another,
     * and a resourceVersion precondition then names the pod as marked.
     */
    private DeleteOptions markDisruptionTarget(ResourceStore<Pod> pods, String ns, String name,
            DeleteOptions options) {
        if (options.dryRun()) {
            return options;
        }
        Pod marked = pods.update(ns, name, "status", current -> {
            String uid = options.preconditionUid();
            if (uid != null && !uid.isEmpty() && !uid.equals(current.getMetadata().getUid())) {
                throw Errors.conflict(POD, name, "the UID in the precondition (" + uid + ") does not match the UID in "
                        + "record (" + current.getMetadata().getUid() + "). The object might have been deleted and "
                        + "then recreated");
            }
            String rv = options.preconditionResourceVersion();
            if (rv != null && !rv.isEmpty() && !rv.equals(current.getMetadata().getResourceVersion())) {
                throw Errors.conflict(POD, name, "the ResourceVersion in the precondition (" + rv + ") does not "
                        + "match the ResourceVersion in record (" + current.getMetadata().getResourceVersion()
                        + "). The object might have been modified");
            }
            if (terminal(current) || current.getMetadata().getDeletionTimestamp() != null) {
                return current;
            }
            PodConditions.update(current.getStatus(), PodConditions.of("DisruptionTarget",
                    "True", "EvictionByEvictionAPI", "Eviction API: evicting"), clock.instant());
            return current;
        }, WriteOptions.DEFAULT).object();
        if (options.preconditionResourceVersion() == null || options.preconditionResourceVersion().isEmpty()
                || marked == null) {
            return options;
        }
        return new DeleteOptions(false, options.gracePeriodSeconds(), options.preconditionUid(),
                marked.getMetadata().getResourceVersion(), options.propagationPolicy());
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
