package io.jnetlink.samples;

import io.jnetlink.core.NetNs;
import io.jnetlink.macvlan.Address;
import io.jnetlink.macvlan.Bridge;
import io.jnetlink.macvlan.Link;
import io.jnetlink.macvlan.Macvlan;
import io.jnetlink.macvlan.MacvlanMode;
import io.jnetlink.macvlan.RtNetlink;
import io.jnetlink.macvlan.Veth;
import io.jnetlink.testkit.Sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed scenarios' network lab, on the test kit's {@link Sandbox}: a "host" namespace whose
 * {@code eth0} (a veth) plugs into bridge {@code br0} of a separate "switch" namespace, and macvlan
 * children in namespaces of their own. Closing removes every namespace and directory it made.
 */
public final class Lab implements AutoCloseable {

    /** The host side: the namespace holding parent {@code eth0}, and the switch it plugs into. */
    public record Segment(NetNs host, RtNetlink hostLinks, NetNs lan, RtNetlink switchLinks) {
    }

    private final Sandbox box;

    private Lab(Sandbox box) {
        this.box = box;
    }

    /** A new lab; fails with a one-line reason without the privileges to build one. */
    public static Lab open() {
        return new Lab(Sandbox.create());
    }

    /** A lab on {@code box} (a test's sandbox, say): what it makes is removed when the box or the lab closes. */
    public static Lab on(Sandbox box) {
        return new Lab(box);
    }

    /** A fresh namespace for {@code role} with {@code lo} up, removed with the lab. */
    public NetNs namespace(String role) {
        return box.namespace(role);
    }

    /** The names of the namespaces made so far. */
    public List<String> namespaceNames() {
        return box.namespaceNames();
    }

    /** An {@link RtNetlink} closed with the lab. */
    public RtNetlink rtnetlink(NetNs ns) {
        return box.closeLater(RtNetlink.open(ns));
    }

    /** Closes {@code resource} with the lab. */
    public <T extends AutoCloseable> T closeLater(T resource) {
        return box.closeLater(resource);
    }

    /** A temporary directory (e.g. an IPAM data directory), deleted with the lab. */
    public Path directory(String role) {
        return box.directory(role);
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
        hostLinks.links().create(Veth.of("eth0", "wire0").withPeerNetns(lan));
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
        segment.hostLinks().links().create(Macvlan.of("eth0", "eth0").withMode(mode).withNetns(into));
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

    /** Removes everything the lab made, newest first. */
    @Override
    public void close() {
        box.close();
    }
}
