package io.jnetlink.cni;

import io.jnetlink.cni.types.CniArgs;
import io.jnetlink.cni.types.CniCommand;
import io.jnetlink.cni.types.CniException;
import io.jnetlink.cni.invoke.ExecPlugin;
import io.jnetlink.cni.plugins.ipam.IpamCniPlugin;
import io.jnetlink.cni.types.Json;
import io.jnetlink.testkit.RequiresNetAdmin;
import io.jnetlink.testkit.Sandbox;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@link IpamCniPlugin} (in process, and as our shims {@code target/bin/host-local} and
 * {@code target/bin/static} served by the daemon) beside the reference {@code host-local} and {@code static} executables:
 * the same calls on the same configs (each with a data dir of its own) give the same results, the
 * same failures and the same files. A failure with a code the spec defines (below 100) must be the
 * reference's, code and message; a plugin's own failures (the reference's Go errors are all 999,
 * ours name what failed, 102 for IPAM) are each held to their exact code and message, separately.
 */
@RequiresNetAdmin
class IpamCniPluginIT {

    private static final Path PLUGINS = Path.of("/usr/lib/cni");

    /** One implementation's view: how to call it, where its host-local files are. */
    private record Side(Runner plugin, Path dataDir) {

        /** A plugin as a runtime calls it: an executable, or one of ours in process. */
        interface Runner {
            byte[] run(CniCommand command, CniArgs args, byte[] config);
        }

        static Side reference(String type, Sandbox box) {
            return new Side(ExecPlugin.find(type, List.of(PLUGINS), Duration.ofSeconds(30))::run, box.directory("ref"));
        }

        static Side ours(Sandbox box) {
            return new Side(new IpamCniPlugin()::run, box.directory("ours"));
        }

        /** Our shim {@code target/bin/<type>}, served by the daemon ({@link DaemonProcess#shared()}). */
        static Side shim(String type, Sandbox box) {
            Path shim = Path.of("target/bin", type).toAbsolutePath();
            return new Side((command, args, config) -> {
                Map<String, String> env = new TreeMap<>(Map.of("CNI_COMMAND", command.name(),
                        "CNI_CONTAINERID", args.containerId(), "CNI_NETNS", args.netns(), "CNI_IFNAME", args.ifName(),
                        "CNI_ARGS", args.args(), "CNI_PATH", args.path(),
                        "JNETLINK_CNI_SOCKET", DaemonProcess.shared().socket().toString()));
                List<String> line = new ArrayList<>(List.of("env", "-i"));
                env.forEach((k, v) -> line.add(k + "=" + v));
                line.add(shim.toString());
                io.jnetlink.cni.Side.Call call = io.jnetlink.cni.Side.exec(line, config);
                if (call.exit() != 0) {
                    Map<String, Object> error = call.json();
                    throw new CniException(((Number) error.get("code")).intValue(), (String) error.get("msg"),
                            String.valueOf(error.getOrDefault("details", "")));
                }
                return call.stdout().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }, box.directory("shim"));
        }

        Outcome call(String command, String containerId, String cniArgs, String config, String netns) {
            CniArgs args = new CniArgs(containerId, netns, "eth0", cniArgs, PLUGINS.toString());
            try {
                return Outcome.result(new String(plugin.run(CniCommand.parse(command), args,
                        config.replace("DATADIR", dataDir.toString()).getBytes())));
            } catch (CniException e) {
                return Outcome.error(e.code(), e.getMessage());
            }
        }

        /** Every file of the store but {@code lock}, name and content. */
        Map<String, String> files() throws IOException {
            Map<String, String> files = new TreeMap<>();
            try (Stream<Path> walk = Files.walk(dataDir)) {
                for (Path f : walk.filter(Files::isRegularFile).filter(f -> !f.endsWith("lock")).toList()) {
                    files.put(dataDir.relativize(f).toString(), Files.readString(f));
                }
            }
            return files;
        }
    }

    /**
     * What a call gave: its result, JSON re-written in one form ("" for none), or an error's code
     * (0: none) and message.
     */
    private record Outcome(String result, int code, String msg) {

        static Outcome result(String out) {
            return new Outcome(out.isEmpty() ? "" : Json.write(Json.object(out.getBytes(), "result")), 0, "");
        }

        static Outcome error(int code, String msg) {
            return new Outcome("", code, msg);
        }

        /** The plugin's own code, which the spec leaves to each plugin. */
        boolean pluginSpecific() {
            return code >= 100;
        }

        @Override
        public String toString() {
            return code == 0 ? result : "error " + code + ": " + msg;
        }
    }

    /** The two sides' own failures of one call: each exactly as expected. */
    private record OwnFailures(Outcome reference, Outcome ours) {
    }

    @Test
    void hostLocalAddCheckDelAndExhaustionAsTheReference() throws Exception {
        try (Sandbox box = Sandbox.create()) {
            String netns = container(box);
            Side reference = Side.reference("host-local", box);
            Side ours = Side.ours(box);
            Side shim = Side.shim("host-local", box);
            String config = """
                    {"cniVersion":"%s","name":"pool","ipam":{"type":"host-local","dataDir":"DATADIR",
                     "ranges":[[{"subnet":"203.0.113.0/24","rangeStart":"203.0.113.10","rangeEnd":"203.0.113.12",
                                 "gateway":"203.0.113.1"}]],
                     "routes":[{"dst":"0.0.0.0/0"},{"dst":"198.51.100.0/24","gw":"203.0.113.254"}]}}""";
            List<List<String>> calls = List.of(
                    List.of("ADD", "ctr1", "", "1.0.0"),
                    List.of("ADD", "ctr2", "IgnoreUnknown=1;IP=203.0.113.12", "1.0.0"),
                    List.of("ADD", "ctr3", "", "0.3.1"),
                    List.of("ADD", "ctr4", "", "1.0.0"),
                    List.of("CHECK", "ctr1", "", "1.0.0"),
                    List.of("CHECK", "ctr9", "", "1.0.0"),
                    List.of("DEL", "ctr1", "", "1.0.0"),
                    List.of("DEL", "ctr1", "", "1.0.0"),
                    List.of("ADD", "ctr5", "", "1.0.0"),
                    List.of("CHECK", "ctr5", "", "0.3.1"),
                    List.of("ADD", "ctr6", "", "9.9.9"));
            Map<Integer, OwnFailures> own = Map.of(
                    3, new OwnFailures(Outcome.error(999, "failed to allocate for range 0: no IP addresses available "
                            + "in range set: 203.0.113.10-203.0.113.12"),
                            Outcome.error(CniException.IPAM_FAILED, "host-local network pool: allocating for ctr4/eth0 "
                                    + "in range set 0 (203.0.113.10-203.0.113.12): no IP addresses available in range set: "
                                    + "203.0.113.10-203.0.113.12")),
                    5, new OwnFailures(Outcome.error(999, "host-local: Failed to find address added by container ctr9"),
                            Outcome.error(CniException.IPAM_FAILED, "host-local network pool: checking ctr9/eth0: "
                                    + "failed to find address added by container ctr9")));
            List<Outcome> theirs = new ArrayList<>();
            List<Outcome> mine = new ArrayList<>();
            List<Outcome> viaDaemon = new ArrayList<>();
            for (List<String> c : calls) {
                String conf = config.formatted(c.get(3));
                theirs.add(reference.call(c.get(0), c.get(1), c.get(2), conf, netns));
                mine.add(ours.call(c.get(0), c.get(1), c.get(2), conf, netns));
                viaDaemon.add(shim.call(c.get(0), c.get(1), c.get(2), conf, netns));
            }
            assertThat(viaDaemon).as("the shim with the daemon, call by call, as in process").isEqualTo(mine);
            assertThat(theirs.get(0).result())
                    .contains("\"address\" : \"203.0.113.10/24\"", "\"gateway\" : \"203.0.113.1\"");
            assertThat(theirs.get(9)).as("CHECK of a 0.3.1 config").isEqualTo(Outcome.error(
                    CniException.INCOMPATIBLE_VERSION, "config version does not allow CHECK"));
            assertThat(theirs.get(10).code()).as("a version no one speaks: " + theirs.get(10))
                    .isEqualTo(CniException.INCOMPATIBLE_VERSION);
            for (int i = 0; i < calls.size(); i++) {
                String call = calls.get(i).toString();
                OwnFailures expected = own.get(i);
                if (expected != null || theirs.get(i).pluginSpecific() || mine.get(i).pluginSpecific()) {
                    assertThat(expected).as(call + ": a failure with a plugin's own code, not listed as expected: "
                            + "reference " + theirs.get(i) + ", ours " + mine.get(i)).isNotNull();
                    assertThat(theirs.get(i)).as(call + " reference").isEqualTo(expected.reference());
                    assertThat(mine.get(i)).as(call + " ours").isEqualTo(expected.ours());
                } else {
                    assertThat(mine.get(i)).as(call + " (the spec's code and the same message, or the same result)")
                            .isEqualTo(theirs.get(i));
                }
            }
            assertThat(ours.files()).isEqualTo(reference.files()).containsKey("pool/203.0.113.12");
            assertThat(shim.files()).isEqualTo(reference.files());
        }
    }

    @Test
    void staticWithRequestedAddressesAsTheReference() throws Exception {
        try (Sandbox box = Sandbox.create()) {
            String netns = container(box);
            Side reference = Side.reference("static", box);
            Side ours = Side.ours(box);
            Side shim = Side.shim("static", box);
            String config = """
                    {"cniVersion":"1.0.0","name":"st","ipam":{"type":"static",
                     "addresses":[{"address":"203.0.113.7/24","gateway":"203.0.113.1"}],
                     "routes":[{"dst":"0.0.0.0/0"}],"dns":{"nameservers":["192.0.2.53"]}}%s}""";
            for (String[] c : new String[][] {{"", ""}, {"IgnoreUnknown=1;IP=198.51.100.9/24;GATEWAY=198.51.100.1", ""},
                    {"", ",\"runtimeConfig\":{\"ips\":[\"192.0.2.6/25\"]}"}}) {
                String conf = config.formatted(c[1]);
                Outcome theirs = reference.call("ADD", "ctr1", c[0], conf, netns);
                assertThat(theirs.code()).as(c[0] + c[1] + ": " + theirs).isZero();
                assertThat(ours.call("ADD", "ctr1", c[0], conf, netns)).as(c[0] + c[1]).isEqualTo(theirs);
                assertThat(shim.call("ADD", "ctr1", c[0], conf, netns)).as("shim and daemon: " + c[0] + c[1])
                        .isEqualTo(theirs);
            }
        }
    }

    /** A container namespace in {@code box}, by path. */
    private static String container(Sandbox box) {
        box.namespace("c");
        return "/run/netns/" + box.name() + "-c";
    }
}
