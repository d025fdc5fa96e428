package io.kubeling.support;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * The two shared servers of {@link KubelingTest}, one application context each in Spring's context cache: the one
 * most classes share, side by side, and a second one for the classes that must have a server to themselves
 * ({@link SharedServerLocks#exclusive}), which take it one after another. On a server of their own they need not
 * wait until every class on the first one has ended, so they run while those do, instead of after them all.
 * Each server has its own in-memory database, data directory (its kubeconfig) and audit log.
 */
public final class SharedServers implements ContextCustomizerFactory {

    /** The data directories of the two servers, where each writes its kubeconfig. */
    static final List<Path> DATA_DIRS = List.of(Path.of("target/test-data"), Path.of("target/test-data-alone"));

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        return SharedServerLocks.exclusive(testClass) ? new AloneServer() : null;
    }

    /** The second server's settings, over the first's: all customizers are equal, so the context is one. */
    private record AloneServer() implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("kubeling-alone-server",
                    Map.of("spring.datasource.url", "jdbc:h2:mem:kubeling-test-alone;DB_CLOSE_DELAY=-1",
                            "kubeling.data-dir", DATA_DIRS.get(1).toString(),
                            "kubeling.audit.log-path", "target/test-audit-alone.log")));
        }
    }
}
