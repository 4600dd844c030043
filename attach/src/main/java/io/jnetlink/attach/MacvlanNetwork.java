package io.jnetlink.attach;

import io.jnetlink.core.NetNs;
import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.core.inet.Prefix;
import io.jnetlink.ipam.Allocation;
import io.jnetlink.ipam.IpAllocator;
import io.jnetlink.ipam.IpConfig;
import io.jnetlink.ipam.Ipam;
import io.jnetlink.ipam.Owner;
import io.jnetlink.ipam.hostlocal.HostLocalConfig;
import io.jnetlink.ipam.hostlocal.IpRange;
import io.jnetlink.ipam.hostlocal.RangeSet;
import io.jnetlink.macvlan.Address;
import io.jnetlink.macvlan.Link;
import io.jnetlink.macvlan.LinkNotFoundException;
import io.jnetlink.macvlan.Macvlan;
import io.jnetlink.macvlan.MacvlanMode;
import io.jnetlink.macvlan.Route;
import io.jnetlink.macvlan.RtNetlink;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * A Docker-style macvlan network: a parent link, a mode and an IP allocator, as
 * {@code docker network create -d macvlan --subnet ... --gateway ... -o parent=eth1 mac1} makes.
 * {@link #attach} gives a container's namespace an interface with an address (as
 * {@code docker run --network mac1 --ip ...}); {@link #detach} takes both back. Attach either
 * completes or leaves nothing behind: no link, no lease. Closing closes the allocator.
 */
public final class MacvlanNetwork implements AutoCloseable {

    private static final String SHIM_OWNER = "host-shim";

    private final RtNetlink host;
    private final String name;
    private final MacvlanAttachment link;
    private final IpAllocator ipam;
    private final MacvlanAttacher attacher;

    /**
     * @param host   the namespace holding the parent
     * @param name   the network's name (the IPAM network)
     * @param parent the parent link in {@code host}, e.g. {@code eth1}
     * @param mode   the macvlan mode of every endpoint
     * @param ipam   where endpoint addresses come from
     * @throws LinkNotFoundException if {@code parent} does not exist
     */
    public MacvlanNetwork(RtNetlink host, String name, String parent, MacvlanMode mode, IpAllocator ipam) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("network name: must not be empty");
        }
        if (mode == MacvlanMode.PASSTHRU || mode == MacvlanMode.SOURCE) {
            throw new IllegalArgumentException("network mode: " + mode.ipName()
                    + " cannot serve several endpoints; use bridge, vepa or private");
        }
        host.links().require(parent);
        this.host = host;
        this.name = name;
        this.link = MacvlanAttachment.of(parent).withMode(mode);
        this.ipam = ipam;
        this.attacher = new MacvlanAttacher(host, name, ipam, MacvlanAttacher.RoutePolicy.FROM_IPAM_OR_DEFAULT);
    }

    /**
     * {@code docker network create -d macvlan --subnet SUBNET --gateway GATEWAY -o parent=PARENT NAME}:
     * bridge mode, addresses from {@code host-local} with its store in {@code dataDir} (shared with
     * the CNI reference plugin's format).
     */
    public static MacvlanNetwork create(RtNetlink host, String name, String parent, String subnet, String gateway,
                                        Path dataDir) {
        IpRange range = new IpRange(Prefix.parseNetwork("subnet", subnet), null, null,
                gateway == null ? null : InetAddresses.parse("gateway", gateway));
        HostLocalConfig config = new HostLocalConfig(name, dataDir, List.of(RangeSet.of(range)), List.of(), null);
        return new MacvlanNetwork(host, name, parent, MacvlanMode.BRIDGE, Ipam.open(config));
    }

    public String name() {
        return name;
    }

    public String parent() {
        return link.parent();
    }

    public MacvlanMode mode() {
        return link.mode();
    }

    public IpAllocator ipam() {
        return ipam;
    }

    /** Attaches with the next free address, the container named by its namespace. */
    public Endpoint attach(NetNs container, String ifName) {
        return attach(containerId(container), container, ifName, null);
    }

    /** Attaches with {@code requested} (as {@code docker run --ip}), the container named by its namespace. */
    public Endpoint attach(NetNs container, String ifName, InetAddress requested) {
        return attach(containerId(container), container, ifName, requested);
    }

    /**
     * Creates a macvlan {@code ifName} on the parent straight inside {@code container}, gives it
     * an address from IPAM for {@code containerId}, sets it up and adds the allocation's routes
     * (or, if there are none, a default route via the gateway).
     *
     * @param requested the address wanted, or null for the next free one
     * @throws IllegalStateException if the container already has {@code ifName}
     */
    public Endpoint attach(String containerId, NetNs container, String ifName, InetAddress requested) {
        return attacher.attach(link, container, new Owner(containerId, ifName),
                requested == null ? List.of() : List.of(requested));
    }

    /** Detaches the container named by its namespace. */
    public void detach(NetNs container, String ifName) {
        detach(containerId(container), container, ifName);
    }

    /** Removes {@code ifName} from the container (if it is there) and releases its addresses. */
    public void detach(String containerId, NetNs container, String ifName) {
        attacher.detach(container, new Owner(containerId, ifName));
    }

    /**
     * The notes' fix for "the host cannot reach its macvlan children": a bridge-mode macvlan
     * {@code shimName} on the parent in the host namespace, holding an address of this network
     * (reserved in IPAM so no endpoint gets it) as a host address ({@code /32}, {@code /128}), up,
     * with a route to each of {@code destinations} through it. Host and endpoints then reach each
     * other through the shim.
     *
     * @param requested the shim's address, or null for the next free one
     */
    public Link addHostShim(String shimName, InetAddress requested, List<Prefix> destinations) {
        Owner owner = new Owner(SHIM_OWNER, shimName);
        Allocation allocation = ipam.allocate(owner, requested == null ? List.of() : List.of(requested));
        Link shim = null;
        try {
            shim = host.links().create(Macvlan.of(shimName, link.parent()).withMode(MacvlanMode.BRIDGE));
            for (IpConfig ip : allocation.ips()) {
                InetAddress address = ip.address().address();
                host.addresses().add(shimName, Address.of(new Prefix(address, address.getAddress().length * 8)));
            }
            host.links().setUp(shimName);
            for (Prefix destination : destinations) {
                host.routes().add(Route.to(destination).withOif(shim.index()));
            }
            return host.links().require(shimName);
        } catch (RuntimeException e) {
            try {
                if (shim != null) {
                    host.links().delete(shimName);
                }
                ipam.release(owner);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** Removes a shim made by {@link #addHostShim} (its routes go with it) and releases its address. */
    public void removeHostShim(String shimName) {
        if (host.links().get(shimName).isPresent()) {
            host.links().delete(shimName);
        }
        ipam.release(new Owner(SHIM_OWNER, shimName));
    }

    /** Closes the allocator (not the leases, not the links). */
    @Override
    public void close() {
        ipam.close();
    }

    /** A container id for a namespace: {@code netns-<inode>}, unique while the namespace lives. */
    public static String containerId(NetNs container) {
        return "netns-" + Long.toUnsignedString(container.id().inode());
    }
}
