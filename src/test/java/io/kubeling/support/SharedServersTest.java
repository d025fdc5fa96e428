package io.kubeling.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLocksProvider.Lock;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.test.context.ContextCustomizer;

/** Which of the two shared servers a class is on, and what it holds while it runs. */
class SharedServersTest {

    @AloneOnTheServer
    static class Alone {

        class Inside {
        }
    }

    static class Beside {
    }

    @ExtendWith(OutputCaptureExtension.class)
    static class ReadsTheLog {
    }

    private final SharedServers servers = new SharedServers();
    private final SharedServerLocks locks = new SharedServerLocks();

    @Test
    void classesThatNeedAServerToThemselvesShareTheSecondOneAndTheOthersTheFirst() {
        ContextCustomizer alone = servers.createContextCustomizer(Alone.class, List.of());
        assertThat(alone).isNotNull()
                .isEqualTo(servers.createContextCustomizer(Alone.Inside.class, List.of()))
                .isEqualTo(servers.createContextCustomizer(
                        io.kubeling.controllers.StoppedCluster.class, List.of()));
        assertThat(alone.hashCode()).isEqualTo(servers.createContextCustomizer(Alone.Inside.class, List.of())
                .hashCode());
        assertThat(servers.createContextCustomizer(Beside.class, List.of())).isNull();

        GenericApplicationContext context = new GenericApplicationContext();
        alone.customizeContext(context, null);
        assertThat(context.getEnvironment().getProperty("spring.datasource.url"))
                .isEqualTo("jdbc:h2:mem:kubeling-test-alone;DB_CLOSE_DELAY=-1");
        assertThat(context.getEnvironment().getProperty("kubeling.data-dir")).isEqualTo("target/test-data-alone");
        assertThat(context.getEnvironment().getProperty("kubeling.audit.log-path"))
                .isEqualTo("target/test-audit-alone.log");
    }

    @Test
    void aClassHasItsServerToItselfOrSharesItAndOneThatReadsTheLogHoldsItAlone() {
        assertThat(locks.provideForClass(Alone.class))
                .containsExactly(new Lock(SharedServerLocks.ALONE, ResourceAccessMode.READ_WRITE));
        assertThat(locks.provideForClass(Beside.class))
                .containsExactly(new Lock(SharedServerLocks.STATE, ResourceAccessMode.READ));
        assertThat(locks.provideForClass(ReadsTheLog.class)).containsExactlyInAnyOrder(
                new Lock(SharedServerLocks.STATE, ResourceAccessMode.READ),
                new Lock(ServerOfItsOwn.LOGGING, ResourceAccessMode.READ_WRITE));
    }
}
