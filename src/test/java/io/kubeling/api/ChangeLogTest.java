package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

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
        log.onChange(change());
        log.onChange(change());
        WatchStream<ConfigMap> late = stream();
        log.join(late);
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

    private StoredChange change() {
        revision++;
        return new StoredChange(StoredChange.Type.UPDATED, "/registry/configmaps/default/a", revision, revision - 1,
                new byte[0], null);
    }

    /** A stream not yet started: it asks for no drain, so the test alone moves it. */
    private WatchStream<ConfigMap> stream() throws Exception {
        AsyncContext async = mock(AsyncContext.class);
        ServletResponse response = mock(ServletResponse.class);
        when(async.getResponse()).thenReturn(response);
        when(response.getOutputStream()).thenReturn(mock(ServletOutputStream.class));
        return new WatchStream<>(null, "default", ListOptions.ALL, false, async, null,
                new WatchEncoder(new Codecs(new ObjectCodec())), BUFFER);
    }
}
