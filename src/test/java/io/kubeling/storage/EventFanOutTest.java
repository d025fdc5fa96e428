package io.kubeling.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventFanOutTest {

    private final EventFanOut fanOut = new EventFanOut(100, 1 << 20);

    @AfterEach
    void stop() {
        fanOut.stop();
    }

    private static StorageEvent created(String key, long revision) {
        return new StorageEvent(StorageEvent.Type.CREATED, key, revision, revision, 0, new byte[1], null);
    }

    private static List<String> keys(List<StorageEvent> events) {
        return events.stream().map(e -> e.key() + "@" + e.revision()).toList();
    }

    @Test
    void eachWatchHearsOnlyTheKeysUnderItsPrefixInRevisionOrder() throws Exception {
        List<StorageEvent> namespace = new CopyOnWriteArrayList<>();
        List<StorageEvent> resource = new CopyOnWriteArrayList<>();
        List<StorageEvent> other = new CopyOnWriteArrayList<>();
        List<StorageEvent> unslashed = new CopyOnWriteArrayList<>();
        List<StorageEvent> everything = new CopyOnWriteArrayList<>();
        CountDownLatch all = new CountDownLatch(4);
        fanOut.subscribe("/registry/configmaps/a/", 0, namespace::add);
        fanOut.subscribe("/registry/configmaps/", 0, resource::add);
        fanOut.subscribe("/registry/configmaps/b/", 0, other::add);
        fanOut.subscribe("/registry/config", 0, unslashed::add);
        fanOut.subscribe(event -> {
            everything.add(event);
            all.countDown();
        });
        fanOut.startAt(0);
        fanOut.publish(created("/registry/configmaps/a/one", 1));
        fanOut.publish(created("/registry/configmaps/ab/two", 2));
        fanOut.publish(created("/registry/secrets/a/three", 3));
        fanOut.publish(created("/registry/configmaps/a/four", 4));
        assertThat(all.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(keys(namespace)).containsExactly("/registry/configmaps/a/one@1", "/registry/configmaps/a/four@4");
        assertThat(keys(resource)).containsExactly("/registry/configmaps/a/one@1", "/registry/configmaps/ab/two@2",
                "/registry/configmaps/a/four@4");
        assertThat(other).isEmpty();
        assertThat(keys(unslashed)).containsExactly("/registry/configmaps/a/one@1", "/registry/configmaps/ab/two@2",
                "/registry/configmaps/a/four@4");
        assertThat(everything).hasSize(4);
    }

    @Test
    void aWatchHearsNothingAtOrBeforeItsRevisionNorAfterItLeaves() throws Exception {
        List<StorageEvent> late = new CopyOnWriteArrayList<>();
        List<StorageEvent> gone = new CopyOnWriteArrayList<>();
        CountDownLatch first = new CountDownLatch(2);
        CountDownLatch second = new CountDownLatch(1);
        StorageListener leaving = gone::add;
        fanOut.subscribe("/registry/pods/", 2, late::add);
        fanOut.subscribe("/registry/pods/", 0, leaving);
        fanOut.subscribe(event -> (event.revision() <= 2 ? first : second).countDown());
        fanOut.startAt(0);
        fanOut.publish(created("/registry/pods/x/p1", 1));
        fanOut.publish(created("/registry/pods/x/p2", 2));
        assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();
        fanOut.unsubscribe("/registry/pods/", leaving);
        fanOut.publish(created("/registry/pods/x/p3", 3));
        assertThat(second.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(keys(late)).containsExactly("/registry/pods/x/p3@3");
        assertThat(keys(gone)).containsExactly("/registry/pods/x/p1@1", "/registry/pods/x/p2@2");
    }
}
