package io.jnetlink.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command (iproute2, the reference CNI plugins) and returns its exit code and output. */
public final class Command {

    /** Exit code and combined output. */
    public record Result(int exitCode, String output) {
    }

    private Command() {
    }

    /** Runs {@code command} with no input; waits up to 60 s. */
    public static Result run(String... command) {
        try {
            Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + ": timed out");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs the command and returns its output; fails if it exits non-zero. */
    public static String check(String... command) {
        Result result = run(command);
        if (result.exitCode() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited " + result.exitCode() + ": "
                    + result.output());
        }
        return result.output();
    }
}
