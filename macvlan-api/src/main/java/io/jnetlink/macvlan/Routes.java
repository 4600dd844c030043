package io.jnetlink.macvlan;

import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MalformedMessageException;
import io.jnetlink.core.codec.MessageCursor;
import io.jnetlink.core.codec.Netlink;
import io.jnetlink.core.codec.NetlinkWriter;
import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.core.inet.IpFamily;
import io.jnetlink.core.inet.Prefix;
import io.jnetlink.core.rtnl.RtMsg;
import io.jnetlink.core.rtnl.Rtnetlink;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.Map;

import static io.jnetlink.core.rtnl.Rta.*;

/** Routes of one namespace: {@code ip route add/replace/del/show}. */
public final class Routes {

    private final RtNetlink rt;

    Routes(RtNetlink rt) {
        this.rt = rt;
    }

    /** {@code NLM_F_*} flags of {@link #add}: create, and fail with EEXIST if it is there. */
    static final int ADD = Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL;

    /** {@code ip route add ...}; EEXIST if the route is there. */
    public void add(Route route) {
        write(route, Rtnetlink.RTM_NEWROUTE, ADD, "add");
    }

    /** {@code ip route replace ...}. */
    public void replace(Route route) {
        write(route, Rtnetlink.RTM_NEWROUTE, Netlink.NLM_F_CREATE | Netlink.NLM_F_REPLACE, "replace");
    }

    /**
     * {@code ip route del ...}: as {@code ip}, what the route leaves at its defaults matches any
     * route (scope unset, protocol {@code boot}, type unicast), so a route found by its destination
     * and device is deleted whatever the kernel or a DHCP client made it with.
     */
    public void delete(Route route) {
        write(route, Rtnetlink.RTM_DELROUTE, 0, "delete");
    }

    /** The routes of the main table of one family ({@code ip route} / {@code ip -6 route}). */
    public List<Route> list(IpFamily family) {
        return listTable(family, Rtnetlink.RT_TABLE_MAIN);
    }

    /** The default routes ({@code 0.0.0.0/0} or {@code ::/0}) of the main table of one family ({@code ip route show default}). */
    public List<Route> defaults(IpFamily family) {
        return list(family).stream().filter(Route::isDefault).toList();
    }

    /** The routes of one table (a u32) and family ({@code ip route show table N}). */
    public List<Route> listTable(IpFamily family, long table) {
        Validation.u32("route table", table);
        return named(dump(family, route -> route.table() == table));
    }

    /** The routes of every table of one family ({@code ip route show table all}), the local table's among them. */
    public List<Route> listAll(IpFamily family) {
        return named(dump(family, route -> true));
    }

    /** As {@link #listAll}, each route's link by {@link Route#oif()} alone, as events give it ({@code dev} null). */
    List<Route> listAllByIndex(IpFamily family) {
        return dump(family, route -> true);
    }

    private List<Route> dump(IpFamily family, Predicate<Route> wanted) {
        AttributeCursor a = new AttributeCursor();
        return rt.dump("list routes", w -> {
            long m = w.beginMessage(Rtnetlink.RTM_GETROUTE, Netlink.NLM_F_DUMP);
            w.rtmsg(family.number(), 0, 0, 0, 0, 0, 0, 0, 0);
            w.endMessage(m);
        }, m -> {
            Route route = decode(m, a);
            return wanted.test(route) ? route : null;
        });
    }

    /** The routes with {@link Route#dev()} set to the names this namespace knows their links by. */
    private List<Route> named(List<Route> routes) {
        if (routes.stream().noneMatch(r -> r.oif() != 0)) {
            return routes;
        }
        Map<Integer, String> names = new HashMap<>();
        rt.links().list().forEach(l -> names.put(l.index(), l.name()));
        return routes.stream().map(r -> r.oif() == 0 || !names.containsKey(r.oif()) ? r
                : new Route(r.destination(), r.gateway(), r.oif(), r.metric(), r.table(), r.scope(), r.protocol(),
                r.type(), r.preferredSource(), r.onlink(), names.get(r.oif()))).toList();
    }

    private void write(Route route, int type, int flags, String verb) {
        String operation = describe(verb, route);
        int oif = oif(route, () -> operation);
        rt.execute(() -> operation, w -> encode(w, route, oif, type, flags));
    }

    /** How errors name a route request, e.g. {@code add route default via 198.51.100.1 dev eth0}. */
    static String describe(String verb, Route route) {
        return verb + " route " + route;
    }

    /** The route's output interface: its index, or its device's looked up for {@code operation}; 0 for none. */
    int oif(Route route, Supplier<String> operation) {
        return route.oif() != 0 || route.dev() == null ? route.oif()
                : rt.links().require(route.dev(), operation.get()).index();
    }

    /** An {@code RTM_NEWROUTE} or {@code RTM_DELROUTE} ({@code type}) for {@code route} through {@code oif}. */
    static void encode(NetlinkWriter w, Route route, int oif, int type, int flags) {
        boolean bigTable = route.table() > 255;
        long m = w.beginMessage(type, flags);
        w.rtmsg(route.family(), route.destination().length(), 0, 0,
                bigTable ? Rtnetlink.RT_TABLE_UNSPEC : (int) route.table(),
                matching(route.protocol(), Rtnetlink.RTPROT_BOOT, type), scope(route, type),
                matching(route.type(), Rtnetlink.RTN_UNICAST, type), route.onlink() ? Rtnetlink.RTNH_F_ONLINK : 0);
        if (route.destination().length() > 0) {
            w.putAddress(RTA_DST, route.destination().address());
        }
        if (route.gateway() != null) {
            w.putAddress(RTA_GATEWAY, route.gateway());
        }
        if (oif != 0) {
            w.putU32(RTA_OIF, oif);
        }
        if (route.metric() != 0) {
            w.putU32(RTA_PRIORITY, (int) route.metric());
        }
        if (route.preferredSource() != null) {
            w.putAddress(RTA_PREFSRC, route.preferredSource());
        }
        w.putU32(RTA_TABLE, (int) route.table());
        w.endMessage(m);
    }

    /** {@code value}, but 0 (any) in a delete where it is the default {@code ip route del} leaves unset. */
    private static int matching(int value, int unset, int type) {
        return type == Rtnetlink.RTM_DELROUTE && value == unset ? 0 : value;
    }

    /** The scope to send: as {@code ip route del}, a delete without one matches any ({@code RT_SCOPE_NOWHERE}). */
    private static int scope(Route route, int type) {
        return type == Rtnetlink.RTM_DELROUTE && route.scope() == null ? Rtnetlink.RT_SCOPE_NOWHERE
                : route.effectiveScope();
    }

    /** Decodes an {@code RTM_NEWROUTE}; u32 values (metric, table) read unsigned. */
    static Route decode(MessageCursor m, AttributeCursor a) {
        int family = RtMsg.family(m);
        int bytes = family == Rtnetlink.AF_INET ? 4 : 16;
        InetAddress dst = null;
        InetAddress gateway = null;
        InetAddress src = null;
        int oif = 0;
        long metric = 0;
        long table = RtMsg.table(m);
        m.attributes(RtMsg.SIZE, a);
        while (a.next()) {
            switch (a.type()) {
                case RTA_DST -> dst = a.address();
                case RTA_GATEWAY -> gateway = a.address();
                case RTA_OIF -> oif = a.u32();
                case RTA_PRIORITY -> metric = Integer.toUnsignedLong(a.u32());
                case RTA_PREFSRC -> src = a.address();
                case RTA_TABLE -> table = Integer.toUnsignedLong(a.u32());
                default -> { }
            }
        }
        if (dst == null) {
            dst = InetAddresses.of(new byte[bytes]);
        }
        if (gateway != null && gateway.getAddress().length != dst.getAddress().length) {
            gateway = null; // a next hop of the other family comes as RTA_VIA, which this view leaves out
        }
        try {
            return new Route(new Prefix(dst, Math.min(RtMsg.dstLength(m), dst.getAddress().length * 8)), gateway,
                    oif, metric, table, RtMsg.scope(m), RtMsg.protocol(m), RtMsg.type(m), src,
                    (RtMsg.flags(m) & Rtnetlink.RTNH_F_ONLINK) != 0, null);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("RTM_NEWROUTE: " + e.getMessage());
        }
    }
}
