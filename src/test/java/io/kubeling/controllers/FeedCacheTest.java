package io.kubeling.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kubeling.registry.StoredChange;

class FeedCacheTest {

    private static Pod pod(String namespace, String name, String uid, long revision, String phase) {
        return new PodBuilder().withNewMetadata().withNamespace(namespace).withName(name).withUid(uid)
                .withResourceVersion(Long.toString(revision)).endMetadata().withNewStatus().withPhase(phase)
                .endStatus().build();
    }

    private static Change<Pod> modified(Pod pod) {
        return new Change<>(StoredChange.Type.UPDATED, pod, null);
    }

    private static Change<Pod> deleted(Pod pod) {
        return new Change<>(StoredChange.Type.DELETED, pod, null);
    }

    private static List<String> phases(FeedCache<Pod> cache, String namespace) {
        return cache.inNamespace(namespace).stream().map(p -> p.getMetadata().getName() + "=" + p.getStatus().getPhase())
                .sorted().toList();
    }

    @Test
    void aListReadBeforeTheFeedsChangesDoesNotUndoThem() {
        FeedCache<Pod> cache = new FeedCache<>();
        cache.apply(modified(pod("a", "web", "u1", 7, "Running")));
        cache.apply(deleted(pod("a", "gone", "u2", 8, "Running")));
        assertThat(cache.hasSynced()).isFalse();

        cache.listed(List.of(pod("a", "web", "u1", 5, "Pending"), pod("a", "gone", "u2", 6, "Running"),
                pod("b", "db", "u3", 4, "Pending")));

        assertThat(cache.hasSynced()).isTrue();
        assertThat(phases(cache, "a")).containsExactly("web=Running");
        assertThat(phases(cache, "b")).containsExactly("db=Pending");
    }

    @Test
    void followsTheFeedOnceListedAndKeepsARecreatedObject() {
        FeedCache<Pod> cache = new FeedCache<>();
        cache.listed(List.of(pod("a", "web", "u1", 5, "Pending")));
        cache.apply(modified(pod("a", "web", "u1", 9, "Running")));
        assertThat(phases(cache, "a")).containsExactly("web=Running");

        // the same name again under a new uid, then the old object's deletion arriving late changes nothing
        cache.apply(modified(pod("a", "web", "u4", 11, "Pending")));
        cache.apply(deleted(pod("a", "web", "u1", 10, "Running")));
        assertThat(phases(cache, "a")).containsExactly("web=Pending");

        cache.apply(deleted(pod("a", "web", "u4", 12, "Pending")));
        assertThat(cache.inNamespace("a")).isEmpty();
        assertThat(cache.inNamespace("elsewhere")).isEmpty();
    }

    @Test
    void aNamespaceSurelyHoldsNoneOnlyOnceListedAndWhileTheFeedBroughtNoneThere() {
        FeedCache<Pod> cache = new FeedCache<>();
        assertThat(cache.surelyNoneIn("a")).isFalse();

        cache.listed(List.of(pod("a", "web", "u1", 5, "Pending")));
        assertThat(cache.surelyNoneIn("a")).isFalse();
        assertThat(cache.surelyNoneIn("b")).isTrue();

        cache.apply(modified(pod("b", "db", "u2", 6, "Pending")));
        assertThat(cache.surelyNoneIn("b")).isFalse();
        cache.apply(deleted(pod("a", "web", "u1", 7, "Pending")));
        assertThat(cache.surelyNoneIn("a")).isTrue();
    }
}
