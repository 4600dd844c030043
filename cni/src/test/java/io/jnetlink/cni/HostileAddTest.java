package io.jnetlink.cni;

import io.jnetlink.cni.types.CniArgs;
import io.jnetlink.cni.types.CniException;
import io.jnetlink.cni.types.Json;
import io.jnetlink.cni.plugins.macvlan.MacvlanPlugin;
import io.jnetlink.core.NetNs;
import io.jnetlink.macvlan.Link;
import io.jnetlink.macvlan.RtNetlink;
import io.jnetlink.testkit.Command;
import io.jnetlink.testkit.RequiresNetAdmin;
import io.jnetlink.testkit.Sandbox;
import io.jnetlink.testkit.Stress;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

/**
 * CNI ADD, in process, in a sandbox, with hostile configs (a valid one mutated, as
 * {@link HostileInputTest} does) and hostile runtime arguments ({@code CNI_NETNS} that is not a
 * network namespace, ids and interface names outside the spec's sets): every refusal is a
 * {@link CniException} and leaves nothing behind, no link in the host or container namespace and
 * no lease on disk; every ADD that succeeds is undone by DEL.
 */
@RequiresNetAdmin
class HostileAddTest {

    private static final int EXAMPLES = 3_000 * Stress.scale();
    private static final Pattern LEASE = Pattern.compile("[0-9a-f.:]+");
    private static final String CONFIG = """
            {"cniVersion":"1.0.0","name":"hostile","type":"macvlan","master":"eth0","mode":"bridge","mtu":1400,
             "mac":"02:00:5e:00:53:01","ipam":{"type":"host-local","subnet":"198.51.100.0/24",
             "rangeStart":"198.51.100.101","rangeEnd":"198.51.100.200","routes":[{"dst":"0.0.0.0/0"}],
             "gateway":"198.51.100.254"}}""";

    @Test
    void refusedAddsLeaveNothingAndAcceptedOnesAreUndone() throws IOException {
        try (Sandbox box = Sandbox.create(); MacvlanPlugin plugin = new MacvlanPlugin(box.ns());
             RtNetlink host = RtNetlink.open(box.ns())) {
            box.veth("eth0", "eth0p");
            NetNs ctr = box.namespace("ctr");
            String netns = "/run/netns/" + box.name() + "-ctr";
            Path data = box.directory("data");
            Path cniPath = box.directory("cni-path");
            List<String> hostLinks = names(host);
            long rootLinks = rootLinks();
            AtomicInteger refused = new AtomicInteger();
            AtomicInteger added = new AtomicInteger();

            qt().withExamples(EXAMPLES).withShrinkCycles(0).forAll(HostileInputTest.hostile(CONFIG)).checkAssert(text -> {
                byte[] config = confined(text, data);
                CniArgs args = new CniArgs("c1", netns, "net1", "", cniPath.toString());
                boolean accepted;
                try {
                    plugin.add(args, config);
                    accepted = true;
                } catch (CniException e) {
                    accepted = false;
                    refused.incrementAndGet();
                    assertThat(e.getMessage()).isNotBlank();
                }
                if (accepted) {
                    added.incrementAndGet();
                    plugin.del(args, config); // what ADD made, DEL removes: its failure fails the test, not a refusal
                }
                assertNothingLeft(host, ctr, hostLinks, data);
            });
            assertThat(refused.get()).as("refused").isPositive();
            assertThat(added.get()).as("accepted").isPositive();

            String path = cniPath.toString();
            String valid = new String(confined(CONFIG, data), StandardCharsets.UTF_8);
            for (CniArgs args : List.of(
                    new CniArgs("c1", "/etc/hostname", "net1", "", path),
                    new CniArgs("c1", "/proc/self/ns/mnt", "net1", "", path),
                    new CniArgs("c1", "/run/netns/" + box.name() + "-missing", "net1", "", path),
                    new CniArgs("c1", data.toString(), "net1", "", path),
                    new CniArgs("c1/../x", netns, "net1", "", path),
                    new CniArgs("c1", netns, "../net1", "", path),
                    new CniArgs("c1", netns, "a/b", "", path),
                    new CniArgs("c1", netns, "sixteen-chars-xx", "", path))) {
                assertThat(addRefused(plugin, args, valid)).as(args.toString()).startsWith("4 CNI_");
                assertNothingLeft(host, ctr, hostLinks, data);
            }
            // every entry point validates, not only ADD: the ids and names no store or cache may see
            for (CniArgs args : List.of(new CniArgs("c1/../x", netns, "net1", "", path),
                    new CniArgs("c1", netns, "../net1", "", path), new CniArgs("c1", netns, "sixteen-chars-xx", "", path))) {
                byte[] config = valid.getBytes(StandardCharsets.UTF_8);
                for (Runnable call : List.<Runnable>of(() -> plugin.del(args, config), () -> plugin.check(args, config))) {
                    assertThatThrownBy(call::run).as(args.toString()).isInstanceOfSatisfying(CniException.class,
                            e -> assertThat(e.code()).isEqualTo(CniException.INVALID_ENVIRONMENT));
                }
            }
            for (String name : List.of("..", "a/b", "../../etc", "x\u0000y")) {
                String config = valid.replace("\"hostile\"", "\"" + name.replace("\u0000", "\\u0000") + "\"");
                assertThat(addRefused(plugin, new CniArgs("c1", netns, "net1", "", path), config))
                        .as(name).startsWith("7 name: ");
                assertNothingLeft(host, ctr, hostLinks, data);
            }
            assertThat(rootLinks()).as("links of the root namespace (read only)").isEqualTo(rootLinks);
        }
    }

    /** The config with its IPAM data directory pinned inside the sandbox, if it parses at all. */
    private static byte[] confined(String text, Path data) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Map<String, Object> config;
        try {
            config = Json.object(bytes, "config");
        } catch (CniException notJson) {
            return bytes;
        }
        if (config.get("ipam") instanceof Map<?, ?> ipam) {
            @SuppressWarnings("unchecked")
            Map<String, Object> typed = (Map<String, Object>) ipam;
            typed.put("dataDir", data.toString());
            typed.remove("resolvConf");
        }
        return Json.bytes(config);
    }

    private static String addRefused(MacvlanPlugin plugin, CniArgs args, String config) {
        try {
            plugin.add(args, config.getBytes(StandardCharsets.UTF_8));
        } catch (CniException e) {
            return e.code() + " " + e.getMessage();
        }
        throw new AssertionError("ADD was accepted: " + args);
    }

    private static void assertNothingLeft(RtNetlink host, NetNs ctr, List<String> hostLinks, Path data) {
        assertThat(names(host)).as("host namespace links").isEqualTo(hostLinks);
        try (RtNetlink inside = RtNetlink.open(ctr)) {
            assertThat(names(inside)).as("container namespace links").containsExactly("lo");
        }
        try (Stream<Path> files = Files.walk(data)) {
            assertThat(files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()))
                    .as("lease files").noneMatch(f -> LEASE.matcher(f).matches());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> names(RtNetlink rt) {
        return rt.links().list().stream().map(Link::name).sorted().toList();
    }

    private static long rootLinks() {
        return Command.check("ip", "-o", "link", "show").lines().count();
    }
}
