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
 * {@link IpamCniPlugin} beside the reference {@code host-local} and {@code static} executables:
 * the same calls on the same configs (each with a data dir of its own) give the same results, the
 * same failures and the same files.
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

        String call(String command, String containerId, String cniArgs, String config, String netns) {
            CniArgs args = new CniArgs(containerId, netns, "eth0", cniArgs, PLUGINS.toString());
            try {
                return new String(plugin.run(CniCommand.parse(command), args,
                        config.replace("DATADIR", dataDir.toString()).getBytes()));
            } catch (CniException e) {
                // the spec's codes must agree; the reference's generic 999 is one of ours (100+)
                return "error " + (e.code() >= 100 ? "" : e.code()) + ": " + e.getMessage();
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

    @Test
    void hostLocalAddCheckDelAndExhaustionAsTheReference() throws Exception {
        try (Sandbox box = Sandbox.create()) {
            String netns = container(box);
            Side reference = Side.reference("host-local", box);
            Side ours = Side.ours(box);
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
                    List.of("ADD", "ctr5", "", "1.0.0"));
            List<String> theirs = new ArrayList<>();
            List<String> mine = new ArrayList<>();
            for (List<String> c : calls) {
                String conf = config.formatted(c.get(3));
                theirs.add(c + " " + normalized(reference.call(c.get(0), c.get(1), c.get(2), conf, netns)));
                mine.add(c + " " + normalized(ours.call(c.get(0), c.get(1), c.get(2), conf, netns)));
            }
            assertThat(theirs.get(0)).contains("\"address\" : \"203.0.113.10/24\"", "\"gateway\" : \"203.0.113.1\"");
            assertThat(theirs.get(3)).contains("error");
            assertThat(theirs.get(5)).contains("error");
            assertThat(mine).as("reference:\n" + String.join("\n", theirs)).isEqualTo(theirs);
            assertThat(ours.files()).isEqualTo(reference.files()).containsKey("pool/203.0.113.12");
        }
    }

    @Test
    void staticWithRequestedAddressesAsTheReference() throws Exception {
        try (Sandbox box = Sandbox.create()) {
            String netns = container(box);
            Side reference = Side.reference("static", box);
            Side ours = Side.ours(box);
            String config = """
                    {"cniVersion":"1.0.0","name":"st","ipam":{"type":"static",
                     "addresses":[{"address":"203.0.113.7/24","gateway":"203.0.113.1"}],
                     "routes":[{"dst":"0.0.0.0/0"}],"dns":{"nameservers":["192.0.2.53"]}}%s}""";
            for (String[] c : new String[][] {{"", ""}, {"IgnoreUnknown=1;IP=198.51.100.9/24;GATEWAY=198.51.100.1", ""},
                    {"", ",\"runtimeConfig\":{\"ips\":[\"192.0.2.6/25\"]}"}}) {
                String conf = config.formatted(c[1]);
                assertThat(normalized(ours.call("ADD", "ctr1", c[0], conf, netns))).as(c[0] + c[1])
                        .isEqualTo(normalized(reference.call("ADD", "ctr1", c[0], conf, netns)))
                        .doesNotContain("error");
            }
        }
    }

    /** A container namespace in {@code box}, by path. */
    private static String container(Sandbox box) {
        box.namespace("c");
        return "/run/netns/" + box.name() + "-c";
    }

    /** JSON results re-written in one form; errors as they are. */
    private static String normalized(String out) {
        if (out.isEmpty() || out.startsWith("error")) {
            return out.startsWith("error") ? out.substring(0, out.indexOf(':')) : out;
        }
        return Json.write(Json.object(out.getBytes(), "result"));
    }
}
