package io.jnetlink.testkit;

import io.jnetlink.testkit.FixtureRun.Outcome;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.TestExecutionResult.Status.ABORTED;
import static org.junit.platform.engine.TestExecutionResult.Status.FAILED;

/**
 * The one rule for a missing prerequisite, seen from fixture classes run in a child JVM without
 * the privileges: skipped with the reason, failed under CI ({@code CI=true}); the same for
 * {@link NetworkSandbox}, {@link RequiresNetAdmin} and a prerequisite of the test's own.
 */
class PrerequisitesTest {

    private static final String NO_PRIVILEGES = "needs CAP_NET_ADMIN and CAP_SYS_ADMIN (run as root): "
            + "it creates network namespaces and links";

    @Test
    void withoutThePrivilegesSandboxTestsAreSkippedWithTheReason() throws Exception {
        List<Outcome> outcomes = FixtureRun.outcomesUnprivileged(NeedsASandbox.class, Map.of());

        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(ABORTED);
            assertThat(o.message()).isEqualTo("TestAbortedException: " + NO_PRIVILEGES);
        });
    }

    @Test
    void withoutThePrivilegesUnderCiSandboxTestsFail() throws Exception {
        List<Outcome> outcomes = FixtureRun.outcomesUnprivileged(NeedsASandbox.class, Map.of("CI", "true"));

        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(FAILED);
            assertThat(o.message()).isEqualTo("AssertionFailedError: CI must run as root: " + NO_PRIVILEGES);
        });
    }

    @Test
    void requiresNetAdminSkipsAndFailsUnderCiAlike() throws Exception {
        assertThat(FixtureRun.outcomesUnprivileged(Gated.class, Map.of())).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(ABORTED);
            assertThat(o.message()).isEqualTo("TestAbortedException: " + NO_PRIVILEGES);
        });
        assertThat(FixtureRun.outcomesUnprivileged(Gated.class, Map.of("CI", "true"))).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(FAILED);
            assertThat(o.message()).isEqualTo("AssertionFailedError: CI must run as root: " + NO_PRIVILEGES);
        });
    }

    @Test
    void aMissingToolOfTheTestsOwnIsSkippedAndFailsUnderCi() throws Exception {
        assertThat(FixtureRun.outcomesUnprivileged(MissingTool.class, Map.of())).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(ABORTED);
            assertThat(o.message()).isEqualTo("TestAbortedException: /nonexistent/tool is not installed");
        });
        assertThat(FixtureRun.outcomesUnprivileged(MissingTool.class, Map.of("CI", "true"))).singleElement()
                .satisfies(o -> {
                    assertThat(o.status()).isEqualTo(FAILED);
                    assertThat(o.message()).isEqualTo("AssertionFailedError: CI must have the tool: "
                            + "/nonexistent/tool is not installed");
                });
    }

    // The fixtures: run only through FixtureRun (nested classes are no test classes of their own).

    @NetworkSandbox
    static class NeedsASandbox {
        @Test
        void test(Sandbox box) {
            throw new AssertionError("never runs without the privileges: " + box.name());
        }
    }

    @RequiresNetAdmin
    static class Gated {
        @Test
        void test() {
            throw new AssertionError("never runs without the privileges");
        }
    }

    static class MissingTool {
        @Test
        void test() {
            Prerequisites.skipOrFail("have the tool", "/nonexistent/tool is not installed");
            throw new AssertionError("never runs: the tool is missing");
        }
    }
}
