package io.jnetlink.cni;

import io.jnetlink.cni.types.CniException;
import io.jnetlink.cni.libcni.CniRuntime;
import io.jnetlink.cni.plugins.macvlan.MacvlanPlugin;
import io.jnetlink.cni.libcni.NetworkConfigList;
import io.jnetlink.cni.libcni.RuntimeConf;
import io.jnetlink.macvlan.Macvlan;
import io.jnetlink.macvlan.RtNetlink;
import io.jnetlink.testkit.RequiresNetAdmin;
import io.jnetlink.testkit.Sandbox;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A failing attach, seen the way the README tells users to look: a JFR recording holds the netlink
 * exchanges (the refused one with its errno and extended-ACK text, in the container's namespace),
 * the IPAM allocation and its release by the rollback, and the CNI command on both sides; the
 * {@link System.Logger}s say the same at DEBUG/TRACE, and nothing at the default level. A batch
 * with a refused message and a dump are events too.
 */
@RequiresNetAdmin
class ObservabilityTest {

    private static final String EVENTS = "io.jnetlink.";

    /** Collects what reaches the JUL loggers under {@code io.jnetlink} (the default System.Logger backend). */
    static final class Captured extends Handler implements AutoCloseable {
        final List<LogRecord> records = new CopyOnWriteArrayList<>();
        private final Logger root = Logger.getLogger("io.jnetlink");

        Captured(Level level) {
            setLevel(Level.ALL);
            root.setLevel(level);
            root.addHandler(this);
        }

        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            root.removeHandler(this);
            root.setLevel(null);
        }

        List<String> messages(Level level) {
            return records.stream().filter(r -> r.getLevel() == level).map(LogRecord::getMessage).toList();
        }
    }

    @Test
    void aFailingAttachIsVisibleInJfrAndInTheLogs() throws Exception {
        try (Sandbox box = Sandbox.create(); MacvlanPlugin macvlan = new MacvlanPlugin(box.ns())) {
            box.veth("eth0", "eth0p");
            box.namespace("ctr");
            String netns = "/run/netns/" + box.name() + "-ctr";
            Path data = box.directory("data");
            // the route's gateway is outside the interface's subnet: the kernel refuses it, the ADD rolls back
            NetworkConfigList network = NetworkConfigList.parse("""
                    {"cniVersion":"1.1.0","name":"observed","plugins":[{"type":"macvlan","master":"eth0",
                     "ipam":{"type":"host-local","subnet":"198.51.100.0/24","dataDir":"%s",
                             "routes":[{"dst":"203.0.113.0/24","gw":"192.0.2.77"}]}}]}""".formatted(data)
                    .getBytes(StandardCharsets.UTF_8), "inline");
            CniRuntime runtime = CniRuntime.builder().pluginPath(List.of(box.directory("plugins")))
                    .cacheDir(box.directory("cache")).timeout(Duration.ofSeconds(30)).plugin("macvlan", macvlan).build();
            Path jfr = box.directory("jfr").resolve("attach.jfr");

            try (Captured logs = new Captured(Level.ALL); Recording recording = new Recording()) {
                recording.enable(EVENTS + "NetlinkExchange");
                recording.enable(EVENTS + "IpamOperation");
                recording.enable(EVENTS + "CniOperation");
                recording.start();
                assertThatThrownBy(() -> runtime.add(network, RuntimeConf.of("c1", netns, "net1")))
                        .isInstanceOf(CniException.class).hasMessageContaining("Nexthop has invalid gateway");
                recording.stop();
                recording.dump(jfr);

                List<RecordedEvent> events = RecordingFile.readAllEvents(jfr);
                RecordedEvent refused = only(events, "NetlinkExchange", "operation", "RTM_NEWROUTE");
                assertThat(refused.getString("outcome")).isEqualTo("error");
                assertThat(refused.getString("errno")).isEqualTo("ENETUNREACH");
                assertThat(refused.getString("extendedAck")).isEqualTo("Nexthop has invalid gateway");
                assertThat(refused.getString("namespace")).contains(box.name() + "-ctr");
                assertThat(refused.getInt("sequence")).isNotZero();
                assertThat(refused.getDuration()).isPositive();
                // arp_notify, the address, up and the route went in one batch, named by the refused route
                assertThat(refused.getInt("messages")).isEqualTo(4);
                assertThat(refused.getInt("failures")).isEqualTo(1);
                assertThat(events).filteredOn(e -> name(e).equals("NetlinkExchange"))
                        .extracting(e -> e.getString("operation") + " " + e.getString("outcome"))
                        .contains("RTM_NEWLINK ok", "RTM_DELLINK ok");

                RecordedEvent allocated = only(events, "IpamOperation", "operation", "allocate");
                assertThat(allocated.getString("plugin")).isEqualTo("host-local");
                assertThat(allocated.getString("network")).isEqualTo("observed");
                assertThat(allocated.getString("containerId")).isEqualTo("c1");
                assertThat(allocated.getString("addresses")).isEqualTo("198.51.100.2/24");
                assertThat(only(events, "IpamOperation", "operation", "release").getString("outcome")).isEqualTo("ok");

                RecordedEvent cni = only(events, "CniOperation", "side", "runtime");
                assertThat(cni.getString("command")).isEqualTo("ADD");
                assertThat(cni.getString("network")).isEqualTo("observed");
                assertThat(cni.getString("outcome")).startsWith("code 100: ").contains("Nexthop has invalid gateway");
                RecordedEvent plugin = only(events, "CniOperation", "side", "plugin");
                assertThat(plugin.getString("network")).isEqualTo("observed");
                assertThat(plugin.getString("outcome")).startsWith("code 100: ");

                assertThat(logs.messages(Level.FINE)).as("DEBUG")
                        .anyMatch(m -> m.startsWith("RTM_NEWROUTE in ") && m.contains("ENETUNREACH")
                                && m.contains("Nexthop has invalid gateway"))
                        .anyMatch(m -> m.startsWith("runtime macvlan network observed: ADD container c1 net1"))
                        .anyMatch(m -> m.startsWith("plugin macvlan network observed: ADD container c1 net1"));
                assertThat(logs.messages(Level.FINER)).as("TRACE")
                        .anyMatch(m -> m.startsWith("RTM_NEWLINK in ") && m.endsWith(": ok"))
                        .anyMatch(m -> m.startsWith("host-local network observed: allocate for ")
                                && m.endsWith("ok 198.51.100.2/24"));
            }

            try (Captured silent = new Captured(null)) { // the default: INFO inherited from the root logger
                assertThatThrownBy(() -> runtime.add(network, RuntimeConf.of("c2", netns, "net2")))
                        .isInstanceOf(CniException.class);
                assertThat(silent.records).as("logged at the default level").isEmpty();
            }
        }
    }

    @Test
    void aBatchWithRefusedMessagesAndADumpAreEventsToo() throws Exception {
        try (Sandbox box = Sandbox.create(); RtNetlink rt = RtNetlink.open(box.ns())) {
            box.veth("eth0", "eth0p");
            Path jfr = box.directory("jfr").resolve("batch.jfr");
            try (Recording recording = new Recording()) {
                recording.enable(EVENTS + "NetlinkExchange");
                recording.start();
                List<Macvlan> specs = List.of(Macvlan.of("mv0", "eth0"), Macvlan.of("eth0p", "eth0"),
                        Macvlan.of("mv1", "eth0"));
                assertThat(rt.bulk().createAll(specs).allSucceeded()).isFalse();
                assertThat(rt.links().list()).hasSizeGreaterThan(4);
                recording.stop();
                recording.dump(jfr);
            }
            List<RecordedEvent> events = RecordingFile.readAllEvents(jfr);
            RecordedEvent batch = events.stream().filter(e -> e.getInt("messages") == 3).findFirst().orElseThrow();
            assertThat(batch.getString("operation")).isEqualTo("RTM_NEWLINK");
            assertThat(batch.getString("outcome")).isEqualTo("error");
            assertThat(batch.getInt("failures")).isEqualTo(1);
            assertThat(batch.getString("errno")).isEqualTo("EEXIST");
            assertThat(batch.getString("namespace")).isEqualTo(box.name());
            assertThat(events).anyMatch(e -> e.getString("operation").equals("RTM_GETLINK")
                    && e.getString("outcome").equals("ok") && e.getInt("messages") == 1);
        }
    }

    private static String name(RecordedEvent e) {
        return e.getEventType().getName().substring(EVENTS.length());
    }

    private static RecordedEvent only(List<RecordedEvent> events, String type, String field, String value) {
        List<RecordedEvent> matching = events.stream()
                .filter(e -> name(e).equals(type) && value.equals(e.getString(field))).toList();
        assertThat(matching).as(type + " with " + field + " " + value + " in " + events).hasSize(1);
        return matching.getFirst();
    }
}
