package io.kubeling.config;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.aot.AotDetector;
import org.springframework.boot.ApplicationContextFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.web.server.servlet.context.AnnotationConfigServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;

/**
 * Every server started in one JVM (as the tests start them) walks the class path for its scans once between them:
 * the component scan, the configuration properties scan and any other search for class files
 * ({@code classpath*:io/kubeling/**}{@code /*.class}) each walked the classes' directories again at every start,
 * the tests' own classes included. Class files do not change while the JVM runs. Only for the class loader that
 * loaded Kubeling, and not with the AOT-processed bean definitions, which scan nothing; Spring Boot's own context
 * otherwise.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class SharedClassPathScans implements ApplicationContextFactory {

    private static final Map<String, Resource[]> FOUND = new ConcurrentHashMap<>();

    @Override
    public ConfigurableApplicationContext create(WebApplicationType type) {
        return type == WebApplicationType.SERVLET && !AotDetector.useGeneratedArtifacts() ? new Context() : null;
    }

    private static final class Context extends AnnotationConfigServletWebServerApplicationContext {

        @Override
        public Resource[] getResources(String locationPattern) throws IOException {
            if (!locationPattern.startsWith(CLASSPATH_ALL_URL_PREFIX) || !locationPattern.endsWith(".class")
                    || getClassLoader() != SharedClassPathScans.class.getClassLoader()) {
                return super.getResources(locationPattern);
            }
            Resource[] found = FOUND.get(locationPattern);
            if (found == null) {
                found = super.getResources(locationPattern);
                FOUND.put(locationPattern, found);
            }
            return found.clone();
        }
    }
}
