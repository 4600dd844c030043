package io.jnetlink.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link java.nio.file.Path} parameter of a test under {@link NetworkSandbox}: a fresh
 * temporary directory {@code jnltest-<role>-*} (e.g. an IPAM data directory), deleted with the
 * test's sandbox. Parameters with the same role in one test are the same directory.
 */
@Documented
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface SandboxDirectory {

    /** What the directory is for; part of its name. */
    String value() default "data";
}
