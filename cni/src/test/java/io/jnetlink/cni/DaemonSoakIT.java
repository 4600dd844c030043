package io.jnetlink.cni;

import io.jnetlink.testkit.Command;
import io.jnetlink.testkit.RequiresNetAdmin;
import io.jnetlink.testkit.Sandbox;
import io.jnetlink.testkit.Stress;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daemon's memory after many ADD/DEL pairs through the shim (10,000 under {@code -Pstress}, a
 * few hundred otherwise): its resident set stays under 64 MB. Reports the resident set, the heap
 * and native memory tracking's summary (the daemon runs with {@code -XX:NativeMemoryTracking=summary})
 * on stdout and in {@code target/daemon-memory.txt}.
 */
@RequiresNetAdmin
class DaemonSoakIT {

    private static final long LIMIT_KB = 64 * 1024;
    private static final int CALLERS = 2;

    @Test
    void residentMemoryStaysUnder64MbAfterManyAddDelPairs() throws Exception {
        int pairs = Stress.scale() > 1 ? 10_000 : 300;
        try (Sandbox box = Sandbox.create();
             DaemonProcess daemon = DaemonProcess.start(Map.of("JNETLINK_CNI_DAEMON_JAVA_OPTIONS",
                     "-XX:NativeMemoryTracking=summary"))) {
            box.veth("eth0", "eth0p");
            Path dataDir = box.directory("ipam");
            String config = """
                    {"cniVersion":"1.0.0","name":"soak","type":"macvlan","master":"eth0","mode":"bridge",
                     "ipam":{"type":"host-local","subnet":"198.51.100.0/24","dataDir":"%s","routes":[{"dst":"0.0.0.0/0"}]}}"""
                    .formatted(dataDir).replace("\n", "");
            List<Process> callers = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                box.namespace("c" + i);
                // one shell per caller in the host namespace, calling the shim as a runtime does, pair after pair
                callers.add(new ProcessBuilder("ip", "netns", "exec", box.name(), "env", "-i",
                        "CNI_CONTAINERID=soak" + i, "CNI_NETNS=/run/netns/" + box.name() + "-c" + i, "CNI_IFNAME=eth0",
                        "CNI_PATH=/usr/lib/cni", "JNETLINK_CNI_SOCKET=" + daemon.socket(), "CONF=" + config,
                        "SHIM=" + Path.of("target/bin/macvlan").toAbsolutePath(), "N=" + pairs / CALLERS,
                        "/bin/sh", "-c", "failed=0; i=0; while [ $i -lt $N ]; do"
                                + " echo \"$CONF\" | CNI_COMMAND=ADD $SHIM > /dev/null || failed=$((failed+1));"
                                + " echo \"$CONF\" | CNI_COMMAND=DEL $SHIM > /dev/null || failed=$((failed+1));"
                                + " i=$((i+1)); done; echo $failed")
                        .redirectErrorStream(true).start());
            }
            for (Process p : callers) {
                String out = new String(p.getInputStream().readAllBytes()).trim();
                assertThat(p.waitFor()).isZero();
                assertThat(out).as("failed calls of a caller").isEqualTo("0");
            }
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> calls = (List<Map<String, Object>>) daemon.stats().get("calls");
            assertThat(calls).extracting(m -> m.get("command") + " " + m.get("calls"))
                    .contains("ADD " + pairs / CALLERS * CALLERS, "DEL " + pairs / CALLERS * CALLERS);

            long rss = residentKb(daemon.pid());
            String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
            String report = "cni-daemon after " + pairs + " ADD/DEL pairs: VmRSS " + rss + " kB\n\n"
                    + Command.check(jcmd, String.valueOf(daemon.pid()), "GC.heap_info") + "\n"
                    + Command.check(jcmd, String.valueOf(daemon.pid()), "VM.native_memory", "summary");
            System.out.println(report);
            Files.writeString(Path.of("target/daemon-memory.txt"), report);
            assertThat(rss).as("resident set of the daemon, kB").isLessThan(LIMIT_KB);
        }
    }

    private static long residentKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new AssertionError("no VmRSS for pid " + pid);
    }
}
