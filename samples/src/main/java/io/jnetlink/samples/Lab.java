package io.jnetlink.samples;

import io.jnetlink.core.NetNs;
import io.jnetlink.macvlan.Address;
import io.jnetlink.macvlan.Bridge;
import io.jnetlink.macvlan.Link;
import io.jnetlink.macvlan.Macvlan;
import io.jnetlink.macvlan.MacvlanMode;
import io.jnetlink.macvlan.RtNetlink;
import io.jnetlink.macvlan.Veth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway network lab: namespaces named {@code jnltest-<role>-<random>}, a "host" whose
 * {@code eth0} (a veth) plugs into bridge {@code br0} of a separate "switch" namespace, and
 * helpers to add macvlan children and ping. Closing removes every namespace and temporary
 * directory it made, so nothing outlives a sample or a test.
 */
public final class Lab implements AutoCloseable {

    /** The host side: the namespace holding parent {@code eth0}, and the switch it plugs into. */
    public record Segment(NetNs host, RtNetlink hostLinks, NetNs lan, RtNetlink switchLinks) {
    }

    private final Deque<AutoCloseable> cleanups = new ArrayDeque<>();
    private final List<String> namespaces = new ArrayList<>();
    private final String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());

    private Lab() {
    }

    /** A new lab; fails with a one-line reason unless running as root. */
    public static Lab open() {
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("needs root: it creates network namespaces and links");
        }
        return new Lab();
    }

    /** A fresh named namespace {@code jnltest-<role>-<random>} with {@code lo} up. */
    public NetNs namespace(String role) {
        String name = "jnltest-" + role + "-" + suffix;
        NetNs ns = NetNs.create(name);
        namespaces.add(name);
        cleanups.push(() -> NetNs.delete(name));
        cleanups.push(ns);
        try (RtNetlink rt = RtNetlink.open(ns)) {
            rt.links().setUp("lo");
        }
        return ns;
    }

    /** The names of the namespaces made so far. */
    public List<String> namespaceNames() {
        return List.copyOf(namespaces);
    }

    /** An {@link RtNetlink} closed with the lab. */
    public RtNetlink rtnetlink(NetNs ns) {
        RtNetlink rt = RtNetlink.open(ns);
        cleanups.push(rt);
        return rt;
    }

    /** A temporary directory (e.g. an IPAM data directory), deleted with the lab. */
    public Path directory(String role) throws IOException {
        Path dir = Files.createTempDirectory("jnltest-" + role + "-");
        cleanups.push(() -> {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        });
        return dir;
    }

    /**
     * A host namespace with parent {@code eth0}, its veth peer {@code wire0} a port of bridge
     * {@code br0} in a switch namespace, everything up. {@code parentAddress} (may be null) goes on eth0.
     */
    public Segment segment(String parentAddress) {
        NetNs host = namespace("host");
        NetNs lan = namespace("switch");
        RtNetlink hostLinks = rtnetlink(host);
        RtNetlink switchLinks = rtnetlink(lan);
        hostLinks.links().create(Veth.of("eth0", "wire0").withPeerIn(lan));
        switchLinks.links().create(Bridge.of("br0"));
        switchLinks.links().setMaster("wire0", "br0");
        switchLinks.links().setUp("br0");
        switchLinks.links().setUp("wire0");
        hostLinks.links().setUp("eth0");
        if (parentAddress != null) {
            hostLinks.addresses().add("eth0", Address.parse(parentAddress));
        }
        return new Segment(host, hostLinks, lan, switchLinks);
    }

    /** A macvlan child {@code eth0} of the segment's parent, in {@code into}, with {@code cidr}, up. */
    public Link child(Segment segment, NetNs into, MacvlanMode mode, String cidr) {
        segment.hostLinks().links().create(Macvlan.of("eth0", "eth0").withMode(mode).inNamespace(into));
        try (RtNetlink inside = RtNetlink.open(into)) {
            inside.addresses().add("eth0", Address.parse(cidr));
            inside.links().setUp("eth0");
            return inside.links().require("eth0");
        }
    }

    /**
     * One child per address, each in a namespace of its own named {@code <role>1}, {@code <role>2},
     * ... (see {@link #child}); returns the namespaces in order.
     */
    public List<NetNs> children(Segment segment, MacvlanMode mode, String role, String... cidrs) {
        List<NetNs> namespaces = new ArrayList<>();
        for (int i = 0; i < cidrs.length; i++) {
            NetNs ns = namespace(role + (i + 1));
            child(segment, ns, mode, cidrs[i]);
            namespaces.add(ns);
        }
        return namespaces;
    }

    /** True if {@code address} answers a ping from {@code from} (two echo requests, one second each). */
    public static boolean ping(NetNs from, String address) {
        try {
            Process ping = new ProcessBuilder("ip", "netns", "exec", from.description(), "ping", "-n", "-q",
                    "-c", "2", "-i", "0.2", "-W", "1", address)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!ping.waitFor(10, TimeUnit.SECONDS)) {
                ping.destroyForcibly();
                return false;
            }
            return ping.exitValue() == 0;
        } catch (IOException e) {
            throw new IllegalStateException("ping " + address + " from " + from.description() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** "answered" or "lost", for a demo row. */
    public static String reply(boolean answered) {
        return answered ? "answered" : "lost";
    }

    /** Removes everything the lab made, in reverse order; the first failure is thrown after all ran. */
    @Override
    public void close() {
        RuntimeException failure = null;
        while (!cleanups.isEmpty()) {
            try {
                cleanups.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("lab clean-up: " + e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
