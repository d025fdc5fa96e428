package io.kubeling.config;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.aot.AotDetector;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.core.type.classreading.MetadataReader;

/**
 * Every server started in one JVM (as the tests start them) reads the class files of its configuration classes and
 * components once between them: each context's cache of what it read (the component scan's and the configuration
 * classes' parse, which Spring clears at the end of the refresh) starts with what the servers before it read and
 * leaves what it read for the servers after it. Class files do not change while the JVM runs. The entries are held
 * for the JVM's life (some 2,000 class files' metadata), not softly: a C1-only JVM clears soft references that a
 * start of a few seconds has not touched. Not with the AOT-processed bean definitions, which parse nothing.
 */
class SharedClassMetadata implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final Map<Resource, MetadataReader> READ = new ConcurrentHashMap<>();

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (AotDetector.useGeneratedArtifacts() || !(context instanceof DefaultResourceLoader loader)) {
            return;
        }
        Map<Resource, MetadataReader> cache = loader.getResourceCache(MetadataReader.class);
        cache.putAll(READ);
        // runs after the configuration classes are parsed, before the refresh ends and clears the cache
        context.addBeanFactoryPostProcessor(beans -> READ.putAll(cache));
    }
}
