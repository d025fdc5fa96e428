package io.kubeling.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A class on the shared server that defines, changes or deletes CustomResourceDefinitions, or follows custom
 * resources with an informer. Such classes run one at a time, alongside the others: run beside a class that
 * changed a CRD of another group, a fabric8 informer on a custom resource was seen to get no event for 10 s
 * after its list (in 3 of 5 runs of the suite on a machine at load 17 to 27).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ResourceLock(CustomResourceDefinitionsLock.KEY)
public @interface CustomResourceDefinitionsLock {

    String KEY = "io.kubeling.custom-resource-definitions";
}
