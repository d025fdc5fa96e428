package io.kubeling.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a JUnit 5 test class (or one test method) a running Kubeling: a Kubernetes API server with a simulated
 * cluster, started in a JVM of its own from the server jar inside this artifact, on a random loopback port and an
 * in-memory database of its own. One server per class (or per method when the method is annotated), or one per
 * JVM shared by every class with the same settings when {@link #shared()} is set; all are stopped when the JVM ends.
 * <p>
 * Test methods, constructors and lifecycle methods can take a {@link KubelingServer}, the server's {@link
 * java.net.URI}, its kubeconfig as a {@link java.nio.file.Path}, a fabric8 {@code KubernetesClient}, an official
 * {@code io.kubernetes.client.openapi.ApiClient} and, with {@link #namespacePerTest()}, the test's namespace as a
 * {@link TestNamespace} String; instance fields of type {@link KubelingServer}, {@code KubernetesClient} and {@code
 * ApiClient}, and {@link TestNamespace} String fields, are set before each test too. While the server runs the
 * system property {@code kubeconfig} names its kubeconfig, so that a fabric8 client built with its default builder
 * finds it.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(KubelingExtension.class)
public @interface EnableKubeling {

    /** Simulated nodes registered at start ({@code kubeling-node-1..n}). */
    int nodes() default 3;

    /** Labels of every node, as {@code key=value}. */
    String[] nodeLabels() default {};

    /** Taints of every node, as kubectl taint takes them: {@code key=value:Effect}. */
    String[] nodeTaints() default {};

    /** False: an API server only, with no scheduler, kubelets or controllers. */
    boolean simulation() default true;

    /**
     * The factor every simulated delay (image pull, container start, back-off, grace periods, heartbeats) is
     * multiplied by; 0 stops the simulation's clock, which then moves only by {@link KubelingServer#advanceTime}.
     */
    double timeScale() default 1.0;

    /** The Kubernetes version the server reports (e.g. {@code v1.31.2}); empty for Kubeling's default. */
    String kubernetesVersion() default "";

    /** Any other server settings, as {@code kubeling.x=y}. */
    String[] properties() default {};

    /** One server for every class in the JVM with the same settings, instead of one per class. */
    boolean shared() default false;

    /**
     * A fresh namespace for every test, deleted after it: injected as a {@link TestNamespace} String, the default
     * namespace of injected fabric8 clients, and the system property {@code kubernetes.namespace} during the test.
     */
    boolean namespacePerTest() default false;
}
