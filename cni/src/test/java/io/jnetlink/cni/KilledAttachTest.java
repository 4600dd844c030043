package io.jnetlink.cni;

import io.jnetlink.cni.libcni.CniRuntime;
import io.jnetlink.cni.plugins.macvlan.MacvlanPlugin;
import io.jnetlink.cni.libcni.NetworkConfigList;
import io.jnetlink.cni.libcni.RuntimeConf;
import io.jnetlink.macvlan.Link;
import io.jnetlink.macvlan.RtNetlink;
import io.jnetlink.testkit.Jvm;
import io.jnetlink.testkit.RequiresNetAdmin;
import io.jnetlink.testkit.Sandbox;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 50 processes running CNI ADD/DEL in a loop, each killed with SIGKILL at a random moment. Then,
 * as a runtime recovering after a crash would, DEL for every attachment that was begun and GC with
 * none valid: the host is back to no interface, no lease and no cache entry.
 */
@RequiresNetAdmin
class KilledAttachTest {

    private static final int KILLS = 50;

    @Test
    void delAndGcCleanUpAfterKilledAttachLoops() throws Exception {
        try (Sandbox box = Sandbox.create(); RtNetlink host = RtNetlink.open(box.ns())) {
            box.veth("eth0", "eth0p");
            box.namespace("ctr");
            String netns = "/run/netns/" + box.name() + "-ctr";
            Path data = box.directory("data");
            Path cache = box.directory("cache");
            Path plugins = box.directory("plugins"); // empty: macvlan and host-local run in process
            Path conflist = box.directory("conf").resolve("churn.conflist");
            Files.writeString(conflist, """
                    {"cniVersion":"1.1.0","name":"churn","plugins":[{"type":"macvlan","master":"eth0","mode":"bridge",
                     "ipam":{"type":"host-local","subnet":"198.51.100.0/24","dataDir":"%s"}}]}""".formatted(data));
            List<String> hostLinks = names(host);
            Set<List<String>> begun = new LinkedHashSet<>();

            for (int kill = 0; kill < KILLS; kill++) {
                Process worker = start(box.name(), netns, conflist, cache, plugins, "w" + kill);
                try {
                    BufferedReader out = new BufferedReader(new InputStreamReader(worker.getInputStream()));
                    List<String> lines = new ArrayList<>();
                    String line = out.readLine();
                    for (; line != null && !line.equals("READY"); line = out.readLine()) {
                        lines.add(line);
                    }
                    assertThat(line).as("worker " + kill + " did one ADD and DEL").isEqualTo("READY");
                    Thread.sleep(ThreadLocalRandom.current().nextInt(1, 100));
                    worker.toHandle().destroyForcibly(); // SIGKILL; unlike Process.destroy, leaves its output readable
                    assertThat(worker.waitFor(30, TimeUnit.SECONDS)).isTrue();
                    lines.addAll(out.lines().toList());
                    for (String begin : lines) {
                        assertThat(begin).startsWith("BEGIN ");
                        String[] parts = begin.split(" ");
                        begun.add(List.of(parts[1], parts[2]));
                    }
                } finally {
                    worker.destroyForcibly();
                }
                assertThat(worker.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
            }

            try (RtNetlink ctr = RtNetlink.openPath(Path.of(netns)); Stream<Path> cached = Files.walk(cache)) {
                long left = names(ctr).size() - 1 + cached.filter(Files::isRegularFile).count();
                assertThat(left).as("interfaces and cache entries the kills left to clean up").isPositive();
            }
            NetworkConfigList network = NetworkConfigList.parse(Files.readAllBytes(conflist), conflist.toString());
            try (MacvlanPlugin macvlan = new MacvlanPlugin(box.ns())) {
                CniRuntime runtime = CniRuntime.builder().pluginPath(List.of(plugins)).cacheDir(cache)
                        .timeout(Duration.ofSeconds(30)).inNamespace(box.ns()).plugin("macvlan", macvlan).build();
                for (List<String> attachment : begun) {
                    runtime.del(network, RuntimeConf.of(attachment.get(0), netns, attachment.get(1)));
                }
                runtime.gc(network, List.of());
                assertThat(runtime.cachedAttachments(network)).as("cache entries").isEmpty();
            }
            assertThat(names(host)).as("host links").isEqualTo(hostLinks);
            try (RtNetlink ctr = RtNetlink.openPath(Path.of(netns))) {
                assertThat(names(ctr)).as("container links").containsExactly("lo");
            }
            try (Stream<Path> files = Files.walk(data)) {
                assertThat(files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()))
                        .as("what is left in the IPAM directory")
                        .allMatch(f -> f.equals("lock") || f.startsWith("last_reserved_ip."));
            }
            try (Stream<Path> files = Files.walk(cache)) {
                assertThat(files.filter(Files::isRegularFile)).as("cache files").isEmpty();
            }
        }
    }

    private static List<String> names(RtNetlink rt) {
        return rt.links().list().stream().map(Link::name).sorted().toList();
    }

    private static Process start(String host, String netns, Path conflist, Path cache, Path plugins,
                                 String prefix) throws IOException {
        return new ProcessBuilder(Jvm.command(List.of("--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1"),
                AttachChurnWorker.class, host, netns, conflist.toString(), cache.toString(), plugins.toString(), prefix))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }
}
