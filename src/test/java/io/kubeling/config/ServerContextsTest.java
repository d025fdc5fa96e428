package io.kubeling.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import io.kubeling.config.scanned.ScannedComponent;

/** A server started after another in the same JVM finds the class files the first one's scans found, unwalked. */
class ServerContextsTest {

    private static final String CLASSES = "classpath*:io/kubeling/config/scanned/**/*.class";

    private final ServerContexts factory = new ServerContexts();

    @Test
    void aLaterContextFindsTheClassFilesAnEarlierOneFound() throws IOException {
        Resource[] first;
        try (ConfigurableApplicationContext context = factory.create(WebApplicationType.SERVLET)) {
            first = context.getResources(CLASSES);
        }
        assertThat(first).extracting(Resource::getFilename).contains(ScannedComponent.class.getSimpleName() + ".class");
        assertThat(urls(first)).as("what Spring's own resolver finds")
                .containsExactlyInAnyOrderElementsOf(urls(new PathMatchingResourcePatternResolver().getResources(CLASSES)));

        try (ConfigurableApplicationContext context = factory.create(WebApplicationType.SERVLET)) {
            Resource[] second = context.getResources(CLASSES);
            assertThat(second).as("the same resources, not walked for again").containsExactly(first)
                    .isNotSameAs(first);
            for (int i = 0; i < first.length; i++) {
                assertThat(second[i]).isSameAs(first[i]);
            }
        }
    }

    @Test
    void otherPatternsAreLookedUpEachTime() throws IOException {
        String properties = "classpath*:junit-platform.properties";
        try (ConfigurableApplicationContext one = factory.create(WebApplicationType.SERVLET);
                ConfigurableApplicationContext two = factory.create(WebApplicationType.SERVLET)) {
            Resource[] first = one.getResources(properties);
            Resource[] second = two.getResources(properties);
            assertThat(first).isNotEmpty().hasSameSizeAs(second);
            assertThat(second[0]).isEqualTo(first[0]).isNotSameAs(first[0]);
        }
    }

    @Test
    void aContextLoadsFromTheLoaderThatLoadedItWhateverTheThreadHas() throws IOException {
        Thread thread = Thread.currentThread();
        ClassLoader own = thread.getContextClassLoader();
        URLClassLoader other = new URLClassLoader(new URL[0], own);
        thread.setContextClassLoader(other);
        try (other; ConfigurableApplicationContext context = factory.create(WebApplicationType.SERVLET)) {
            assertThat(context.getClassLoader()).isSameAs(ServerContexts.class.getClassLoader());
        } finally {
            thread.setContextClassLoader(own);
        }
    }

    @Test
    void onlyServletApplicationsGetIt() {
        assertThat(factory.create(WebApplicationType.NONE)).isNull();
        assertThat(factory.create(WebApplicationType.REACTIVE)).isNull();
    }

    private static List<URL> urls(Resource[] resources) throws IOException {
        List<URL> urls = new ArrayList<>();
        for (Resource resource : resources) {
            urls.add(resource.getURL());
        }
        return urls;
    }
}
