package io.jnetlink.samples;

import io.jnetlink.core.NetNs;
import io.jnetlink.macvlan.Address;
import io.jnetlink.macvlan.Link;
import io.jnetlink.macvlan.Macvlan;
import io.jnetlink.macvlan.RtNetlink;
import io.jnetlink.macvlan.Veth;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Runs the scenarios of the seed notes in fresh sandbox namespaces, with real packets, and
 * prints one row per scenario: what the notes say, what was observed, PASS or FAIL. Exits 1 if
 * any row fails. Needs root.
 */
public final class Demo {

    private record Row(String scenario, String claim, String observed, boolean pass) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> namespaces = new ArrayList<>();

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        if (!"root".equals(System.getProperty("user.name"))) {
            System.out.println("demo: needs root (it creates network namespaces and links); run it as root");
            System.exit(2);
        }
        Demo demo = new Demo();
        try {
            demo.bridgeModeAndHostIsolation();
            demo.bootTimeEnsure();
        } finally {
            demo.cleanUp();
        }
        System.exit(demo.print() ? 0 : 1);
    }

    /** Scenarios 1 and 2: bridge-mode children reach each other; the parent's host cannot reach them. */
    private void bridgeModeAndHostIsolation() throws Exception {
        NetNs host = sandbox("host");
        NetNs c1 = sandbox("c1");
        NetNs c2 = sandbox("c2");
        try (RtNetlink rt = RtNetlink.open(host)) {
            rt.links().create(Veth.of("eth0", "wire0"));
            rt.links().setUp("eth0");
            rt.links().setUp("wire0");
            rt.addresses().add("eth0", Address.parse("192.0.2.1/24"));
            child(rt, c1, "192.0.2.11/24");
            child(rt, c2, "192.0.2.12/24");

            boolean c1ToC2 = ping(c1, "192.0.2.12");
            rows.add(new Row("1 bridge mode", "children of one parent reach each other",
                    "c1 -> c2 ping " + (c1ToC2 ? "answered" : "lost"), c1ToC2));
            boolean hostToChild = ping(host, "192.0.2.11");
            boolean childToHost = ping(c1, "192.0.2.1");
            rows.add(new Row("2 host isolation", "the parent's address cannot reach its children, nor back",
                    "host -> c1 " + (hostToChild ? "answered" : "lost") + ", c1 -> host "
                            + (childToHost ? "answered" : "lost"), !hostToChild && !childToHost));
        }
    }

    /** Scenario 9: the notes' boot script, as an idempotent ensure run twice. */
    private void bootTimeEnsure() {
        NetNs host = sandbox("boot");
        try (RtNetlink rt = RtNetlink.open(host)) {
            rt.links().create(Veth.of("eth0", "wire0"));
            Macvlan spec = Macvlan.of("macvlan1", "eth0");
            Link first = rt.links().ensure(spec);
            Link second = rt.links().ensure(spec);
            boolean same = first.equals(second) && rt.links().list().size() == 4;
            rows.add(new Row("9 boot-time ensure", "running the ensure twice changes nothing the second time",
                    "second run returned " + (first.equals(second) ? "the same link" : "a different link")
                            + ", " + rt.links().list().size() + " links", same));
        }
    }

    private static void child(RtNetlink host, NetNs into, String cidr) {
        host.links().create(Macvlan.of("eth0", "eth0").inNamespace(into));
        try (RtNetlink inside = RtNetlink.open(into)) {
            inside.links().setUp("lo");
            inside.links().setUp("eth0");
            inside.addresses().add("eth0", Address.parse(cidr));
        }
    }

    private static boolean ping(NetNs from, String address) throws IOException, InterruptedException {
        Process ping = new ProcessBuilder("ip", "netns", "exec", from.description(), "ping", "-c", "1", "-W", "1",
                address).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!ping.waitFor(10, TimeUnit.SECONDS)) {
            ping.destroyForcibly();
            return false;
        }
        return ping.exitValue() == 0;
    }

    private NetNs sandbox(String role) {
        String name = "jnltest-" + role + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt());
        namespaces.add(name);
        return NetNs.create(name);
    }

    private void cleanUp() {
        for (String name : namespaces) {
            try {
                NetNs.delete(name);
            } catch (RuntimeException e) {
                System.err.println("demo: could not delete namespace " + name + ": " + e.getMessage());
            }
        }
    }

    private boolean print() {
        System.out.printf("%-20s %-58s %-40s %s%n", "scenario", "the notes say", "observed", "result");
        boolean all = true;
        for (Row row : rows) {
            System.out.printf("%-20s %-58s %-40s %s%n", row.scenario(), row.claim(), row.observed(),
                    row.pass() ? "PASS" : "FAIL");
            all &= row.pass();
        }
        return all;
    }
}
