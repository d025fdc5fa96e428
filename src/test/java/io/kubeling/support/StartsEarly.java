package io.kubeling.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A class that runs alongside the others for a minute or more, mostly waiting (servers of its own started and
 * killed): started before all others (SuiteOrder), so that it does not end last with the rest of the suite done.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface StartsEarly {
}
