package io.kubeling.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.junit.jupiter.api.Test;

import io.kubeling.storage.KeyValueStore;
import io.kubeling.storage.StorageException;

/** An unreachable store is kube's ServerTimeout naming the operation; other refusals pass as they were. */
class InterpretedStoreTest {

    private final KeyValueStore kv = mock(KeyValueStore.class);
    private final InterpretedStore store = new InterpretedStore(kv, new GroupResource("apps", "deployments"));

    @Test
    void anUnreachableStoreIsAServerTimeoutOfTheOperation() {
        when(kv.create(anyString(), any(), any())).thenThrow(
                new StorageException(StorageException.Kind.UNREACHABLE, "", 7));
        assertThatThrownBy(() -> store.create("/registry/deployments/ns/a", new byte[0]))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(500);
                    assertThat(e.status().getReason()).isEqualTo("ServerTimeout");
                    assertThat(e.status().getMessage()).isEqualTo(
                            "The create operation against deployments.apps could not be completed at this time,"
                                    + " please try again.");
                    assertThat(e.status().getDetails().getName()).isEqualTo("create");
                    assertThat(e.status().getDetails().getGroup()).isEqualTo("apps");
                    assertThat(e.status().getDetails().getKind()).isEqualTo("deployments");
                    assertThat(e.status().getDetails().getRetryAfterSeconds()).isEqualTo(2);
                });
    }

    @Test
    void aConsistentReadOfAnUnreachableStoreIsAServerTimeoutOfTheRequestThatMadeIt() {
        when(kv.consistentRevision()).thenThrow(new StorageException(StorageException.Kind.UNREACHABLE, "", 7));
        assertThatThrownBy(() -> store.consistentRevision("get"))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.status().getReason()).isEqualTo("ServerTimeout");
                    assertThat(e.status().getMessage()).isEqualTo(
                            "The get operation against deployments.apps could not be completed at this time,"
                                    + " please try again.");
                });
        assertThatThrownBy(store::consistentRevision).isInstanceOfSatisfying(StatusException.class,
                e -> assertThat(e.status().getDetails().getName()).isEqualTo("list"));
    }

    @Test
    void otherRefusalsReachTheResourceStoreAsTheyWere() {
        StorageException conflict = new StorageException(StorageException.Kind.CONFLICT, "/registry/x", 9);
        when(kv.delete(anyString(), anyLong())).thenThrow(conflict);
        assertThatThrownBy(() -> store.delete("/registry/x", 3)).isSameAs(conflict);
    }
}
