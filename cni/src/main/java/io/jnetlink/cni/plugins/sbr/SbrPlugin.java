package io.jnetlink.cni.plugins.sbr;

import io.jnetlink.attach.SourceRouting;
import io.jnetlink.cni.plugins.CniErrors;
import io.jnetlink.cni.plugins.ContainerNetns;
import io.jnetlink.cni.skel.CniCall;
import io.jnetlink.cni.skel.CniPlugin;
import io.jnetlink.cni.types.CniArgs;
import io.jnetlink.cni.types.CniException;
import io.jnetlink.cni.types.CniResult;
import io.jnetlink.core.NetNs;
import io.jnetlink.core.NetNsThread;
import io.jnetlink.core.posix.FileLock;
import io.jnetlink.macvlan.RtNetlink;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The CNI {@code sbr} (source-based routing) meta plugin, in process and as the executable
 * {@code sbr}: chained after the plugin that made an interface (macvlan), it gives each of the
 * interface's addresses in {@code prevResult} a routing table and a rule {@code from <address>},
 * so that replies leave by the interface their request came in on; see {@link SourceRouting}.
 * Tables, rules and the result are the reference's ({@code containernetworking/plugins} sbr): the
 * result is {@code prevResult}, passed on.
 *
 * <p>Where the reference's users report bugs, this one differs: a table's default route uses the
 * address's gateway, else the config's {@code gateway} of its family if it is in the address's
 * subnet, else a default route of {@code prevResult} whose gateway is (an address from the
 * {@code ips} capability or a Multus annotation comes without a gateway, and the reference then
 * adds no default route); ADD is all or nothing, and with no address of the interface in
 * {@code prevResult} changes nothing (the reference still empties the interface's main-table
 * routes); DEL removes the tables' routes with the rules, finds the rules by {@code prevResult}'s
 * addresses as well as the interface's, and succeeds when the namespace or the interface is gone;
 * CHECK checks the rules and tables. Like the reference, calls on one namespace take turns
 * ({@code flock} on {@code CNI_NETNS}).
 */
public final class SbrPlugin implements CniPlugin, AutoCloseable {

    /** This plugin's type, as configs name it. */
    public static final String TYPE = "sbr";

    /** Enters containers' namespaces to open their sockets: one thread kept, not one started per call. */
    private final NetNsThread entry = new NetNsThread();

    @Override
    public String type() {
        return TYPE;
    }

    /** Ends the thread that enters containers; idempotent. */
    @Override
    public void close() {
        entry.close();
    }

    /** ADD: the tables and rules of the interface's addresses; the result is {@code prevResult}. */
    @Override
    public CniResult add(CniCall call) {
        SbrConfig conf = SbrConfig.parse(call);
        CniResult prev = conf.requirePrevResult("ADD");
        CniArgs args = call.args();
        if (prev.ips().isEmpty()) {
            throw new CniException(CniException.INVALID_CONFIG, "prevResult: no IP addresses for interface "
                    + args.ifName() + " (sbr routes by source address)");
        }
        List<SourceRouting.Source> sources = sources(conf, prev, args.ifName());
        if (sources.isEmpty()) {
            return prev.withVersion(conf.cniVersion()); // none of its addresses is this interface's: nothing to route
        }
        CniErrors.guarded(() -> {
            try (NetNs container = ContainerNetns.open(args); FileLock lock = lock(args);
                 RtNetlink rt = RtNetlink.open(container, entry)) {
                new SourceRouting(rt).apply(args.ifName(), sources, conf.defaults());
            }
            return null;
        });
        return prev.withVersion(conf.cniVersion());
    }

    /**
     * DEL: the rules from the interface's addresses (those it has and those of {@code prevResult})
     * and their tables' routes; a namespace or interface already gone is not an error.
     */
    @Override
    public void del(CniCall call) {
        SbrConfig conf = SbrConfig.parse(call);
        CniArgs args = call.args();
        List<InetAddress> addresses = new ArrayList<>();
        if (conf.prevResult() != null) {
            sources(conf, conf.prevResult(), args.ifName()).forEach(s -> addresses.add(s.address().address()));
        }
        CniErrors.guarded(() -> {
            Optional<NetNs> present = ContainerNetns.openIfPresent(args);
            if (present.isEmpty()) {
                return null; // the namespace is gone, and its rules and tables with it
            }
            try (NetNs container = present.get(); FileLock lock = lock(args);
                 RtNetlink rt = RtNetlink.open(container, entry)) {
                new SourceRouting(rt).remove(args.ifName(), addresses);
            }
            return null;
        });
    }

    /** CHECK: each address of {@code prevResult} still has its rule, and its table the interface's routes. */
    @Override
    public void check(CniCall call) {
        SbrConfig conf = SbrConfig.parse(call);
        CniArgs args = call.args();
        List<SourceRouting.Source> sources = sources(conf, conf.requirePrevResult("CHECK"), args.ifName());
        CniErrors.guarded(() -> {
            try (NetNs container = ContainerNetns.open(args); RtNetlink rt = RtNetlink.open(container, entry)) {
                List<String> problems = new SourceRouting(rt).check(args.ifName(), sources);
                if (!problems.isEmpty()) {
                    throw new CniException(CniException.CHECK_FAILED, "CHECK of sbr on " + args.ifName() + " in "
                            + args.netns() + " failed: " + String.join("; ", problems));
                }
            }
            return null;
        });
    }

    /**
     * One call at a time per namespace, in this process and beside the reference (which takes the
     * same {@code flock} on {@code CNI_NETNS}): two ADDs must not both take the first free table.
     */
    private static FileLock lock(CniArgs args) throws IOException {
        return FileLock.exclusive(Path.of(args.netns()), Set.of());
    }

    /**
     * The addresses of {@code prev} that are {@code ifName}'s (those naming no interface count, as
     * in the reference), each with its gateway.
     */
    static List<SourceRouting.Source> sources(SbrConfig conf, CniResult prev, String ifName) {
        List<SourceRouting.Source> sources = new ArrayList<>();
        for (CniResult.Ip ip : prev.ips()) {
            Integer index = ip.interfaceIndex();
            if (index != null && index >= 0 && index < prev.interfaces().size()
                    && !prev.interfaces().get(index).name().equals(ifName)) {
                continue;
            }
            sources.add(new SourceRouting.Source(ip.address(), gateway(conf, prev, ip)));
        }
        return sources;
    }

    /**
     * The address's gateway, else the config's of its family if in its subnet, else a default
     * route's of {@code prev} in its subnet; null for none.
     */
    private static InetAddress gateway(SbrConfig conf, CniResult prev, CniResult.Ip ip) {
        if (ip.gateway() != null) {
            return ip.gateway();
        }
        InetAddress configured = conf.gateway(ip.address().family());
        if (configured != null && ip.address().contains(configured)) {
            return configured;
        }
        return prev.routes().stream()
                .filter(r -> r.dst().length() == 0 && r.gateway() != null && ip.address().contains(r.gateway()))
                .map(CniResult.Route::gateway).findFirst().orElse(null);
    }
}
