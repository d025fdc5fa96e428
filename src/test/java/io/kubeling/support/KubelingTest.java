package io.kubeling.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextCustomizerFactories;

import io.kubeling.KubelingApplication;

/**
 * A Kubeling server on a random loopback port over an in-memory database. Every class with
 * this annotation shares one application context, so the suite starts the server once; those that must have a
 * server to themselves share a second one ({@link SharedServers}). Its methods run one after another, and such
 * classes one at a time; those marked {@code @Execution(CONCURRENT)}, which tolerate neighbours on the server
 * (names and namespaces of their own, no assertion on what others create), run alongside the others
 * (SharedServerLocks). Subclasses of such a class are on the server too.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@SpringBootTest(classes = KubelingApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.datasource.url=jdbc:h2:mem:kubeling-test;DB_CLOSE_DELAY=-1",
                "kubeling.data-dir=target/test-data",
                "kubeling.bind-address=127.0.0.1",
                "kubeling.authorization.mode=Node,RBAC",
                "kubeling.watch.bookmark-interval=500ms",
                "kubeling.kubelet.private-registries=registry.private.test",
                "kubeling.kubelet.static-pod-path=target/test-static-pods",
                "kubeling.audit.log-path=target/test-audit.log",
                "kubeling.audit.policy-file=src/test/resources/audit-policy.yaml"
        })
@ContextCustomizerFactories(SharedServers.class)
@ResourceLock(providers = SharedServerLocks.class)
@Execution(ExecutionMode.SAME_THREAD)
public @interface KubelingTest {
}
