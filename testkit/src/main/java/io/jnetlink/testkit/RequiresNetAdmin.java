package io.jnetlink.testkit;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks tests that build sandboxes: without {@code CAP_NET_ADMIN}/{@code CAP_SYS_ADMIN} they are
 * skipped with the reason, except under CI ({@code CI=true}), where they fail: CI runs as root
 * and must skip nothing. {@link NetworkSandbox} applies the same gate.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresNetAdmin.Gate.class)
public @interface RequiresNetAdmin {

    /** The JUnit side of the annotation. */
    final class Gate implements BeforeEachCallback {
        @Override
        public void beforeEach(ExtensionContext context) {
            Prerequisites.requireNetAdmin();
        }
    }
}
