package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletResponse;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.StoredChange;

class ChangeLogTest {

    private static final int BUFFER = 4;

    private final ChangeLog log = new ChangeLog(BUFFER);
    private long revision;

    @Test
    void aStreamReadsFromTheNextChangeAndEndsOnceMoreThanItsBufferBehind() throws Exception {
        log.onChange(change());
        WatchStream<ConfigMap> stream = stream();
        log.join(stream);
        stream.startAfter(revision);
        assertThat(log.at(0)).as("no stream reads what came before them all").isNull();

        for (int i = 0; i < BUFFER; i++) {
            log.onChange(change());
        }
        assertThat(stream.changed(log.head())).as("a buffer behind: still read from its position").isEqualTo(1);
        assertThat(log.at(1)).isNotNull();

        log.onChange(change());
        assertThat(stream.changed(log.head())).as("one more: ended").isEqualTo(Long.MAX_VALUE);
        assertThat(log.at(1)).as("cleared once no stream reads it").isNull();
    }

    @Test
    void theLogHoldsWhatItsSlowestStreamStillReadsAndNoMoreOnceItLeaves() throws Exception {
        WatchStream<ConfigMap> slow = stream();
        log.join(slow);
        slow.startAfter(revision);
        log.onChange(change());
        log.onChange(change());
        WatchStream<ConfigMap> late = stream();
        log.join(late);
        late.startAfter(revision);
        log.onChange(change());
        assertThat(late.changed(log.head())).isEqualTo(2);
        assertThat(log.at(0)).isNotNull();

        assertThat(log.leave(slow)).isFalse();
        log.onChange(change());
        assertThat(log.at(0)).isNull();
        assertThat(log.at(1)).isNull();
        assertThat(log.at(2)).isNotNull();
        assertThat(log.leave(late)).as("the last stream has gone").isTrue();
    }

    @Test
    void theChangesANewStreamSkipsDoNotCountAgainstItsBuffer() throws Exception {
        WatchStream<ConfigMap> stream = stream();
        log.join(stream);
        // the changes that come while the watch works out its start, which its backlog brings
        for (int i = 0; i < BUFFER * 2; i++) {
            log.onChange(change());
        }
        log.onChange(change());
        stream.startAfter(revision - 1);
        assertThat(stream.changed(log.head())).as("reads on from the first change after its start")
                .isEqualTo(BUFFER * 2);

        for (int i = 1; i < BUFFER; i++) {
            log.onChange(change());
        }
        assertThat(stream.changed(log.head())).as("a buffer of changes it sends behind").isEqualTo(BUFFER * 2);
        log.onChange(change());
        assertThat(stream.changed(log.head())).as("one more: ended").isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aStreamThatFailsOnAChangeKeepsNoOtherFromHearingOfIt() throws Exception {
        AtomicInteger drains = new AtomicInteger();
        // the writers run the first drain, then refuse, as they do once the server stops them
        WatchFlusher stopping = new WatchFlusher(drain -> {
            if (drains.getAndIncrement() > 0) {
                throw new RejectedExecutionException();
            }
            drain.run();
        }, 1, null, 0);
        WatchStream<ConfigMap> failing = stream(stopping);
        log.join(failing);
        failing.startAfter(revision);
        log.onChange(change());
        log.onChange(change());
        WatchStream<ConfigMap> other = stream();
        log.join(other);
        other.startAfter(revision);
        failing.start();

        assertThatCode(() -> log.onChange(change())).doesNotThrowAnyException();
        assertThat(drains).hasValue(2);
        assertThat(log.at(0)).as("cleared up to the position the other stream reads").isNull();
        assertThat(log.at(2)).isNotNull();
    }

    private StoredChange change() {
        revision++;
        return new StoredChange(StoredChange.Type.UPDATED, "/registry/configmaps/default/a", revision, revision - 1,
                new byte[0], null);
    }

    /** A stream not yet started: it asks for no drain, so the test alone moves it. */
    private WatchStream<ConfigMap> stream() throws Exception {
        return stream(null);
    }

    private WatchStream<ConfigMap> stream(WatchFlusher flusher) throws Exception {
        AsyncContext async = mock(AsyncContext.class);
        ServletResponse response = mock(ServletResponse.class);
        when(async.getResponse()).thenReturn(response);
        when(response.getOutputStream()).thenReturn(mock(ServletOutputStream.class));
        return new WatchStream<>(null, "default", ListOptions.ALL, false, async, flusher,
                new WatchEncoder(new Codecs(new ObjectCodec())), BUFFER);
    }
}
