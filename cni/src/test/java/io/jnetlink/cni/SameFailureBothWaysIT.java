package io.jnetlink.cni;

import io.jnetlink.cni.Side.Call;
import io.jnetlink.cni.Side.Impl;
import io.jnetlink.testkit.RequiresNetAdmin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same bad input fails the same way in process ({@code MacvlanPlugin.run}) and through the
 * executable ({@code target/bin/macvlan}, under {@code env -i} as runtimes start plugins: no
 * locale): exit 1, the same code, message and details, and the spec's code for it (4 for a
 * {@code CNI_*} variable, 7 for the config, 6 for what is not JSON, 1 for a version). Before, a
 * name of 14 bytes in 7 characters ({@code äääääää}) was taken in process and "too long" (code 4)
 * in the executable, whose JVM decoded its environment as ASCII.
 */
@RequiresNetAdmin
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SameFailureBothWaysIT {

    private static final String VALID = """
            {"cniVersion":"1.0.0","name":"same","type":"macvlan","master":"eth0","mode":"bridge",
             "ipam":{"type":"host-local","subnet":"198.51.100.0/24","dataDir":"DATADIR"}}""";
    private static final String PATH = "/nonexistent/jnltest-cni-path";
    private static final String CONTAINER = "<container>";
    private static final String UNSET = "<unset>";

    /** One bad input: what differs from a valid ADD, and the code and message it must get both ways. */
    record Case(String name, Map<String, String> env, String config, int code, String msg) {

        @Override
        public String toString() {
            return name;
        }
    }

    private static Case env(String name, String variable, String value, int code, String msg) {
        return new Case(name, Map.of(variable, value), VALID, code, msg);
    }

    private static Case config(String name, String config, int code, String msg) {
        return new Case(name, Map.of(), config, code, msg);
    }

    static List<Case> cases() {
        return List.of(
                env("interface name of 16 bytes", "CNI_IFNAME", "sixteen-chars-xx", 4,
                        "CNI_IFNAME: interface name is too long"),
                env("interface name of 16 bytes in 8 characters", "CNI_IFNAME", "ääääääää", 4,
                        "CNI_IFNAME: interface name is too long"),
                new Case("interface name of 14 bytes in 7 characters, then a missing master",
                        Map.of("CNI_IFNAME", "äääääää"), VALID.replace("\"eth0\"", "\"eth9\""), 101, null),
                env("interface name with a slash", "CNI_IFNAME", "a/b", 4,
                        "CNI_IFNAME: interface name contains / or : or whitespace characters"),
                env("interface name with a Unicode space", "CNI_IFNAME", "a\u2003b", 4,
                        "CNI_IFNAME: interface name contains / or : or whitespace characters"),
                env("interface name ..", "CNI_IFNAME", "..", 4, "CNI_IFNAME: interface name is . or .."),
                env("interface name missing", "CNI_IFNAME", UNSET, 4, "required env variables [CNI_IFNAME] missing"),
                env("container id with a slash", "CNI_CONTAINERID", "c1/../x", 4,
                        "CNI_CONTAINERID: invalid characters in containerID"),
                env("container id empty", "CNI_CONTAINERID", "", 4, "required env variables [CNI_CONTAINERID] missing"),
                env("netns that is a file", "CNI_NETNS", "/etc/hostname", 4, "CNI_NETNS: failed to open netns \"/etc/hostname\""),
                env("netns that is another kind of namespace", "CNI_NETNS", "/proc/self/ns/mnt", 4,
                        "CNI_NETNS: failed to open netns \"/proc/self/ns/mnt\""),
                env("netns that does not exist", "CNI_NETNS", "/run/netns/jnltest-same-missing", 4,
                        "CNI_NETNS: failed to open netns \"/run/netns/jnltest-same-missing\""),
                env("netns missing", "CNI_NETNS", UNSET, 4, "required env variables [CNI_NETNS] missing"),
                env("plugin path missing", "CNI_PATH", UNSET, 4, "required env variables [CNI_PATH] missing"),
                env("CNI_ARGS not pairs", "CNI_ARGS", "novalue", 4, "CNI_ARGS: invalid pair \"novalue\""),
                env("unknown command", "CNI_COMMAND", "ATTACH", 4, "CNI_COMMAND: unknown command \"ATTACH\""),
                new Case("DEL with an interface name of 16 bytes", Map.of("CNI_COMMAND", "DEL",
                        "CNI_IFNAME", "sixteen-chars-xx"), VALID, 4, "CNI_IFNAME: interface name is too long"),
                new Case("CHECK with a container id with a slash", Map.of("CNI_COMMAND", "CHECK",
                        "CNI_CONTAINERID", "c1/../x"), VALID, 4, "CNI_CONTAINERID: invalid characters in containerID"),
                config("unsupported cniVersion", VALID.replace("1.0.0", "9.9.9"), 1, "incompatible CNI versions"),
                config("cniVersion a number", VALID.replace("\"1.0.0\"", "1"), 7,
                        "config.cniVersion: must be a string, got the number 1"),
                config("malformed JSON", VALID.replace("\"mode\"", "mode"), 6,
                        "network config: not valid JSON at line 1, column 70: unexpected character ('m' (code 109)): "
                                + "was expecting double-quote to start field name"),
                config("a list, not an object", "[1,2]", 6, "network config: must be a JSON object, got a list"),
                config("name misspelt", VALID.replace("\"name\"", "\"nmae\""), 7,
                        "name: missing network name (unknown key \"nmae\": did you mean \"name\"?)"),
                config("mtu a string", VALID.replace("\"mode\"", "\"mtu\":\"1500\",\"mode\""), 7,
                        "config.mtu: must be a number, got the string \"1500\""),
                config("unknown mode", VALID.replace("\"bridge\"", "\"tunnel\""), 7, "mode: unknown macvlan mode \"tunnel\""),
                config("subnet misspelt", VALID.replace("\"subnet\"", "\"subnett\""), 7,
                        "ipam.ranges: no IP ranges specified (unknown key \"subnett\": did you mean \"subnet\"?)"),
                config("unknown ipam type", VALID.replace("\"host-local\"", "\"jnltest-no-such-ipam\""), 7,
                        "ipam.type: failed to find plugin \"jnltest-no-such-ipam\" in path [" + PATH + "]"),
                config("missing master", VALID.replace("\"eth0\"", "\"eth9\""), 101, null));
    }

    private final Map<Impl, Side> sides = new LinkedHashMap<>();

    @BeforeAll
    void sides() {
        for (Impl impl : List.of(Impl.IN_PROCESS, Impl.EXECUTABLE, Impl.DAEMON)) {
            sides.put(impl, new Side(impl));
        }
    }

    @AfterAll
    void close() {
        sides.values().forEach(Side::close);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theSameCodeMessageAndDetailsBothWays(Case c) {
        Map<Impl, Map<String, Object>> errors = new LinkedHashMap<>();
        for (Side side : sides.values()) {
            String config = c.config().replace("DATADIR", side.dataDir.toString());
            Call call = side.call(env(c, side), config);
            if (call.exit() == 0) { // undo what should not have been made before failing
                Map<String, String> del = new LinkedHashMap<>(env(c, side));
                del.put("CNI_COMMAND", "DEL");
                side.call(del, config);
            }
            assertThat(call.exit()).as(side.impl + " exit: " + call.stdout()).isEqualTo(1);
            Map<String, Object> error = new LinkedHashMap<>(call.json());
            error.remove("cniVersion"); // the in-process side writes its exception in a version of its choosing
            error.replaceAll((k, v) -> v instanceof String s ? s.replace(side.container, CONTAINER)
                    .replace(side.box.name(), "<sandbox>") : v);
            errors.put(side.impl, error);
            assertThat(side.iface(env(c, side).getOrDefault("CNI_IFNAME", "net1"))).as(side.impl + ": nothing made").isEmpty();
        }
        Map<String, Object> inProcess = errors.get(Impl.IN_PROCESS);
        assertThat(errors.get(Impl.EXECUTABLE)).as("executable against in process").isEqualTo(inProcess);
        assertThat(errors.get(Impl.DAEMON)).as("shim and daemon against in process").isEqualTo(inProcess);
        assertThat(inProcess.get("code")).as("code of " + inProcess.get("msg")).isEqualTo(c.code());
        if (c.msg() != null) {
            assertThat((String) inProcess.get("msg")).startsWith(c.msg());
        }
    }

    /** A valid ADD's variables for {@code side}, with the case's changes ({@link #UNSET} removes one). */
    private static Map<String, String> env(Case c, Side side) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CNI_COMMAND", "ADD");
        env.put("CNI_CONTAINERID", "c1");
        env.put("CNI_NETNS", side.netnsPath());
        env.put("CNI_IFNAME", "net1");
        env.put("CNI_PATH", PATH);
        c.env().forEach((k, v) -> {
            if (v.equals(UNSET)) {
                env.remove(k);
            } else {
                env.put(k, v);
            }
        });
        return env;
    }
}
