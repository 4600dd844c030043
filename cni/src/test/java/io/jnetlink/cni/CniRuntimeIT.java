package io.jnetlink.cni;

import io.jnetlink.cni.types.CniException;
import io.jnetlink.cni.types.CniResult;
import io.jnetlink.cni.libcni.CniRuntime;
import io.jnetlink.cni.types.Json;
import io.jnetlink.cni.plugins.macvlan.MacvlanPlugin;
import io.jnetlink.cni.libcni.NetworkConfigList;
import io.jnetlink.cni.libcni.RuntimeConf;
import io.jnetlink.testkit.Command;
import io.jnetlink.testkit.RequiresNetAdmin;
import io.jnetlink.testkit.Sandbox;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The runtime against the reference library: the same conflist (macvlan with host-local, then
 * tuning) through libcni 1.1.2 (a small driver built from Debian's sources in GOPATH mode) and
 * through {@link CniRuntime}, on the reference plugins, in identical sandboxes; then each deletes
 * what the other added, through the other's cache file. The master is called {@code jnlm0}, a
 * name no real host has, so a plugin started in the wrong namespace fails instead of touching it.
 */
@RequiresNetAdmin
class CniRuntimeIT {

    private static final Path PLUGINS = Path.of("/usr/lib/cni");

    /** A host with master {@code jnlm0}, a container, a data dir and a cache dir. */
    private record Bed(Sandbox box, String container, Path conflist, Path cache) implements AutoCloseable {
        static Bed create() {
            Sandbox box = Sandbox.create();
            box.veth("jnlm0", "jnlm0p");
            box.namespace("c");
            Path data = box.directory("ipam");
            Path cache = box.directory("cache");
            Path conflist = box.directory("net").resolve("10-demo.conflist");
            try {
                Files.writeString(conflist, """
                        {"cniVersion":"1.0.0","name":"demo","plugins":[
                          {"type":"macvlan","master":"jnlm0","mode":"bridge",
                           "ipam":{"type":"host-local","subnet":"198.51.100.0/24","gateway":"198.51.100.254",
                                   "routes":[{"dst":"0.0.0.0/0"}],"dataDir":"%s"}},
                          {"type":"tuning","mtu":1400,"sysctl":{"net.ipv4.conf.eth0.arp_ignore":"1"}}]}
                        """.formatted(data));
            } catch (java.io.IOException e) {
                box.close();
                throw new AssertionError(e);
            }
            return new Bed(box, "/run/netns/" + box.name() + "-c", conflist, cache);
        }

        CniRuntime runtime() {
            return builder().build();
        }

        CniRuntime.Builder builder() {
            return CniRuntime.builder().pluginPath(List.of(PLUGINS)).cacheDir(cache).timeout(Duration.ofSeconds(30))
                    .inNamespace(box.ns());
        }

        RuntimeConf rt() {
            return RuntimeConf.of("ctr1", container, "eth0");
        }

        NetworkConfigList list() {
            return NetworkConfigList.load(conflist.getParent(), "demo");
        }

        Command.Result libcni(String command) {
            return Command.run("ip", "netns", "exec", box.name(), LibcniDriver.path().toString(), command, conflist.toString(),
                    container, "ctr1", "eth0", PLUGINS.toString(), cache.toString());
        }

        Map<String, Object> cached() throws Exception {
            return Json.object(Files.readAllBytes(cache.resolve("results/demo-ctr1-eth0")), "cache");
        }

        String iface() {
            Command.Result r = Command.run("ip", "-n", box.name() + "-c", "-4", "-o", "addr", "show", "eth0");
            return r.exitCode() == 0 ? r.output().replaceAll("\\\\.*", "").strip() : "";
        }

        String mtuAndSysctl() {
            return Command.check("ip", "-n", box.name() + "-c", "-o", "link", "show", "eth0").replaceAll(".*(mtu \\d+).*",
                    "$1").strip() + " arp_ignore=" + Command.check("ip", "netns", "exec", box.name() + "-c", "cat",
                    "/proc/sys/net/ipv4/conf/eth0/arp_ignore").strip();
        }

        @Override
        public void close() {
            box.close();
        }
    }

    private static Map<String, Object> normalized(Map<String, Object> result, Bed bed) {
        String text = Json.write(result).replace(bed.container(), "<netns>").replaceAll("\"mac\" : \"[0-9a-f:]+\"",
                "\"mac\" : \"<mac>\"");
        return Json.object(text.getBytes(StandardCharsets.UTF_8), "result");
    }

    @Test
    void theSameConflistGivesTheSameResultStateAndCacheThroughLibcniAndUs() throws Exception {
        Map<String, Object> libcniResult;
        Map<String, Object> libcniCache;
        String libcniState;
        try (Bed bed = Bed.create()) {
            Command.Result add = bed.libcni("add");
            assertThat(add.exitCode()).as(add.output()).isZero();
            libcniResult = normalized(Json.object(add.output().getBytes(), "libcni result"), bed);
            libcniCache = bed.cached();
            libcniState = bed.iface() + " " + bed.mtuAndSysctl();
            assertThat(Base64.getDecoder().decode((String) libcniCache.get("config")))
                    .isEqualTo(Files.readAllBytes(bed.conflist()));
        }
        for (Function<Bed, CniRuntime> runtime : List.<Function<Bed, CniRuntime>>of(Bed::runtime,
                bed -> bed.builder().plugin("macvlan", new MacvlanPlugin(bed.box().ns())).build())) {
            try (Bed bed = Bed.create()) {
                CniResult result = runtime.apply(bed).add(bed.list(), bed.rt());
                assertThat(normalized(result.toJson(), bed)).isEqualTo(libcniResult);
                assertThat(bed.iface() + " " + bed.mtuAndSysctl()).isEqualTo(libcniState)
                        .contains("198.51.100.1/24").contains("mtu 1400 arp_ignore=1");
                Map<String, Object> cache = bed.cached();
                assertThat(cache.keySet()).isEqualTo(libcniCache.keySet());
                assertThat(cache).containsEntry("kind", "cniCacheV1").containsEntry("containerId", "ctr1")
                        .containsEntry("ifName", "eth0").containsEntry("networkName", "demo");
                assertThat(Base64.getDecoder().decode((String) cache.get("config")))
                        .isEqualTo(Files.readAllBytes(bed.conflist()));
                @SuppressWarnings("unchecked")
                Map<String, Object> cachedResult = (Map<String, Object>) cache.get("result");
                assertThat(normalized(cachedResult, bed)).isEqualTo(libcniResult);
            }
        }
    }

    @Test
    void eachDeletesWhatTheOtherAddedThroughTheOthersCache() {
        try (Bed bed = Bed.create()) {
            assertThat(bed.libcni("add").exitCode()).isZero();
            CniRuntime ours = bed.runtime(); // a "restarted" runtime: all it has is the cache
            assertThat(ours.cachedResult(bed.list(), bed.rt())).isPresent();
            ours.check(bed.list(), bed.rt());
            ours.del(bed.list(), bed.rt());
            assertThat(bed.iface()).isEmpty();
            assertThat(bed.cache().resolve("results/demo-ctr1-eth0")).doesNotExist();

            ours.add(bed.list(), bed.rt());
            Command.Result check = bed.libcni("check");
            assertThat(check.exitCode()).as(check.output()).isZero();
            Command.Result del = bed.libcni("del");
            assertThat(del.exitCode()).as(del.output()).isZero();
            assertThat(bed.iface()).isEmpty();
            assertThat(bed.cache().resolve("results/demo-ctr1-eth0")).doesNotExist();
        }
    }

    @Test
    void pluginErrorsArriveTypedAndGarbageIsReportedClearly() throws Exception {
        try (Bed bed = Bed.create()) {
            Path bad = bed.box().directory("bad-plugins");
            Files.writeString(bad.resolve("garbage"), "#!/bin/sh\necho 'not json at all'\nexit 3\n");
            bad.resolve("garbage").toFile().setExecutable(true);
            NetworkConfigList broken = NetworkConfigList.parse("""
                    {"cniVersion":"1.0.0","name":"demo","plugins":[{"type":"macvlan","master":"jnlm9"}]}"""
                    .getBytes(), "inline");
            assertThatThrownBy(() -> bed.runtime().add(broken, bed.rt())).isInstanceOfSatisfying(CniException.class, e -> {
                assertThat(e.code()).isEqualTo(999); // the reference plugin's own code, passed on
                assertThat(e.getMessage()).isEqualTo("plugin type=\"macvlan\" failed (add): Link not found");
            });
            NetworkConfigList garbage = NetworkConfigList.parse("""
                    {"cniVersion":"1.0.0","name":"demo","plugins":[{"type":"garbage"}]}""".getBytes(), "inline");
            CniRuntime runtime = CniRuntime.builder().pluginPath(List.of(bad)).cacheDir(bed.cache())
                    .timeout(Duration.ofSeconds(10)).inNamespace(bed.box().ns()).build();
            assertThatThrownBy(() -> runtime.add(garbage, bed.rt())).isInstanceOfSatisfying(CniException.class, e -> {
                assertThat(e.getMessage()).contains("exited 3 without an error JSON");
                assertThat(e.details()).contains("not json at all");
            });
            assertThatThrownBy(() -> runtime.add(NetworkConfigList.parse("""
                    {"cniVersion":"1.0.0","name":"demo","plugins":[{"type":"nowhere"}]}""".getBytes(), "inline"),
                    bed.rt())).isInstanceOfSatisfying(CniException.class,
                    e -> assertThat(e.getMessage()).contains("failed to find plugin \"nowhere\""));
        }
    }

    @Test
    void cnitoolAddsChecksAndDeletesAsTheReferenceToolDoes() throws Exception {
        try (Bed bed = Bed.create()) {
            Path netDir = bed.conflist().getParent();
            Files.writeString(netDir.resolve("20-capable.conflist"), """
                    {"cniVersion":"1.0.0","name":"capable","plugins":[
                      {"type":"macvlan","master":"jnlm0","capabilities":{"mac":true},
                       "ipam":{"type":"static","addresses":[{"address":"203.0.113.9/24"}]}}]}
                    """);
            String netns = bed.container();
            String expectedId = "cnitool-" + Command.check("sh", "-c", "printf %s '" + netns + "' | sha512sum")
                    .substring(0, 20);
            Function<String, Command.Result> cnitool = command -> Command.run("ip", "netns", "exec", bed.box().name(),
                    "env", "NETCONFPATH=" + netDir, "CNI_PATH=" + PLUGINS, "CNI_CACHE_DIR=" + bed.cache(),
                    "CNI_IFNAME=net1", "CAP_ARGS={\"mac\":\"02:00:5e:00:53:44\"}", "CNI_ARGS=IgnoreUnknown=1;K8S_POD_NAME=p",
                    Path.of("target/bin/cnitool").toAbsolutePath().toString(), command, "capable", netns);

            Command.Result add = cnitool.apply("add");
            assertThat(add.exitCode()).as(add.output()).isZero();
            assertThat(Json.object(add.output().getBytes(), "result")).containsKey("ips");
            assertThat(Command.check("ip", "-n", bed.box().name() + "-c", "-o", "link", "show", "net1"))
                    .contains("02:00:5e:00:53:44");
            Map<String, Object> cache = Json.object(Files.readAllBytes(bed.cache().resolve("results/capable-"
                    + expectedId + "-net1")), "cache");
            assertThat(cache).containsEntry("containerId", expectedId).containsEntry("capabilityArgs",
                    Map.of("mac", "02:00:5e:00:53:44")).containsEntry("cniArgs",
                    List.of(List.of("IgnoreUnknown", "1"), List.of("K8S_POD_NAME", "p")));
            assertThat(cnitool.apply("check").exitCode()).isZero();
            assertThat(cnitool.apply("del").exitCode()).isZero();
            assertThat(Command.run("ip", "-n", bed.box().name() + "-c", "link", "show", "net1").exitCode()).isNotZero();

            Command.Result unknown = Command.run("env", "NETCONFPATH=" + netDir, "CNI_PATH=" + PLUGINS,
                    Path.of("target/bin/cnitool").toAbsolutePath().toString(), "add", "nosuch", netns);
            assertThat(unknown.exitCode()).isEqualTo(1);
            // libcni's NotFoundError text, as the reference cnitool prints it
            assertThat(unknown.output()).contains("no net configuration with name \"nosuch\" in " + netDir);
        }
    }

    @Test
    void gcOfA110NetworkReleasesWhatNoValidAttachmentHoldsAndASlowPluginTimesOut() throws Exception {
        try (Bed bed = Bed.create()) {
            Path data = bed.box().directory("gc-ipam");
            NetworkConfigList network = NetworkConfigList.parse("""
                    {"cniVersion":"1.1.0","name":"gcnet","plugins":[{"type":"macvlan","master":"jnlm0",
                     "ipam":{"type":"host-local","subnet":"203.0.113.0/24","dataDir":"%s"}}]}""".formatted(data)
                    .getBytes(), "inline");
            try (MacvlanPlugin inProcess = new MacvlanPlugin(bed.box().ns())) {
                CniRuntime runtime = bed.builder().plugin("macvlan", inProcess).build();
                RuntimeConf keep = RuntimeConf.of("keep", bed.container(), "eth0");
                RuntimeConf drop = RuntimeConf.of("drop", bed.container(), "net1");
                runtime.add(network, keep);
                runtime.add(network, drop);
                assertThat(runtime.cachedAttachments(network)).hasSize(2);
                runtime.status(network);

                runtime.gc(network, List.of(keep));

                assertThat(Files.exists(data.resolve("gcnet/203.0.113.2"))).as("kept lease").isTrue();
                assertThat(Files.exists(data.resolve("gcnet/203.0.113.3"))).as("released lease").isFalse();
                assertThat(runtime.cachedAttachments(network)).extracting(RuntimeConf::containerId).containsExactly("keep");
            }
            Path slow = bed.box().directory("slow-plugins");
            Files.writeString(slow.resolve("sleepy"), "#!/bin/sh\nsleep 30 &\necho $! > " + slow.resolve("child")
                    + "\nwait\n");
            slow.resolve("sleepy").toFile().setExecutable(true);
            CniRuntime impatient = CniRuntime.builder().pluginPath(List.of(slow)).cacheDir(bed.cache())
                    .timeout(Duration.ofMillis(500)).build();
            assertThatThrownBy(() -> impatient.add(NetworkConfigList.parse("""
                    {"cniVersion":"1.0.0","name":"slow","plugins":[{"type":"sleepy"}]}""".getBytes(), "inline"),
                    bed.rt())).isInstanceOfSatisfying(CniException.class, e -> {
                assertThat(e.code()).isEqualTo(CniException.TRY_AGAIN_LATER);
                assertThat(e.getMessage()).contains("did not finish within PT0.5S");
            });
            Path stat = Path.of("/proc", Files.readString(slow.resolve("child")).strip(), "stat");
            long deadline = System.nanoTime() + 10_000_000_000L; // SIGKILL is delivered asynchronously
            while (running(stat) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(running(stat)).as("what the plugin started is ended with it").isFalse();
        }
    }

    @Test
    void eachPluginGetsWhatLibcniGivesItCapabilitiesArgsAndPrevResult() throws Exception {
        try (Sandbox box = Sandbox.create()) {
            box.namespace("c");
            String netns = "/run/netns/" + box.name() + "-c";
            Path conflist = box.directory("net").resolve("rec.conflist");
            Files.writeString(conflist, """
                    {"cniVersion":"1.0.0","name":"rec","plugins":[
                      {"type":"rec-a","capabilities":{"mac":true,"portMappings":true,"bandwidth":false},
                       "args":{"cni":{"labels":[{"key":"app","value":"db"}]}},"custom":{"x":1}},
                      {"type":"rec-b","capabilities":{"ips":true}},
                      {"type":"rec-c"}]}""");
            String capArgs = """
                    {"mac":"02:00:5e:00:53:01","ips":["192.0.2.9/24"],"bandwidth":{"ingressRate":1000},
                     "portMappings":[{"hostPort":8080,"containerPort":80,"protocol":"tcp"}]}""";
            Path libcniCalls = recorders(box.directory("rec-libcni"));
            Path ourCalls = recorders(box.directory("rec-ours"));
            Path libcniCache = box.directory("cache-libcni");

            for (String command : List.of("add", "check", "del")) {
                Command.Result r = Command.run("env", "DRIVER_CAP_ARGS=" + capArgs,
                        "DRIVER_ARGS=IgnoreUnknown=1;K8S_POD_NAME=pod1", LibcniDriver.path().toString(), command,
                        conflist.toString(), netns, "ctr1", "eth0", libcniCalls.toString(),
                        libcniCache.toString());
                assertThat(r.exitCode()).as(command + ": " + r.output()).isZero();
            }
            CniRuntime ours = CniRuntime.builder().pluginPath(List.of(ourCalls)).cacheDir(box.directory("cache-ours"))
                    .timeout(Duration.ofSeconds(30)).build();
            NetworkConfigList network = NetworkConfigList.load(conflist.getParent(), "rec");
            RuntimeConf rt = RuntimeConf.of("ctr1", netns, "eth0")
                    .withArgs(List.of(Map.entry("IgnoreUnknown", "1"), Map.entry("K8S_POD_NAME", "pod1")))
                    .withCapabilityArgs(Json.object(capArgs.getBytes(), "capArgs"));
            ours.add(network, rt);
            ours.check(network, rt);
            ours.del(network, rt);

            List<String> calls = Files.readString(libcniCalls.resolve("calls")).lines().toList();
            assertThat(calls).containsExactly("rec-a ADD", "rec-b ADD", "rec-c ADD", "rec-a CHECK", "rec-b CHECK",
                    "rec-c CHECK", "rec-c DEL", "rec-b DEL", "rec-a DEL");
            assertThat(Files.readString(ourCalls.resolve("calls")).lines().toList()).isEqualTo(calls);
            for (int i = 0; i < calls.size(); i++) {
                String call = calls.get(i);
                Map<String, Object> theirs = Json.object(Files.readAllBytes(libcniCalls.resolve(i + ".stdin")), call);
                assertThat(Json.object(Files.readAllBytes(ourCalls.resolve(i + ".stdin")), call)).as(call)
                        .isEqualTo(theirs);
                assertThat(Files.readString(ourCalls.resolve(i + ".env")).replace(ourCalls.toString(), "<path>"))
                        .as(call).isEqualTo(Files.readString(libcniCalls.resolve(i + ".env"))
                                .replace(libcniCalls.toString(), "<path>"));
            }
            Map<String, Object> firstAdd = Json.object(Files.readAllBytes(ourCalls.resolve("0.stdin")), "rec-a ADD");
            assertThat(firstAdd.get("runtimeConfig")).as("declared and given only").isEqualTo(Map.of(
                    "mac", "02:00:5e:00:53:01", "portMappings",
                    List.of(Map.of("hostPort", 8080, "containerPort", 80, "protocol", "tcp"))));
            assertThat(firstAdd).containsKey("args").doesNotContainKey("prevResult");
            assertThat(Json.object(Files.readAllBytes(ourCalls.resolve("1.stdin")), "rec-b ADD"))
                    .containsEntry("runtimeConfig", Map.of("ips", List.of("192.0.2.9/24"))).containsKey("prevResult");
            assertThat(Json.object(Files.readAllBytes(ourCalls.resolve("2.stdin")), "rec-c ADD"))
                    .doesNotContainKey("runtimeConfig");
            assertThat(Files.readString(ourCalls.resolve("0.env")))
                    .contains("CNI_ARGS=IgnoreUnknown=1;K8S_POD_NAME=pod1\n");
        }
    }

    /** True while the process of {@code /proc/<pid>/stat} exists and is not a zombie. */
    private static boolean running(Path stat) {
        try {
            return !Files.readString(stat).contains(") Z ");
        } catch (java.io.IOException gone) {
            return false;
        }
    }

    /**
     * Plugins {@code rec-a}, {@code rec-b}, {@code rec-c} in {@code dir}: each call appends "type COMMAND"
     * to {@code calls}, keeps its stdin and CNI_ variables as {@code <n>.stdin}, {@code <n>.env}, and
     * answers ADD with its own interface (a result of its own, which the next plugin must get).
     */
    private static Path recorders(Path dir) throws Exception {
        String script = """
                #!/bin/sh
                dir=$(dirname "$0")
                n=$(cat "$dir/calls" 2>/dev/null | wc -l)
                cat > "$dir/$n.stdin"
                env | grep '^CNI_' | sort > "$dir/$n.env"
                echo "$(basename "$0") $CNI_COMMAND" >> "$dir/calls"
                if [ "$CNI_COMMAND" = ADD ]; then
                  printf '{"cniVersion":"1.0.0","interfaces":[{"name":"%s-%s","sandbox":"%s"}],"ips":[{"address":"192.0.2.7/24","interface":0}]}' \\
                    "$(basename "$0")" "$CNI_IFNAME" "$CNI_NETNS"
                fi
                """;
        for (String name : List.of("rec-a", "rec-b", "rec-c")) {
            Path plugin = dir.resolve(name);
            Files.writeString(plugin, script);
            assertThat(plugin.toFile().setExecutable(true)).isTrue();
        }
        return dir;
    }
}
