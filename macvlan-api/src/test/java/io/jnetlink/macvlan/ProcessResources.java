package io.jnetlink.macvlan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What this test JVM holds: descriptors, threads, native memory (NMT must be on: see the pom). */
final class ProcessResources {

    private ProcessResources() {
    }

    /** Open file descriptors of this process. */
    static long fds() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    /** Committed native memory NMT files under "Other" (malloc'ed by Unsafe/FFM), in KB, as jcmd reports it. */
    static long otherNativeKb() throws Exception {
        Path jcmd = Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(ProcessHandle.current().pid()),
                "VM.native_memory", "summary").redirectErrorStream(true).start();
        String summary = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        Matcher other = Pattern.compile("-\\s+Other \\(reserved=\\d+KB, committed=(\\d+)KB\\)").matcher(summary);
        assertThat(other.find()).as("NMT summary (is -XX:NativeMemoryTracking on?):\n" + summary).isTrue();
        return Long.parseLong(other.group(1));
    }

    /** Thread count, after giving threads that are ending a moment to end. */
    static int threadsSettledAt(int expected) throws InterruptedException {
        int count = Thread.activeCount();
        for (int i = 0; i < 100 && count > expected; i++) {
            Thread.sleep(50);
            count = Thread.activeCount();
        }
        return count;
    }
}
