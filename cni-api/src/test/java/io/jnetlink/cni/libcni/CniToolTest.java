package io.jnetlink.cni.libcni;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * cnitool's exits: usage errors as the reference cnitool 1.1.2 (usage on stderr, exit 1), and an
 * unknown command refused the same way (the reference exits 0 without doing anything); errors exit
 * 1 with the message on stderr; {@code NETCONFPATH=""} means {@code /etc/cni/net.d}.
 */
class CniToolTest {

    @TempDir
    Path dir;

    /** Exit code, stdout and stderr of one run. */
    private record Run(int exit, String out, String err) {
    }

    private static Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = CniTool.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "add", "add net", "check net", "del net", "gc", "status", "ad net /run/netns/x",
            "ADD net /run/netns/x", "list net /run/netns/x", "version"})
    void wrongArgumentsPrintTheUsageToStderrAndExit1(String line) {
        Run run = run(Map.of("NETCONFPATH", dir.toString()), line.isEmpty() ? new String[0] : line.split(" "));
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo(CniTool.USAGE + System.lineSeparator());
        assertThat(run.err()).startsWith("usage: cnitool add|check|del <network> <netns path>");
    }

    @Test
    void anEmptyNetconfpathMeansTheDefaultDirectory() {
        Run run = run(Map.of("NETCONFPATH", ""), "add", "jnltest-no-such-network", dir.resolve("ns").toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("cnitool: ").contains("/etc/cni/net.d");
        assertThat(run(Map.of(), "del", "jnltest-no-such-network", "x").err()).contains("/etc/cni/net.d");
    }

    @Test
    void aNetworkThatIsNotThereExits1WithLibcnisMessage() throws Exception {
        Run none = run(Map.of("NETCONFPATH", dir.toString()), "add", "net", "/run/netns/x");
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.err()).isEqualTo("cnitool: no net configurations found in " + dir + System.lineSeparator());
        Files.writeString(dir.resolve("10.conflist"), "{\"cniVersion\":\"1.0.0\",\"name\":\"other\",\"plugins\":[{\"type\":\"A\"}]}");
        Run other = run(Map.of("NETCONFPATH", dir.toString()), "check", "net", "/run/netns/x");
        assertThat(other.exit()).isEqualTo(1);
        assertThat(other.err()).isEqualTo("cnitool: no net configuration with name \"net\" in " + dir
                + System.lineSeparator());
    }

    @Test
    void gcAndStatusAreOursAndNeedNoNamespace() throws Exception {
        Path net = Files.createDirectory(dir.resolve("net.d"));
        Files.writeString(net.resolve("10.conflist"), "{\"cniVersion\":\"1.0.0\",\"name\":\"net\",\"plugins\":[{\"type\":\"A\"}]}");
        Map<String, String> env = new HashMap<>();
        env.put("NETCONFPATH", net.toString());
        env.put("CNI_CACHE_DIR", dir.resolve("cache").toString());
        // a 1.0.0 network: STATUS and GC ask no plugin (they came with 1.1), so no plugin is needed here
        assertThat(run(env, "status", "net")).isEqualTo(new Run(0, "", ""));
        assertThat(run(env, "gc", "net")).isEqualTo(new Run(0, "", ""));
    }
}
