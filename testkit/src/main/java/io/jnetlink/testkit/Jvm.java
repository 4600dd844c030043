package io.jnetlink.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * Command lines that start another JVM like the running one (its {@code java}, its class path):
 * for worker processes a test runs beside itself or kills.
 */
public final class Jvm {

    private Jvm() {
    }

    /** {@code java <jvmOptions> -cp <this class path> <main> <args>}. */
    public static List<String> command(List<String> jvmOptions, Class<?> main, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return command;
    }
}
