package io.jnetlink.cni;

import io.jnetlink.cni.types.CniException;
import io.jnetlink.cni.types.Json;
import io.jnetlink.cni.Side.Call;
import io.jnetlink.cni.Side.Impl;
import io.jnetlink.testkit.Command;
import io.jnetlink.testkit.RequiresNetAdmin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our macvlan plugin side by side with the reference ({@code /usr/lib/cni/macvlan}, Debian's
 * containernetworking-plugins): each case runs in three fresh, identical sandboxes — the reference,
 * our executable (under the reference's calling convention: environment, stdin, {@code ip netns
 * exec} into the host namespace) and our in-process API — and compares exit code, error code,
 * result JSON, the container's interface (as {@link IpShown} shows it: kind, mode, flags,
 * {@code bcqueuelen}, MTU, MAC, addresses, every route as {@code ip -d route} prints it), the
 * host-local files, and the host namespace the calls leave behind.
 */
@RequiresNetAdmin
class MacvlanPluginIT {

    private static final String NET = "macvlan-demo";

    /** The notes' config, with documentation addresses. */
    private static String notesConfig(String version, String extra) {
        return """
                {"cniVersion":"%s","name":"%s","type":"macvlan","master":"eth0","mode":"bridge"%s,
                 "ipam":{"type":"host-local","subnet":"198.51.100.0/24","rangeStart":"198.51.100.101",
                         "rangeEnd":"198.51.100.200","routes":[{"dst":"0.0.0.0/0"}],"gateway":"198.51.100.254",
                         "dataDir":"DATADIR"}}""".formatted(version, NET, extra);
    }

    /**
     * Runs {@code steps} in one fresh side per implementation; returns what each side's steps
     * returned, once the host namespaces they left behind are shown to be equal (links, addresses,
     * routes: no temporary link left over, the master as the reference leaves it).
     */
    private static <T> Map<Impl, T> sideBySide(Function<Side, T> steps) {
        Map<Impl, T> outcome = new EnumMap<>(Impl.class);
        Map<Impl, Map<String, Object>> hosts = new EnumMap<>(Impl.class);
        for (Impl impl : Impl.values()) {
            try (Side side = new Side(impl)) {
                outcome.put(impl, steps.apply(side));
                hosts.put(impl, side.host());
            }
        }
        for (Impl ours : Impl.OURS) {
            assertThat(hosts.get(ours)).as(ours + ": the host namespace afterwards")
                    .isEqualTo(hosts.get(Impl.REFERENCE));
        }
        return outcome;
    }

    private static String conf(Side side, String config) {
        return config.replace("DATADIR", side.dataDir.toString());
    }

    /** What an ADD leaves: exit, normalized result, interface and files. */
    private record Added(int exit, Map<String, Object> result, Map<String, Object> iface, Map<String, String> files) {
    }

    private static Added add(Side side, String config, String cniArgs, boolean macGiven) {
        Call call = side.call("ADD", "ctr1", "eth0", cniArgs, conf(side, config));
        Map<String, Object> result = normalize(call.json(), side, macGiven);
        Map<String, Object> iface = new LinkedHashMap<>(side.iface("eth0"));
        if (!macGiven) {
            iface.remove("mac");
        }
        return new Added(call.exit(), result, iface, side.leases(NET));
    }

    /** The result with this side's namespace path and, unless configured, the random MAC replaced. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> normalize(Map<String, Object> json, Side side, boolean macGiven) {
        String text = Json.write(json).replace(side.netnsPath(), "<netns>");
        Map<String, Object> copy = Json.object(text.getBytes(), "result");
        for (Object i : (List<Object>) copy.getOrDefault("interfaces", List.of())) {
            Map<String, Object> intf = (Map<String, Object>) i;
            if (!macGiven && intf.containsKey("mac")) {
                intf.put("mac", "<mac>");
            }
        }
        return copy;
    }

    private static void assertSameAdd(Map<Impl, Added> added) {
        Added reference = added.get(Impl.REFERENCE);
        assertThat(reference.exit()).as("reference exit").isZero();
        for (Impl ours : Impl.OURS) {
            Added mine = added.get(ours);
            assertThat(mine.exit()).as(ours + " exit").isZero();
            assertThat(mine.result()).as(ours + " result").isEqualTo(reference.result());
            assertThat(mine.iface()).as(ours + " interface").isEqualTo(reference.iface());
            assertThat(mine.files()).as(ours + " host-local files").isEqualTo(reference.files());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.3.0", "0.4.0", "1.0.0"})
    void theNotesConfigGivesTheSameResultInterfaceAndLeases(String version) {
        Map<Impl, Added> added = sideBySide(side -> add(side, notesConfig(version, ""), "", false));
        assertSameAdd(added);
        assertThat(added.get(Impl.EXECUTABLE).iface()).containsEntry("kind", "macvlan").containsEntry("mode", "bridge")
                .containsEntry("up", true).containsEntry("addresses", List.of("198.51.100.101/24"))
                .containsEntry("routes", List.of("unicast default via 198.51.100.254 dev eth0 proto boot scope global",
                        "unicast 198.51.100.0/24 dev eth0 proto kernel scope link src 198.51.100.101",
                        "unicast fe80::/64 dev eth0 proto kernel scope global metric 256 pref medium"));
        assertThat(added.get(Impl.EXECUTABLE).files()).containsEntry("198.51.100.101", "ctr1\r\neth0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bridge", "private", "vepa", "passthru"})
    void everyModeMatches(String mode) {
        String config = notesConfig("1.0.0", "").replace("\"mode\":\"bridge\"", "\"mode\":\"" + mode + "\"");
        Map<Impl, Added> added = sideBySide(side -> {
            Added a = add(side, config, "", false);
            if (mode.equals("passthru")) { // the child takes its master's MAC
                assertThat(side.iface("eth0").get("mac")).as(side.impl + " passthru MAC")
                        .isEqualTo(masterMac(side));
            }
            return a;
        });
        assertSameAdd(added);
        assertThat(added.get(Impl.IN_PROCESS).iface()).containsEntry("mode", mode);
    }

    private static String masterMac(Side side) {
        String shown = Command.check("ip", "-n", side.box.name(), "-o", "link", "show", "eth0");
        return shown.replaceAll("(?s).*link/ether (\\S+).*", "$1").strip();
    }

    @Test
    void layer2OnlyWithAnMtu() {
        String config = """
                {"cniVersion":"1.0.0","name":"l2","type":"macvlan","master":"eth0","mtu":1400}""";
        Map<Impl, Added> added = sideBySide(side -> add(side, config, "", false));
        assertSameAdd(added);
        assertThat(added.get(Impl.EXECUTABLE).iface()).containsEntry("mtu", 1400).containsEntry("up", true)
                .containsEntry("addresses", List.of());
    }

    @Test
    void theMacFromEachSourceInTheReferencesPrecedence() {
        String inConfig = notesConfig("1.0.0", ",\"mac\":\"02:00:5e:00:53:01\"");
        String inRuntime = notesConfig("1.0.0", ",\"mac\":\"02:00:5e:00:53:01\",\"runtimeConfig\":{\"mac\":\"02:00:5e:00:53:03\"}");
        Map<Impl, Added> config = sideBySide(side -> add(side, inConfig, "", true));
        Map<Impl, Added> args = sideBySide(side -> add(side, inConfig, "IgnoreUnknown=1;MAC=02:00:5e:00:53:02", true));
        Map<Impl, Added> runtime = sideBySide(side -> add(side, inRuntime, "IgnoreUnknown=1;MAC=02:00:5e:00:53:02", true));
        assertSameAdd(config);
        assertSameAdd(args);
        assertSameAdd(runtime);
        assertThat(config.get(Impl.IN_PROCESS).iface()).containsEntry("mac", "02:00:5e:00:53:01");
        assertThat(args.get(Impl.IN_PROCESS).iface()).containsEntry("mac", "02:00:5e:00:53:02");
        assertThat(runtime.get(Impl.IN_PROCESS).iface()).containsEntry("mac", "02:00:5e:00:53:03");
    }

    @Test
    void staticIpam() {
        String config = """
                {"cniVersion":"1.0.0","name":"st","type":"macvlan","master":"eth0",
                 "ipam":{"type":"static","addresses":[{"address":"203.0.113.7/24","gateway":"203.0.113.1"}],
                         "routes":[{"dst":"0.0.0.0/0"}]}}""";
        Map<Impl, Added> added = sideBySide(side -> add(side, config, "", false));
        assertSameAdd(added);
        assertThat(added.get(Impl.EXECUTABLE).iface()).containsEntry("addresses", List.of("203.0.113.7/24"));
    }

    @Test
    void staticIpamTakesRequestedAddressesInTheReferencesPrecedence() {
        String config = """
                {"cniVersion":"1.0.0","name":"st","type":"macvlan","master":"eth0",
                 "ipam":{"type":"static","addresses":[{"address":"203.0.113.7/24"}]}%s}""";
        Map<Impl, Added> fromArgs = sideBySide(side -> add(side, config.formatted(""),
                "IgnoreUnknown=1;IP=198.51.100.9/24,2001:db8::9/64;GATEWAY=198.51.100.1", false));
        Map<Impl, Added> fromRuntime = sideBySide(side -> add(side, config.formatted(
                ",\"args\":{\"cni\":{\"ips\":[\"192.0.2.5/24\"]}},\"runtimeConfig\":{\"ips\":[\"192.0.2.6/25\"]}"),
                "", false));
        assertSameAdd(fromArgs);
        assertSameAdd(fromRuntime);
        assertThat(fromArgs.get(Impl.IN_PROCESS).iface().get("addresses").toString())
                .contains("203.0.113.7/24", "198.51.100.9/24", "2001:db8::9/64");
        assertThat(fromRuntime.get(Impl.IN_PROCESS).iface()).containsEntry("addresses", List.of("192.0.2.6/25"));
    }

    /** Failures: same exit code; the spec's codes equal, the reference's 999 ours a specific code. */
    private static void assertSameFailure(Map<Impl, Call> calls, int ourCode) {
        Call reference = calls.get(Impl.REFERENCE);
        assertThat(reference.exit()).as("reference exit").isEqualTo(1);
        int referenceCode = ((Number) reference.json().get("code")).intValue();
        for (Impl ours : Impl.OURS) {
            Call mine = calls.get(ours);
            assertThat(mine.exit()).as(ours + " exit").isEqualTo(1);
            int code = ((Number) mine.json().get("code")).intValue();
            assertThat(code).as(ours + " code (reference: %d %s)", referenceCode, reference.json().get("msg"))
                    .isEqualTo(referenceCode == 999 ? ourCode : referenceCode);
            assertThat((String) mine.json().get("msg")).isNotBlank();
        }
    }

    private static Map<Impl, Call> failing(String config, BiFunction<Side, String, Call> call) {
        return sideBySide(side -> {
            Call c = call.apply(side, conf(side, config));
            assertThat(side.iface("eth0")).as(side.impl + ": no interface left").isEmpty();
            if (side.impl != Impl.REFERENCE) {
                assertThat(side.leases(NET)).as(side.impl + ": no lease left").doesNotContainKey("198.51.100.101");
            }
            return c;
        });
    }

    @Test
    void aMissingMaster() {
        String config = notesConfig("1.0.0", "").replace("\"master\":\"eth0\"", "\"master\":\"eth9\"");
        Map<Impl, Call> calls = sideBySide(side -> {
            Call c = side.call("ADD", "ctr1", "eth0", "", conf(side, config));
            if (side.impl != Impl.REFERENCE) { // ours name the field and the namespace, by its ip netns name
                assertThat(c.json()).as(side.impl.toString()).containsEntry("msg",
                        "master: no link named \"eth9\" in network namespace " + side.box.name());
            }
            return c;
        });
        assertSameFailure(calls, CniException.MASTER_NOT_FOUND);
    }

    @Test
    void aBadModeAndAnMtuAboveTheMasters() {
        String badMode = notesConfig("1.0.0", "").replace("\"mode\":\"bridge\"", "\"mode\":\"tunnel\"");
        String bigMtu = notesConfig("1.0.0", ",\"mtu\":9000");
        assertSameFailure(failing(badMode, (s, c) -> s.call("ADD", "ctr1", "eth0", "", c)), CniException.INVALID_CONFIG);
        assertSameFailure(failing(bigMtu, (s, c) -> s.call("ADD", "ctr1", "eth0", "", c)), CniException.INVALID_CONFIG);
    }

    @Test
    void aBadContainerIdIsRefusedWithCode4() {
        Map<Impl, Call> calls = failing(notesConfig("1.0.0", ""), (s, c) -> s.call("ADD", "bad id!", "eth0", "", c));
        assertSameFailure(calls, -1);
        assertThat(((Number) calls.get(Impl.EXECUTABLE).json().get("code")).intValue()).isEqualTo(4);
    }

    @Test
    void anExhaustedRangeLeavesNoInterfaceBehindUnlikeTheReference() {
        String config = notesConfig("1.0.0", "").replace("\"rangeEnd\":\"198.51.100.200\"",
                "\"rangeEnd\":\"198.51.100.101\"");
        Map<Impl, Call> calls = sideBySide(side -> {
            try {
                Files.createDirectories(side.dataDir.resolve(NET));
                Files.writeString(side.dataDir.resolve(NET).resolve("198.51.100.101"), "other\r\neth0");
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
            Call c = side.call("ADD", "ctr1", "eth0", "", conf(side, config));
            if (side.impl == Impl.REFERENCE) {
                assertThat(side.iface("eth0")).as("the reference leaves the interface behind").isNotEmpty();
            } else {
                assertThat(side.iface("eth0")).as(side.impl + " leaves nothing").isEmpty();
            }
            assertThat(side.leases(NET)).containsOnlyKeys("198.51.100.101");
            return c;
        });
        assertSameFailure(calls, CniException.IPAM_FAILED);
        assertThat((String) calls.get(Impl.EXECUTABLE).json().get("msg")).contains("no IP addresses available");
    }

    @Test
    void delTwiceAndDelWithTheNamespaceGoneSucceed() {
        String config = notesConfig("1.0.0", "");
        Map<Impl, List<Integer>> exits = sideBySide(side -> {
            String c = conf(side, config);
            int add = side.call("ADD", "ctr1", "eth0", "", c).exit();
            int del1 = side.call("DEL", "ctr1", "eth0", "", c).exit();
            int del2 = side.call("DEL", "ctr1", "eth0", "", c).exit();
            assertThat(side.iface("eth0")).isEmpty();
            assertThat(side.leases(NET)).doesNotContainKey("198.51.100.101");
            int add2 = side.call("ADD", "ctr2", "eth0", "", c).exit();
            Command.check("ip", "netns", "del", side.container);
            int delGone = side.call("DEL", "ctr2", "eth0", "", c).exit();
            assertThat(side.leases(NET)).doesNotContainKey("198.51.100.102");
            return List.of(add, del1, del2, add2, delGone);
        });
        assertThat(exits.get(Impl.REFERENCE)).containsExactly(0, 0, 0, 0, 0);
        for (Impl ours : Impl.OURS) {
            assertThat(exits.get(ours)).as(ours.toString()).isEqualTo(exits.get(Impl.REFERENCE));
        }
    }

    @Test
    void checkPassesAfterAddAndFailsOnceTheAddressIsGone() {
        String config = notesConfig("1.0.0", "");
        Map<Impl, List<Call>> checks = sideBySide(side -> {
            String c = conf(side, config);
            Call add = side.call("ADD", "ctr1", "eth0", "", c);
            String withPrev = c.substring(0, c.lastIndexOf('}')) + ",\"prevResult\":" + add.stdout() + "}";
            Call ok = side.call("CHECK", "ctr1", "eth0", "", withPrev);
            Command.check("ip", "-n", side.container, "addr", "del", "198.51.100.101/24", "dev", "eth0");
            Call broken = side.call("CHECK", "ctr1", "eth0", "", withPrev);
            return List.of(ok, broken);
        });
        for (Impl impl : Impl.values()) {
            assertThat(checks.get(impl).get(0).exit()).as(impl + " CHECK after ADD: " + checks.get(impl).get(0).stdout())
                    .isZero();
        }
        Map<Impl, Call> broken = new EnumMap<>(Impl.class);
        checks.forEach((impl, calls) -> broken.put(impl, calls.get(1)));
        assertSameFailure(broken, CniException.CHECK_FAILED);
        assertThat((String) checks.get(Impl.EXECUTABLE).get(1).json().get("msg")).contains("198.51.100.101/24");
    }

    @Test
    void versionListsEverythingTheReferenceSpeaksAndSpec110() {
        Map<Impl, Call> calls = sideBySide(side -> side.call(Map.of("CNI_COMMAND", "VERSION"), ""));
        @SuppressWarnings("unchecked")
        List<String> reference = (List<String>) calls.get(Impl.REFERENCE).json().get("supportedVersions");
        for (Impl ours : Impl.OURS) {
            assertThat(calls.get(ours).exit()).isZero();
            assertThat(calls.get(ours).json()).containsEntry("cniVersion", "1.1.0");
            @SuppressWarnings("unchecked")
            List<String> mine = (List<String>) calls.get(ours).json().get("supportedVersions");
            assertThat(mine).containsAll(reference).contains("1.1.0");
        }
    }
}
