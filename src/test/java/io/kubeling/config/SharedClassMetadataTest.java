package io.kubeling.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.type.classreading.MetadataReader;

import io.kubeling.config.scanned.ScannedComponent;

/** A context started after another in the same JVM begins with the class metadata the first one read. */
class SharedClassMetadataTest {

    @Test
    void aLaterContextStartsWithWhatAnEarlierOneRead() {
        try (AnnotationConfigApplicationContext first = context()) {
            assertThat(first.getBean(ScannedComponent.class)).isNotNull();
        }
        AnnotationConfigApplicationContext second = new AnnotationConfigApplicationContext();
        new SharedClassMetadata().initialize(second);
        Map<Resource, MetadataReader> cache = second.getResourceCache(MetadataReader.class);
        assertThat(cache.values()).map(reader -> reader.getClassMetadata().getClassName())
                .contains(ScannedComponent.class.getName());
        second.register(Scanning.class);
        second.refresh();
        try (second) {
            assertThat(second.getBean(ScannedComponent.class)).isNotNull();
        }
    }

    private static AnnotationConfigApplicationContext context() {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        new SharedClassMetadata().initialize(context);
        context.register(Scanning.class);
        context.refresh();
        return context;
    }

    @Configuration(proxyBeanMethods = false)
    @ComponentScan(basePackageClasses = ScannedComponent.class)
    static class Scanning {
    }
}
