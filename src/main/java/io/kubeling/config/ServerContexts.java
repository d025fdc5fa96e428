package io.kubeling.config;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.aot.AotDetector;
import org.springframework.boot.ApplicationContextFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.web.server.servlet.context.AnnotationConfigServletWebServerApplicationContext;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;

/**
 * The server's application context, which loads from the class loader that loaded Kubeling and, without the
 * AOT-processed bean definitions, shares with the servers started before it in the same JVM (as the tests start them)
 * the class path's walks for its scans: the component scan, the configuration properties scan and any other search
 * for class files ({@code classpath*:io/kubeling/**}{@code /*.class}) each walked the classes' directories again at
 * every start, the tests' own classes included. Class files do not change while the JVM runs; walks are shared only
 * for the class loader that loaded Kubeling. Spring Boot's own context for applications other than servlet ones.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class ServerContexts implements ApplicationContextFactory {

    private static final Map<String, Resource[]> FOUND = new ConcurrentHashMap<>();

    @Override
    public ConfigurableApplicationContext create(WebApplicationType type) {
        if (type != WebApplicationType.SERVLET) {
            return null;
        }
        GenericApplicationContext context = AotDetector.useGeneratedArtifacts()
                ? new ServletWebServerApplicationContext() : new Scanning();
        // its resources and classes from the loader that loaded it, not from whichever the thread has: the beans that
        // Jetty's servlet context builds as it starts would otherwise look up through Jetty's web application loader,
        // which asks this one again (Hibernate's services and classes, read across every jar, among them)
        context.setClassLoader(ServerContexts.class.getClassLoader());
        return context;
    }

    private static final class Scanning extends AnnotationConfigServletWebServerApplicationContext {

        @Override
        public Resource[] getResources(String locationPattern) throws IOException {
            if (!locationPattern.startsWith(CLASSPATH_ALL_URL_PREFIX) || !locationPattern.endsWith(".class")
                    || getClassLoader() != ServerContexts.class.getClassLoader()) {
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
