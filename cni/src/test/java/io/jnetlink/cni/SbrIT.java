package io.jnetlink.cni;

import io.jnetlink.cni.plugins.sbr.SbrPlugin;
import io.jnetlink.cni.types.CniArgs;
import io.jnetlink.cni.types.CniCommand;
import io.jnetlink.cni.types.CniException;
import io.jnetlink.cni.types.Json;
import io.jnetlink.testkit.Command;
import io.jnetlink.testkit.RequiresNetAdmin;
import io.jnetlink.testkit.Sandbox;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sbr plugin side by side with Debian's {@code /usr/lib/cni/sbr} (v1.1.1) on the reference's
 * own cases, each in identical fresh namespaces where {@code net1} has the addresses and main-table
 * routes a chained macvlan leaves: our executable (shim, no daemon), our shim served by the daemon
 * and our in-process plugin must give the reference's result and leave its rules and routes
 * ({@code ip rule}, {@code ip route show table all}); then where the reference's users report
 * bugs, the reference's failure beside our result.
 */
@RequiresNetAdmin
class SbrIT {

    private static final Path REFERENCE = Path.of("/usr/lib/cni/sbr");
    private static final Path EXECUTABLE = Path.of("target/bin/sbr").toAbsolutePath();

    /** Who answers the calls. */
    enum Impl { REFERENCE, EXECUTABLE, DAEMON, IN_PROCESS }

    /**
     * A case: the ip commands that give the container's {@code net1} what macvlan would have, and
     * the prevResult (and extra config) sbr is called with.
     */
    private record Case(String name, List<String> setup, String prevResult, String extraConfig) {
    }

    /** What one run left: the result or error, and the rules and net1's routes after ADD and after DEL. */
    private record Observed(int addExit, Map<String, Object> result, List<String> rules, List<String> routes,
                            int delExit, List<String> rulesAfterDel, List<String> routesAfterDel) {
    }

    private static final List<String> ONE_ADDRESS = List.of("addr add 192.0.2.10/24 dev net1",
            "route add default via 192.0.2.1 dev net1");

    private static final Case ONE = new Case("one address", ONE_ADDRESS, """
            {"cniVersion":"1.0.0","interfaces":[{"name":"net1","sandbox":"NETNS"}],
             "ips":[{"address":"192.0.2.10/24","gateway":"192.0.2.1","interface":0}],
             "routes":[{"dst":"0.0.0.0/0"}]}""", "");

    private static final Case DUAL_STACK = new Case("IPv4 and IPv6", List.of("addr add 192.0.2.10/24 dev net1",
            "addr add 2001:db8::10/64 dev net1 nodad", "route add default via 192.0.2.1 dev net1",
            "-6 route add default via 2001:db8::1 dev net1"), """
            {"cniVersion":"1.0.0","interfaces":[{"name":"net1","sandbox":"NETNS"}],
             "ips":[{"address":"192.0.2.10/24","gateway":"192.0.2.1","interface":0},
                    {"address":"2001:db8::10/64","gateway":"2001:db8::1","interface":0}],
             "routes":[{"dst":"0.0.0.0/0"},{"dst":"::/0"}]}""", "");

    /** Tables 100 and 101 taken by rules already: the first free is 102. */
    private static final Case NUMBERING = new Case("table numbering", List.of("addr add 192.0.2.10/24 dev net1",
            "route add 203.0.113.0/24 via 192.0.2.1 dev net1", "rule add from 198.51.100.99 lookup 100",
            "rule add to 203.0.113.99 lookup 101 prio 1000"), """
            {"cniVersion":"1.0.0","interfaces":[{"name":"net1","sandbox":"NETNS"}],
             "ips":[{"address":"192.0.2.10/24","gateway":"192.0.2.1","interface":0}],
             "routes":[{"dst":"203.0.113.0/24","gw":"192.0.2.1"}]}""", "");

    /** Two address blocks on one interface, each with its gateway (plugins #581): a table each. */
    private static final Case TWO_BLOCKS = new Case("two address blocks", List.of("addr add 192.0.2.10/24 dev net1",
            "addr add 198.51.100.10/24 dev net1", "route add default via 192.0.2.1 dev net1",
            "route add 203.0.113.0/24 via 198.51.100.1 dev net1"), """
            {"cniVersion":"1.0.0","interfaces":[{"name":"net1","sandbox":"NETNS"},{"name":"eth9"}],
             "ips":[{"address":"192.0.2.10/24","gateway":"192.0.2.1","interface":0},
                    {"address":"198.51.100.10/24","gateway":"198.51.100.1","interface":0},
                    {"address":"203.0.113.10/24","interface":1}],
             "routes":[{"dst":"0.0.0.0/0"},{"dst":"203.0.113.0/24","gw":"198.51.100.1"}]}""", "");

    @Test
    void oursLeavesTheReferencesRulesRoutesAndResultOnItsOwnCases() {
        for (Case c : List.of(ONE, DUAL_STACK, NUMBERING, TWO_BLOCKS)) {
            Observed reference = run(Impl.REFERENCE, c);
            assertThat(reference.addExit()).as(c.name() + ": reference ADD").isZero();
            assertThat(reference.rules()).as(c.name()).anyMatch(r -> r.contains("from 192.0.2.10 lookup 10"));
            for (Impl impl : List.of(Impl.EXECUTABLE, Impl.DAEMON, Impl.IN_PROCESS)) {
                Observed ours = run(impl, c);
                assertThat(ours.result()).as(c.name() + ", " + impl + ": result").isEqualTo(reference.result());
                assertThat(ours.rules()).as(c.name() + ", " + impl + ": rules").isEqualTo(reference.rules());
                assertThat(ours.routes()).as(c.name() + ", " + impl + ": routes").isEqualTo(reference.routes());
                assertThat(ours.delExit()).as(c.name() + ", " + impl + ": DEL").isZero();
                assertThat(ours.rulesAfterDel()).as(c.name() + ", " + impl + ": rules after DEL")
                        .isEqualTo(reference.rulesAfterDel());
                // the reference leaves its tables' routes behind; ours removes them with the rules
                assertThat(ours.routesAfterDel()).as(c.name() + ", " + impl + ": routes after DEL")
                        .noneMatch(r -> r.contains(" table "));
            }
            assertThat(reference.delExit()).isZero();
            assertThat(reference.rulesAfterDel()).as(c.name()).noneMatch(r -> r.contains("from 192.0.2.10"));
            assertThat(reference.routesAfterDel()).as(c.name() + ": the reference's leftovers")
                    .anyMatch(r -> r.contains(" table 10"));
        }
        // the numbering case: 100 and 101 were taken, by a rule each; the kernel gives the rule the
        // priority below the first rule's above 0 (1000 here)
        Observed numbering = run(Impl.IN_PROCESS, NUMBERING);
        assertThat(numbering.rules()).contains("999: from 192.0.2.10 lookup 102");
        assertThat(run(Impl.IN_PROCESS, TWO_BLOCKS).rules())
                .contains("32765: from 192.0.2.10 lookup 100", "32764: from 198.51.100.10 lookup 101")
                .noneMatch(r -> r.contains("203.0.113.10"));
    }

    @Test
    void aGatewayGivenOutsideTheIpamConfigReachesTheTableOnlyWithOurs() {
        // the address came from the ips capability or a Multus annotation: no gateway in prevResult's ips
        // (multus #498 #706 #707, plugins #1213); ours takes the config's "gateway" (the option later
        // reference versions added), or a default route of prevResult through the address's subnet
        Case configured = new Case("gateway in the sbr config", ONE_ADDRESS.subList(0, 1), """
                {"cniVersion":"1.0.0","interfaces":[{"name":"net1","sandbox":"NETNS"}],
                 "ips":[{"address":"192.0.2.10/24","interface":0}]}""", ",\"gateway\":\"192.0.2.1\"");
        Case fromRoutes = new Case("gateway in prevResult's routes", ONE_ADDRESS.subList(0, 1), """
                {"cniVersion":"1.0.0","interfaces":[{"name":"net1","sandbox":"NETNS"}],
                 "ips":[{"address":"192.0.2.10/24","interface":0}],
                 "routes":[{"dst":"0.0.0.0/0","gw":"192.0.2.1"}]}""", "");
        for (Case c : List.of(configured, fromRoutes)) {
            Observed reference = run(Impl.REFERENCE, c);
            Observed ours = run(Impl.IN_PROCESS, c);
            assertThat(reference.routes()).as(c.name() + ": reference").noneMatch(r -> r.startsWith("default"));
            assertThat(ours.routes()).as(c.name() + ": ours").contains("default via 192.0.2.1 dev net1 table 100");
            assertThat(ours.rules()).isEqualTo(reference.rules());
        }
    }

    @Test
    void delAfterTheNamespaceIsGoneSucceedsWithOursOnly() throws Exception {
        Path gone = Path.of("/run/netns/jnltest-gone-" + ProcessHandle.current().pid());
        String config = config(ONE, gone.toString());
        Map<String, String> env = env("DEL", gone.toString());
        Side.Call reference;
        try {
            reference = Side.exec(command(Impl.REFERENCE, env), config.getBytes(StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(gone); // the reference's lock on the path creates it as a plain file
        }
        assertThat(reference.exit()).isNotZero();
        assertThat(reference.json()).containsEntry("code", 999);
        for (Impl impl : List.of(Impl.EXECUTABLE, Impl.DAEMON, Impl.IN_PROCESS)) {
            Side.Call ours = call(impl, env, config);
            assertThat(ours.exit()).as(impl + ": " + ours.stdout()).isZero();
            Files.createFile(gone); // what the reference leaves, or an unmounted bind: a plain file
            try {
                ours = call(impl, env, config);
                assertThat(ours.exit()).as(impl + " with a plain file: " + ours.stdout()).isZero();
            } finally {
                Files.deleteIfExists(gone);
            }
        }
    }

    @Test
    void addWithoutPrevResultIsRefusedAsTheReferenceRefusesIt() {
        String config = "{\"cniVersion\":\"1.0.0\",\"name\":\"sbrnet\",\"type\":\"sbr\"}";
        Map<String, String> env = env("ADD", "/run/netns/jnltest-none");
        assertThat(Side.exec(command(Impl.REFERENCE, env), config.getBytes(StandardCharsets.UTF_8)).exit()).isNotZero();
        for (Impl impl : List.of(Impl.EXECUTABLE, Impl.DAEMON, Impl.IN_PROCESS)) {
            Side.Call ours = call(impl, env, config);
            assertThat(ours.exit()).as(impl.toString()).isEqualTo(1);
            assertThat(ours.json()).containsEntry("code", 7);
            assertThat(String.valueOf(ours.json().get("msg"))).contains("prevResult");
        }
    }

    @Test
    void checkFindsAMissingRuleOrDefaultRouteWhereTheReferenceChecksNothing() {
        for (Impl impl : List.of(Impl.REFERENCE, Impl.EXECUTABLE, Impl.DAEMON, Impl.IN_PROCESS)) {
            try (Sandbox box = Sandbox.create()) {
                String ns = prepare(box, DUAL_STACK);
                String netns = "/run/netns/" + ns;
                String config = config(DUAL_STACK, netns);
                assertThat(call(impl, env("ADD", netns), config).exit()).as(impl + " ADD").isZero();
                assertThat(call(impl, env("CHECK", netns), config).exit()).as(impl + " CHECK").isZero();
                Command.check("ip", "-n", ns, "-6", "rule", "del", "from", "2001:db8::10");
                Command.check("ip", "-n", ns, "route", "del", "default", "table", "100");
                Side.Call check = call(impl, env("CHECK", netns), config);
                if (impl == Impl.REFERENCE) {
                    assertThat(check.exit()).as("the reference's CHECK returns nil").isZero();
                } else {
                    assertThat(check.exit()).as(impl + " CHECK").isEqualTo(1);
                    assertThat(check.json()).containsEntry("code", 103);
                    assertThat(String.valueOf(check.json().get("msg"))).contains("no rule from 2001:db8::10")
                            .contains("table 100 has no default route via 192.0.2.1");
                }
            }
        }
    }

    @Test
    void aMalformedGatewayIsRefusedNamingTheField() {
        for (String gateway : List.of("\"not-an-address\"", "[\"192.0.2.1\",\"192.0.2.2\"]")) {
            String config = "{\"cniVersion\":\"1.0.0\",\"name\":\"sbrnet\",\"type\":\"sbr\",\"gateway\":"
                    + gateway + ",\"prevResult\":" + ONE.prevResult().replace("NETNS", "/run/netns/none") + "}";
            Side.Call ours = call(Impl.IN_PROCESS, env("ADD", "/run/netns/none"), config);
            assertThat(ours.exit()).isEqualTo(1);
            assertThat(ours.json()).containsEntry("code", 7);
            assertThat(String.valueOf(ours.json().get("msg"))).startsWith("config.gateway");
        }
    }

    /** A fresh container namespace of {@code box} where {@code net1} is as case {@code c} sets it up; its name. */
    private static String prepare(Sandbox box, Case c) {
        box.veth(box.namespace("c"), "net1", "net1p");
        String ns = box.name() + "-c";
        Command.check("ip", "-n", ns, "link", "set", "net1", "up");
        Command.check("ip", "-n", ns, "link", "set", "net1p", "up");
        for (String step : c.setup()) {
            List<String> command = new ArrayList<>(List.of("ip", "-n", ns));
            command.addAll(List.of(step.split(" ")));
            Command.check(command.toArray(String[]::new));
        }
        return ns;
    }

    /** Runs case {@code c} with {@code impl} in a fresh sandbox: ADD, observe, DEL, observe. */
    private static Observed run(Impl impl, Case c) {
        try (Sandbox box = Sandbox.create()) {
            String ns = prepare(box, c);
            String netns = "/run/netns/" + ns;
            String config = config(c, netns);
            Side.Call add = call(impl, env("ADD", netns), config);
            List<String> rules = rules(ns);
            List<String> routes = routes(ns);
            Side.Call del = call(impl, env("DEL", netns), config);
            return new Observed(add.exit(), normalized(add.json(), netns), rules, routes, del.exit(), rules(ns),
                    routes(ns));
        }
    }

    private static String config(Case c, String netns) {
        return "{\"cniVersion\":\"1.0.0\",\"name\":\"sbrnet\",\"type\":\"sbr\"" + c.extraConfig()
                + ",\"prevResult\":" + c.prevResult().replace("NETNS", netns) + "}";
    }

    private static Map<String, String> env(String command, String netns) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CNI_COMMAND", command);
        env.put("CNI_CONTAINERID", "sbr1");
        env.put("CNI_NETNS", netns);
        env.put("CNI_IFNAME", "net1");
        env.put("CNI_PATH", "/usr/lib/cni");
        return env;
    }

    private static Side.Call call(Impl impl, Map<String, String> env, String config) {
        byte[] stdin = config.getBytes(StandardCharsets.UTF_8);
        if (impl != Impl.IN_PROCESS) {
            return Side.exec(command(impl, env), stdin);
        }
        CniCommand command = CniArgs.command(env);
        try (SbrPlugin plugin = new SbrPlugin()) {
            return new Side.Call(0, new String(plugin.run(command, CniArgs.fromEnvironment(env), stdin),
                    StandardCharsets.UTF_8));
        } catch (CniException e) {
            return new Side.Call(1, Json.write(e.toJson("1.0.0")));
        }
    }

    private static List<String> command(Impl impl, Map<String, String> env) {
        List<String> command = new ArrayList<>(List.of("env", "-i"));
        env.forEach((k, v) -> command.add(k + "=" + v));
        if (impl != Impl.REFERENCE) {
            command.add("JNETLINK_CNI_SOCKET=" + (impl == Impl.DAEMON ? DaemonProcess.shared().socket()
                    : DaemonProcess.absentSocket()));
        }
        command.add((impl == Impl.REFERENCE ? REFERENCE : EXECUTABLE).toString());
        return command;
    }

    /** The result with the sandbox's namespace path as {@code NETNS}, so that runs compare. */
    private static Map<String, Object> normalized(Map<String, Object> result, String netns) {
        return Json.object(Json.write(result).replace(netns, "NETNS").getBytes(StandardCharsets.UTF_8), "result");
    }

    /** {@code ip rule} of both families, one line each, as printed. */
    private static List<String> rules(String ns) {
        List<String> rules = new ArrayList<>();
        for (String family : List.of("-4", "-6")) {
            Command.check("ip", "-n", ns, family, "rule").lines().map(l -> l.replace(":\t", ": ").strip())
                    .forEach(rules::add);
        }
        return rules;
    }

    /** net1's routes of every table but the local one, both families, as {@code ip route} prints them. */
    private static List<String> routes(String ns) {
        List<String> routes = new ArrayList<>();
        for (String family : List.of("-4", "-6")) {
            Command.check("ip", "-n", ns, family, "route", "show", "table", "all").lines().map(String::strip)
                    .filter(l -> l.matches(".*dev net1( .*)?") && !l.contains("table local"))
                    .forEach(routes::add);
        }
        return routes;
    }
}
