package io.jnetlink.cni.plugins.macvlan;

import io.jnetlink.core.inet.IpFamily;
import io.jnetlink.attach.Endpoint;
import io.jnetlink.cni.plugins.CniErrors;
import io.jnetlink.cni.plugins.ContainerNetns;
import io.jnetlink.cni.plugins.ipam.AllocationResults;
import io.jnetlink.cni.plugins.ipam.ExecIpam;
import io.jnetlink.cni.plugins.ipam.IpamRequest;
import io.jnetlink.cni.skel.CniCall;
import io.jnetlink.cni.skel.CniPlugin;
import io.jnetlink.cni.types.CniArgs;
import io.jnetlink.cni.types.CniCommand;
import io.jnetlink.cni.types.CniException;
import io.jnetlink.cni.types.CniResult;
import io.jnetlink.attach.MacvlanAttacher;
import io.jnetlink.attach.MacvlanAttachment;
import io.jnetlink.core.NetNs;
import io.jnetlink.core.NetNsThread;
import io.jnetlink.core.inet.MacAddress;
import io.jnetlink.ipam.ConfigReader;
import io.jnetlink.ipam.IpAllocator;
import io.jnetlink.ipam.Ipam;
import io.jnetlink.ipam.Owner;
import io.jnetlink.macvlan.Link;
import io.jnetlink.macvlan.Route;
import io.jnetlink.macvlan.RtNetlink;

import java.util.List;
import java.util.Set;

/**
 * The CNI macvlan plugin, in process: the same config bytes and runtime arguments as the
 * executable, the same result (or a {@link CniException} with the spec's code), no fork and no
 * JVM start. Behaves as the reference plugin ({@code containernetworking/plugins} macvlan):
 * {@code master} (default: the default route's interface), {@code mode}, {@code mtu} (0 up to the
 * master's), {@code mac} (config, then CNI_ARGS {@code MAC}, then {@code runtimeConfig.mac}),
 * {@code linkInContainer}, {@code ipam}; plus {@code bcqueuelen}. The result's {@code dns} is the
 * config's, as the reference's is; where the config has none, IPAM's (a DHCP server's options 6
 * and 15), which the reference drops. Unlike the reference, a failure
 * after the link was made (IPAM exhausted, say) leaves no interface and no lease behind, and DEL
 * never fails for want of what it would remove.
 *
 * <pre>{@code
 * try (MacvlanPlugin plugin = new MacvlanPlugin()) {   // keep one: it keeps its host-side socket
 *     CniArgs args = CniArgs.of(containerId, "/run/netns/blue", "eth0").withPath("/opt/cni/bin");
 *     CniResult result = plugin.add(args, configBytes);
 *     plugin.check(args, configBytes, result);
 *     plugin.del(args, configBytes);
 * }
 * }</pre>
 *
 * IPAM types the {@code ipam} module finds ({@code host-local}, {@code static}, {@code etcd} with
 * {@code ipam-etcd} on the path, your own) run in process; any other type is executed from
 * {@code CNI_PATH}.
 */
public final class MacvlanPlugin implements CniPlugin, AutoCloseable {

    /** This plugin's type, as configs name it. */
    public static final String TYPE = "macvlan";

    private final NetNs host;
    /** Enters containers' namespaces to open their sockets: one thread kept, not one started per call. */
    private final NetNsThread entry = new NetNsThread();
    private RtNetlink hostSide;
    private boolean closed;

    /** Acting in the caller's network namespace (the host's). */
    public MacvlanPlugin() {
        this(null);
    }

    /** Acting in {@code host} as the host's namespace (where the master is). */
    public MacvlanPlugin(NetNs host) {
        this.host = host;
    }

    /**
     * Closes the host-side netlink socket a call opened and ends the thread that enters containers
     * (calls after this fail); idempotent.
     */
    @Override
    public synchronized void close() {
        closed = true;
        try {
            if (hostSide != null) {
                hostSide.close();
            }
        } finally {
            entry.close();
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** ADD: creates the interface in the container's namespace and gives it its addresses and routes. */
    @Override
    public CniResult add(CniCall call) {
        MacvlanConfig conf = MacvlanConfig.parse(call);
        CniArgs args = call.args();
        return CniErrors.guarded(() -> {
            try (NetNs container = ContainerNetns.open(args)) {
                RtNetlink hostSide = hostSide();
                MacvlanAttachment link = attachment(conf, hostSide, container);
                try (IpAllocator ipam = ipam(conf, call)) {
                    MacvlanAttacher attacher = new MacvlanAttacher(hostSide, conf.name(), ipam,
                            MacvlanAttacher.RoutePolicy.FROM_IPAM);
                    Endpoint e = attacher.attach(link, container, entry, owner(args), conf.ipam().requested());
                    return result(conf, args, e);
                }
            }
        });
    }

    /**
     * DEL: releases the addresses and removes the interface. A namespace, interface or lease that
     * is already gone is not an error, so DEL may be repeated.
     */
    @Override
    public void del(CniCall call) {
        MacvlanConfig conf = MacvlanConfig.parse(call);
        CniArgs args = call.args();
        CniErrors.guarded(() -> {
            NetNs container = ContainerNetns.openIfPresent(args).orElse(null);
            try (container; IpAllocator ipam = ipam(conf, call)) {
                RtNetlink hostSide = hostSide();
                new MacvlanAttacher(hostSide, conf.name(), ipam, MacvlanAttacher.RoutePolicy.FROM_IPAM)
                        .detach(container, owner(args));
            }
            return null;
        });
    }

    /** CHECK: the interface, its addresses and routes still as {@code prevResult} says, and the lease held. */
    @Override
    public void check(CniCall call) {
        MacvlanConfig conf = MacvlanConfig.parse(call);
        CniArgs args = call.args();
        if (conf.prevResult() == null) {
            throw new CniException(CniException.INVALID_CONFIG, "prevResult: required for CHECK, missing");
        }
        CniResult.Interface mine = conf.prevResult().interfaces().stream()
                .filter(i -> i.name().equals(args.ifName()) && args.netns().equals(i.sandbox())).findFirst()
                .orElseThrow(() -> new CniException(CniException.CHECK_FAILED, "prevResult: no interface "
                        + args.ifName() + " with sandbox " + args.netns()));
        CniErrors.guarded(() -> {
            try (NetNs container = ContainerNetns.open(args); IpAllocator ipam = ipam(conf, call)) {
                RtNetlink hostSide = hostSide();
                MacvlanAttachment link = attachment(conf, hostSide, container);
                Endpoint expected = expected(args, mine, conf.prevResult());
                List<String> problems = new MacvlanAttacher(hostSide, conf.name(), ipam,
                        MacvlanAttacher.RoutePolicy.FROM_IPAM).check(link, container, expected);
                if (!problems.isEmpty()) {
                    throw new CniException(CniException.CHECK_FAILED, "CHECK of " + args.ifName() + " in "
                            + args.netns() + " failed: " + String.join("; ", problems));
                }
            }
            return null;
        });
    }

    /** STATUS (spec 1.1): ready when the master can be found and an in-process IPAM store can be written. */
    @Override
    public void status(CniCall call) {
        MacvlanConfig conf = MacvlanConfig.parse(call);
        CniErrors.guarded(() -> {
            if (conf.master() != null && !conf.linkInContainer()) {
                hostSide().links().require(conf.master(), "master");
            }
            if (conf.ipamType() != null && !inProcess(conf.ipamType())) {
                new ExecIpam(conf.ipamType(), call.args(), call.config()).run(CniCommand.STATUS);
            }
            return null;
        });
    }

    /**
     * GC (spec 1.1): releases the in-process IPAM leases of attachments not listed in
     * {@code cni.dev/valid-attachments}; an executed IPAM plugin gets the GC itself.
     */
    @Override
    public void gc(CniCall call) {
        MacvlanConfig conf = MacvlanConfig.parse(call);
        if (conf.ipamType() == null) {
            return;
        }
        CniErrors.guarded(() -> {
            if (!inProcess(conf.ipamType())) {
                new ExecIpam(conf.ipamType(), call.args(), call.config()).run(CniCommand.GC);
                return null;
            }
            Set<Owner> live = IpamRequest.validAttachments(ConfigReader.of("config", conf.raw()));
            try (IpAllocator ipam = ipam(conf, call)) {
                ipam.garbageCollect(live);
            }
            return null;
        });
    }

    /** The attachment {@code conf} asks for, the master defaulting to the default route's interface. */
    private MacvlanAttachment attachment(MacvlanConfig conf, RtNetlink hostSide, NetNs container) {
        String master = conf.master();
        if (master == null && !conf.linkInContainer()) {
            master = defaultRouteInterface(hostSide);
        } else if (master == null) {
            try (RtNetlink inside = RtNetlink.open(container, entry)) {
                master = defaultRouteInterface(inside);
            }
        }
        try {
            return new MacvlanAttachment(master, conf.linkInContainer(), conf.mode(), conf.mtu(), conf.mac(),
                    conf.bcQueueLen());
        } catch (IllegalArgumentException e) {
            throw new CniException(CniException.INVALID_CONFIG, e.getMessage());
        }
    }

    /** The interface of the default route (IPv4, then IPv6) in {@code where} (the host's or the container's). */
    private static String defaultRouteInterface(RtNetlink where) {
        for (IpFamily family : IpFamily.values()) {
            for (Route route : where.routes().defaults(family)) {
                if (route.oif() != 0) {
                    return where.links().get(route.oif()).map(Link::name).orElseThrow();
                }
            }
        }
        throw new CniException(CniException.INVALID_CONFIG, "master: not given, and no default route interface found");
    }

    /** True if the {@code ipam} module has this type (host-local, static, etcd with ipam-etcd present). */
    private static boolean inProcess(String ipamType) {
        return Ipam.has(ipamType);
    }

    private IpAllocator ipam(MacvlanConfig conf, CniCall call) {
        String type = conf.ipamType();
        if (type == null) {
            return IpAllocator.none(); // a layer-2 only interface
        }
        if (!inProcess(type)) {
            return new ExecIpam(type, call.args(), call.config());
        }
        try {
            return Ipam.open(conf.name(), conf.ipam().ipam());
        } catch (IllegalArgumentException e) {
            throw new CniException(CniException.INVALID_CONFIG, e.getMessage());
        }
    }

    private CniResult result(MacvlanConfig conf, CniArgs args, Endpoint e) {
        CniResult.Interface intf = new CniResult.Interface(e.name(), e.mac().toString(), e.mtu(), args.netns());
        return AllocationResults.result(conf.cniVersion(), List.of(intf), e.addresses(), 0,
                e.allocation().routes(), conf.dns().isEmpty() ? e.allocation().dns() : conf.dns());
    }

    /** What CHECK expects, from {@code prevResult}. */
    private static Endpoint expected(CniArgs args, CniResult.Interface mine, CniResult prev) {
        MacAddress mac = mine.mac() == null ? null : MacAddress.parse(mine.mac());
        var allocation = AllocationResults.allocation(prev);
        return new Endpoint(args.containerId(), args.ifName(), 0, mac, mine.mtu() == null ? 0 : mine.mtu(),
                allocation, allocation.routes());
    }

    private static Owner owner(CniArgs args) {
        return new Owner(args.containerId(), args.ifName());
    }

    /** The host side's netlink entry point, opened by the first call that needs it and kept. */
    private synchronized RtNetlink hostSide() {
        if (closed) {
            throw new IllegalStateException("this MacvlanPlugin was closed");
        }
        if (hostSide == null) {
            hostSide = host == null ? RtNetlink.open() : RtNetlink.open(host);
        }
        return hostSide;
    }
}
