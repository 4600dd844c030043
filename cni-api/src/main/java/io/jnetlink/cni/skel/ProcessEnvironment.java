package io.jnetlink.cni.skel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * This process's environment as the runtime passed it, decoded as UTF-8 like the config on stdin.
 * {@link System#getenv()} decodes it in the locale's charset, and a runtime may start plugins
 * without one ({@code LANG} unset is ASCII to the JVM): {@code CNI_IFNAME=äääääää}, 14 bytes and a
 * name the kernel takes, became 14 replacement characters, 42 bytes and "too long" in the
 * executable only. Read from {@code /proc/self/environ}, which holds the bytes; {@link System#getenv()}
 * where there is no such file.
 */
final class ProcessEnvironment {

    private static final Path ENVIRON = Path.of("/proc/self/environ");

    private ProcessEnvironment() {
    }

    /** The variables, in the order the process got them; of a name given twice the first, as {@code getenv(3)} finds it. */
    static Map<String, String> read() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(ENVIRON);
        } catch (IOException | UnsupportedOperationException e) {
            return System.getenv();
        }
        return parse(bytes);
    }

    /** {@code NAME=value} entries separated by NUL, as {@code /proc/<pid>/environ} holds them. */
    static Map<String, String> parse(byte[] bytes) {
        Map<String, String> env = new LinkedHashMap<>();
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == 0) {
                String entry = new String(bytes, start, i - start, StandardCharsets.UTF_8);
                int eq = entry.indexOf('=');
                if (eq > 0) {
                    env.putIfAbsent(entry.substring(0, eq), entry.substring(eq + 1));
                }
                start = i + 1;
            }
        }
        return env;
    }
}
