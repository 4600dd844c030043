package io.jnetlink.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The interface names of a {@link VethParent} parameter; without it they are {@code parent0} and
 * {@code peer0}. Parameters with the same names in one test are the same pair.
 */
@Documented
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface VethNames {

    /** The parent's name (at most 15 bytes). */
    String name() default VethParent.DEFAULT_NAME;

    /** The other end's name (at most 15 bytes). */
    String peer() default VethParent.DEFAULT_PEER;
}
