package io.jnetlink.macvlan;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The native memory this test JVM has committed (NMT must be on: see the pom). Our own sockets,
 * namespace descriptors and threads are counted by testkit's {@code OwnResources}.
 */
final class NativeMemory {

    private NativeMemory() {
    }

    /** Committed native memory NMT files under "Other" (malloc'ed by Unsafe/FFM), in KB, as jcmd reports it. */
    static long otherKb() throws Exception {
        Path jcmd = Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(ProcessHandle.current().pid()),
                "VM.native_memory", "summary").redirectErrorStream(true).start();
        String summary = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        Matcher other = Pattern.compile("-\\s+Other \\(reserved=\\d+KB, committed=(\\d+)KB\\)").matcher(summary);
        assertThat(other.find()).as("NMT summary (is -XX:NativeMemoryTracking on?):\n" + summary).isTrue();
        return Long.parseLong(other.group(1));
    }
}
