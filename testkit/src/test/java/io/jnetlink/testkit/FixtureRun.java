package io.jnetlink.testkit;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Runs a fixture class through the Jupiter engine, as a build would, and reports how each of its
 * tests (and a failed class) finished: here, or in a child JVM without the privileges (as a main,
 * it prints the outcomes for the parent to read).
 */
final class FixtureRun {

    /** How one test or class finished: its display name, status, and its exception's messages. */
    record Outcome(String name, TestExecutionResult.Status status, String message) {
    }

    private static final String PREFIX = "OUTCOME ";

    private FixtureRun() {
    }

    /** Runs {@code fixture}; the outcome of each test, then of the class if it did not succeed. */
    static List<Outcome> outcomes(Class<?> fixture) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Event event : EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).execute()
                .allEvents().list()) {
            if (event.getType() != EventType.FINISHED) {
                continue;
            }
            TestExecutionResult result = event.getRequiredPayload(TestExecutionResult.class);
            if (event.getTestDescriptor().isTest() || result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                outcomes.add(new Outcome(event.getTestDescriptor().getDisplayName(), result.getStatus(),
                        result.getThrowable().map(FixtureRun::messages).orElse("")));
            }
        }
        return outcomes;
    }

    /** The messages of {@code thrown} and its causes, joined by " / ". */
    private static String messages(Throwable thrown) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            messages.add(t.getClass().getSimpleName() + ": " + t.getMessage());
        }
        return String.join(" / ", messages);
    }

    /**
     * Runs {@code fixture} in a child JVM without {@code CAP_NET_ADMIN} and {@code CAP_SYS_ADMIN}
     * (dropped from its bounding set by {@code setpriv} if this JVM has them), with {@code CI}
     * unset unless {@code environment} sets it.
     */
    static List<Outcome> outcomesUnprivileged(Class<?> fixture, Map<String, String> environment)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (Privileges.missing().isEmpty()) {
            command.addAll(List.of("setpriv", "--bounding-set=-net_admin,-sys_admin", "--"));
        }
        command.addAll(Jvm.command(List.of("--enable-native-access=ALL-UNNAMED"), FixtureRun.class, fixture.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("CI");
        builder.environment().putAll(environment);
        Process child = builder.start();
        child.getOutputStream().close();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!child.waitFor(60, TimeUnit.SECONDS) || child.exitValue() != 0) {
            child.destroyForcibly();
            throw new AssertionError("the child running " + fixture.getSimpleName() + " did not end well: " + output);
        }
        return parse(output);
    }

    /** Parses what {@link #main} printed. */
    private static List<Outcome> parse(String output) {
        return output.lines().filter(line -> line.startsWith(PREFIX)).map(line -> {
            String[] fields = line.substring(PREFIX.length()).split("\t", 3);
            return new Outcome(fields[0], TestExecutionResult.Status.valueOf(fields[1]), fields[2]);
        }).toList();
    }

    /** Runs the fixture class named {@code args[0]} and prints its outcomes, one a line. */
    public static void main(String[] args) throws ClassNotFoundException {
        for (Outcome o : outcomes(Class.forName(args[0]))) {
            System.out.println(PREFIX + o.name() + "\t" + o.status() + "\t" + o.message().replace('\n', ' '));
        }
    }
}
