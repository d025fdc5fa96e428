package io.kubeling.controllers.clusterroleaggregation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.kubeling.controllers.ChangeFeed;
import io.kubeling.controllers.ControllerKit;
import io.kubeling.controllers.Managers;
import io.kubeling.controllers.QueuedController;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.WriteOptions;
import io.kubeling.resources.common.LabelSelectors;

/**
 * kube's clusterrole-aggregation controller: a ClusterRole with an aggregationRule holds the rules of every
 * other ClusterRole its selectors match, each rule once, in the order of the matching roles' names; any change to
 * a ClusterRole sends every aggregated role back through the queue.
 */
@Component
public class ClusterRoleAggregationController extends QueuedController {

    static final String COMPONENT = "clusterrole-aggregation-controller";
    private static final WriteOptions MANAGER = new WriteOptions(false, COMPONENT,
            Managers.controller(COMPONENT).user());

    public ClusterRoleAggregationController(ControllerKit kit) {
        super(COMPONENT, kit);
    }

    @Override
    protected List<ChangeFeed.Subscription> subscribe() {
        return List.of(feed.subscribe(ClusterRole.class, change -> queueExisting()));
    }

    @Override
    protected void queueExisting() {
        for (ClusterRole role : store().peekAll()) {
            if (role.getAggregationRule() != null) {
                queue.add(role.getMetadata().getName());
            }
        }
    }

    private ResourceStore<ClusterRole> store() {
        return registry.store(ClusterRole.class);
    }

    @Override
    protected void sync(String name) {
        ClusterRole role;
        try {
            role = store().peek(null, name);
        } catch (StatusException e) {
            if (e.code() == 404) {
                return;
            }
            throw e;
        }
        if (role.getAggregationRule() == null) {
            return;
        }
        List<ClusterRole> all = new ArrayList<>(store().peekAll());
        all.sort(Comparator.comparing(r -> r.getMetadata().getName()));
        List<PolicyRule> rules = new ArrayList<>();
        for (LabelSelector selector : Objects.requireNonNullElse(role.getAggregationRule().getClusterRoleSelectors(),
                List.<LabelSelector>of())) {
            for (ClusterRole other : all) {
                if (other.getMetadata().getName().equals(name)
                        || !LabelSelectors.matches(selector, other.getMetadata().getLabels())) {
                    continue;
                }
                for (PolicyRule rule : Objects.requireNonNullElse(other.getRules(), List.<PolicyRule>of())) {
                    if (!rules.contains(rule)) {
                        rules.add(rule);
                    }
                }
            }
        }
        if (rules.equals(Objects.requireNonNullElse(role.getRules(), List.of()))) {
            return;
        }
        try {
            store().update(null, name, null, current -> {
                current.setRules(rules);
                return current;
            }, MANAGER);
        } catch (StatusException e) {
            if (e.code() != 404 && e.code() != 409) {
                throw e;
            }
            if (e.code() == 409) {
                queue.add(name);
            }
        }
    }
}
