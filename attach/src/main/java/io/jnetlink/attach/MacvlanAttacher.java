package io.jnetlink.attach;

import io.jnetlink.core.NetNs;
import io.jnetlink.core.NetNsThread;
import io.jnetlink.ipam.Allocation;
import io.jnetlink.ipam.IpAllocator;
import io.jnetlink.ipam.IpConfig;
import io.jnetlink.ipam.Owner;
import io.jnetlink.ipam.RouteConfig;
import io.jnetlink.macvlan.Address;
import io.jnetlink.macvlan.Batch;
import io.jnetlink.macvlan.Link;
import io.jnetlink.macvlan.LinkDifferences;
import io.jnetlink.macvlan.LinkNotFoundException;
import io.jnetlink.macvlan.Macvlan;
import io.jnetlink.macvlan.Route;
import io.jnetlink.macvlan.RtNetlink;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Gives containers macvlan interfaces with addresses, all or nothing: the work of the CNI macvlan
 * plugin's ADD, DEL and CHECK, and of a Docker-style {@link MacvlanNetwork}. {@link #attach}
 * takes addresses from IPAM, creates the macvlan straight inside the container's namespace, adds
 * the addresses, sets the link up and adds the routes (an allocator that
 * {@linkplain IpAllocator#needsInterface() needs the interface}, a DHCP client, is asked once the
 * link is up, and released before it is removed); if any step fails, the link is deleted and
 * the lease released. {@link #detach} is idempotent.
 */
public final class MacvlanAttacher {

    /** Which routes an attachment gets. */
    public enum RoutePolicy {
        /** Exactly the allocation's routes, a route without a gateway taking its family's (CNI). */
        FROM_IPAM,
        /** The allocation's routes, or if it has none a default route via each gateway (Docker). */
        FROM_IPAM_OR_DEFAULT
    }

    private final RtNetlink host;
    private final String network;
    private final IpAllocator ipam;
    private final RoutePolicy routes;

    /**
     * @param host    the namespace holding the parents
     * @param network the network's name, for errors
     * @param ipam    where addresses come from; {@link IpAllocator#none()} for layer-2 only attachments
     * @param routes  which routes attachments get
     */
    public MacvlanAttacher(RtNetlink host, String network, IpAllocator ipam, RoutePolicy routes) {
        this.host = host;
        this.network = network;
        this.ipam = Objects.requireNonNull(ipam,
                "ipam: must not be null; use IpAllocator.none() for layer-2 only attachments");
        this.routes = routes;
    }

    /**
     * Creates a macvlan {@code owner.ifName()} as {@code link} describes inside {@code container},
     * gives it addresses from IPAM for {@code owner} ({@code requested} ones if given), sets it up
     * and adds its routes.
     *
     * @throws IllegalStateException    if the container already has an interface of that name
     * @throws IllegalArgumentException if the MTU exceeds the parent's
     * @throws LinkNotFoundException    naming the field {@code parent} if there is no such link
     */
    public Endpoint attach(MacvlanAttachment link, NetNs container, Owner owner, List<InetAddress> requested) {
        try (NetNsThread entry = new NetNsThread()) {
            return attach(link, container, entry, owner, requested);
        }
    }

    /**
     * As {@link #attach(MacvlanAttachment, NetNs, Owner, List)}, entering the container on
     * {@code entry}, a thread kept for that (see {@link NetNsThread}). The parent is looked up once,
     * while the container is being entered and before IPAM is asked; the link's {@code arp_notify},
     * addresses, up state and routes go to the kernel in one {@link Batch}.
     */
    public Endpoint attach(MacvlanAttachment link, NetNs container, NetNsThread entry, Owner owner,
                           List<InetAddress> requested) {
        String ifName = owner.ifName();
        String attempt = "attach " + owner + " to macvlan network " + network;
        NetNsThread.Step<RtNetlink, RuntimeException> opening = entry.submit(container, () -> RtNetlink.open(container));
        Optional<Link> hostParent = link.parentInContainer() ? Optional.empty() : lookUpMeanwhile(link.parent(), opening);
        try (RtNetlink inside = opening.join()) {
            if (inside.links().get(ifName).isPresent()) {
                throw new IllegalStateException(attempt + ": the container already has an interface " + ifName
                        + " (attached twice?)");
            }
            // the parent, checked before IPAM is asked (its MTU is checked on creation)
            Link parent = link.parentInContainer() ? inside.links().require(link.parent(), "parent")
                    : hostParent.orElseThrow(() -> new LinkNotFoundException("parent", link.parent(),
                            host.netns().description()));
            Allocation allocation = ipam.needsInterface() ? null : ipam.allocate(owner, requested);
            Link created = null;
            try {
                Macvlan spec = link.spec(ifName);
                created = link.parentInContainer() ? createBeside(inside, spec, parent)
                        : host.links().create(spec.withNetns(container), parent, inside);
                if (allocation == null) { // addresses from the interface itself (DHCP): it must be up
                    inside.batch().setUp(ifName).execute();
                    allocation = ipam.allocate(owner, requested, container);
                }
                enableIpv6(container, ifName, allocation);
                Batch batch = inside.batch().setArpNotifyOn(ifName);
                for (IpConfig ip : allocation.ips()) {
                    batch.addAddress(created, Address.of(ip.address()));
                }
                batch.setUp(ifName);
                List<RouteConfig> added = routesFor(allocation);
                for (RouteConfig route : added) {
                    batch.addRoute(Route.to(route.destination()).withGateway(route.gateway())
                            .withOif(created.index()));
                }
                batch.execute();
                return new Endpoint(owner.containerId(), ifName, created.index(), created.mac(), created.mtu(),
                        allocation, added);
            } catch (RuntimeException e) {
                undo(inside, created == null ? null : ifName, owner, e);
                throw e;
            }
        }
    }

    /**
     * The host's link {@code parent}, looked up while {@code opening} opens the container's entry
     * point; if the lookup fails, that entry point is closed again, and a failure to open it, which
     * came first, is the one thrown.
     */
    private Optional<Link> lookUpMeanwhile(String parent, NetNsThread.Step<RtNetlink, RuntimeException> opening) {
        try {
            return host.links().get(parent);
        } catch (RuntimeException lookupFailure) {
            RtNetlink opened;
            try {
                opened = opening.join();
            } catch (RuntimeException openFailure) {
                openFailure.addSuppressed(lookupFailure);
                throw openFailure;
            }
            opened.close();
            throw lookupFailure;
        }
    }

    /** Creates {@code spec} beside its parent, both in the container ({@code linkInContainer}). */
    private static Link createBeside(RtNetlink inside, Macvlan spec, Link parent) {
        inside.links().add(spec, parent);
        return inside.links().require(spec.name());
    }

    /**
     * Removes {@code owner.ifName()} from {@code container} if it is there and releases the
     * owner's addresses. A container namespace that is gone (null) or an interface or lease
     * already removed is not an error.
     */
    public void detach(NetNs container, Owner owner) {
        if (ipam.needsInterface()) { // a DHCP client releases from the interface's address
            ipam.release(owner);
        }
        if (container != null) {
            try (RtNetlink inside = RtNetlink.open(container)) {
                if (inside.links().get(owner.ifName()).isPresent()) {
                    inside.links().delete(owner.ifName());
                }
            }
        }
        if (!ipam.needsInterface()) {
            ipam.release(owner);
        }
    }

    /**
     * What differs between the container's interface and {@code expected} (what {@link #attach}
     * returned): kind, mode, MAC, MTU, parent, addresses, routes, and the IPAM lease. Empty if
     * everything is as attached.
     */
    public List<String> check(MacvlanAttachment link, NetNs container, Endpoint expected) {
        List<String> problems = new ArrayList<>();
        Owner owner = new Owner(expected.containerId(), expected.name());
        try (RtNetlink inside = RtNetlink.open(container)) {
            RtNetlink parentSide = link.parentInContainer() ? inside : host;
            Optional<Link> parent = parentSide.links().get(link.parent());
            if (parent.isEmpty()) {
                problems.add("parent: " + link.parent() + " does not exist");
            }
            Optional<Link> actual = inside.links().get(expected.name());
            if (actual.isEmpty()) {
                problems.add("interface: " + expected.name() + " does not exist in the container");
                return problems;
            }
            Macvlan wanted = link.spec(expected.name()).withMac(expected.mac());
            problems.addAll(LinkDifferences.between(wanted, actual.get(), parent.orElse(null)));
            List<Address> present = inside.addresses().list(expected.name());
            for (IpConfig ip : expected.addresses()) {
                boolean found = present.stream().anyMatch(a -> a.address().equals(ip.address().address())
                        && a.prefixLength() == ip.address().length());
                if (!found) {
                    problems.add("address: " + ip.address() + " is not on " + expected.name());
                }
            }
            for (RouteConfig route : expected.routes()) {
                List<Route> table = inside.routes().list(route.destination().family());
                boolean found = table.stream().anyMatch(r -> r.destination().equals(route.destination())
                        && (route.gateway() == null || route.gateway().equals(r.gateway())));
                if (!found) {
                    problems.add("route: " + route + " is missing");
                }
            }
        }
        try {
            ipam.check(owner);
        } catch (RuntimeException e) {
            problems.add("ipam: " + e.getMessage());
        }
        return problems;
    }

    /**
     * As the CNI plugin does before addressing the link, when an IPv6 address is coming: IPv6
     * enabled on the link and {@code lo} and {@code ndisc_notify} on (through {@code /proc/sys},
     * from a thread inside). Its {@code arp_notify} (a gratuitous ARP when the link comes up or its
     * address changes, so switches learn the new MAC at once) is set through netlink, first in the
     * batch that addresses the link.
     */
    private static void enableIpv6(NetNs container, String ifName, Allocation allocation) {
        if (allocation.ips().stream().anyMatch(ip -> !ip.address().isIpv4())) {
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("net/ipv6/conf/lo/disable_ipv6", "0");
            settings.put("net/ipv6/conf/" + ifName + "/disable_ipv6", "0");
            settings.put("net/ipv6/conf/" + ifName + "/ndisc_notify", "1");
            Sysctl.set(container, settings);
        }
    }

    /** The routes to add: the allocation's (gateway-less ones get their family's gateway), per the policy. */
    private List<RouteConfig> routesFor(Allocation allocation) {
        List<RouteConfig> result = new ArrayList<>();
        for (RouteConfig r : allocation.routes()) {
            InetAddress via = r.gateway() != null ? r.gateway() : gatewayOf(allocation, r.destination().isIpv4());
            result.add(new RouteConfig(r.destination(), via));
        }
        if (result.isEmpty() && routes == RoutePolicy.FROM_IPAM_OR_DEFAULT) {
            for (IpConfig ip : allocation.ips()) {
                if (ip.gateway() != null) {
                    result.add(new RouteConfig(ip.address().family().any(), ip.gateway()));
                }
            }
        }
        return result;
    }

    private static InetAddress gatewayOf(Allocation allocation, boolean ipv4) {
        return allocation.ips().stream().filter(ip -> ip.address().isIpv4() == ipv4 && ip.gateway() != null)
                .map(IpConfig::gateway).findFirst().orElse(null);
    }

    /** Removes what {@link #attach} made, in {@link #detach}'s order, adding what fails to {@code failure}. */
    private void undo(RtNetlink inside, String link, Owner owner, RuntimeException failure) {
        if (ipam.needsInterface()) {
            release(owner, failure);
        }
        try {
            if (link != null) {
                inside.links().delete(link);
            }
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
        if (!ipam.needsInterface()) {
            release(owner, failure);
        }
    }

    private void release(Owner owner, RuntimeException failure) {
        try {
            ipam.release(owner);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public String toString() {
        return "MacvlanAttacher[" + network + " in " + host + ", " + ipam.getClass().getSimpleName()
                + ", " + routes + "]";
    }
}
