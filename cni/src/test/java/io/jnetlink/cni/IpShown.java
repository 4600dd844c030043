package io.jnetlink.cni;

import com.fasterxml.jackson.jr.ob.JSON;
import io.jnetlink.testkit.Command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What iproute2 shows of a network namespace, as values that side-by-side tests compare between
 * identical sandboxes: links ({@code ip -d link}), addresses ({@code ip addr}) and routes, each
 * route as {@code ip -d route} prints it (type, destination, gateway, dev, table, proto, scope,
 * src, metric, pref, flags). Left out is only what differs between two identical set-ups by chance or by timing:
 * <ul>
 *   <li>interface indexes, and MACs the test did not choose (a namespace's links, unless asked);</li>
 *   <li>IPv6 link-local addresses (derived from those MACs) and address flags such as
 *       {@code tentative} (duplicate address detection runs on after a plugin returns);</li>
 *   <li>operational state ({@code operstate}, {@code NO-CARRIER}: the kernel's link watch sets them
 *       later): a link is compared by whether it is administratively {@code up};</li>
 *   <li>{@code txqlen}: the reference sets a macvlan's to 0 (its netlink library sends the Go zero
 *       value), the kernel's default, which we keep, is 1000; a macvlan has no queue
 *       ({@code noqueue}), so the number changes nothing.</li>
 * </ul>
 */
final class IpShown {

    private IpShown() {
    }

    /**
     * The interface {@code ifName} of namespace {@code ns}: {@code kind}, every attribute of its
     * kind ({@code mode}, {@code bcqueuelen}, {@code usedbcqueuelen}, flags such as
     * {@code nopromisc} for a macvlan), {@code mtu}, {@code mac}, {@code up}, {@code promiscuity},
     * {@code addresses} ({@code 198.51.100.7/24}) and {@code routes} through it; empty if it does
     * not exist.
     */
    static Map<String, Object> iface(String ns, String ifName) {
        Command.Result link = Command.run("ip", "-n", ns, "-d", "-j", "link", "show", ifName);
        if (link.exitCode() != 0) {
            return Map.of();
        }
        Map<String, Object> state = link(map(list(link.output()).getFirst()));
        state.put("mac", map(list(link.output()).getFirst()).get("address"));
        List<String> addresses = new ArrayList<>();
        for (String address : addresses(ns)) {
            if (address.startsWith(ifName + " ")) {
                addresses.add(address.substring(ifName.length() + 1));
            }
        }
        state.put("addresses", addresses);
        state.put("routes", routes(ns).stream().filter(r -> r.contains(" dev " + ifName + " ")
                || r.endsWith(" dev " + ifName)).toList());
        return state;
    }

    /**
     * All of namespace {@code ns}: {@code links} (name to the state {@link #iface} gives, but no
     * MAC, addresses or routes), {@code addresses} ({@code eth0 198.51.100.7/24}) and
     * {@code routes} of both families, as {@code ip route} prints them.
     */
    static Map<String, Object> namespace(String ns) {
        Map<String, Object> links = new TreeMap<>();
        for (Object l : list(Command.check("ip", "-n", ns, "-d", "-j", "link", "show"))) {
            links.put((String) map(l).get("ifname"), link(map(l)));
        }
        Map<String, Object> state = new TreeMap<>();
        state.put("links", links);
        state.put("addresses", addresses(ns));
        state.put("routes", routes(ns));
        return state;
    }

    /** A link's state, as {@code ip -d -j link} shows it, but for what {@link IpShown} leaves out. */
    private static Map<String, Object> link(Map<String, Object> shown) {
        Map<String, Object> state = new TreeMap<>();
        Map<String, Object> info = map(shown.get("linkinfo"));
        state.put("kind", info.get("info_kind"));
        state.putAll(map(info.get("info_data")));
        state.put("mtu", shown.get("mtu"));
        state.put("up", ((List<?>) shown.get("flags")).contains("UP"));
        state.put("promiscuity", shown.get("promiscuity"));
        if (shown.containsKey("link")) { // the parent or peer, when in the same namespace
            state.put("link", shown.get("link"));
        }
        if (shown.containsKey("master")) {
            state.put("master", shown.get("master"));
        }
        return state;
    }

    /** Every address but IPv6 link-local ones: {@code eth0 198.51.100.7/24}. */
    private static List<String> addresses(String ns) {
        List<String> addresses = new ArrayList<>();
        for (Object l : list(Command.check("ip", "-n", ns, "-j", "addr", "show"))) {
            Map<String, Object> link = map(l);
            for (Object a : (List<?>) link.getOrDefault("addr_info", List.of())) {
                Map<String, Object> addr = map(a);
                String local = String.valueOf(addr.get("local"));
                if (!("inet6".equals(addr.get("family")) && local.startsWith("fe80:"))) {
                    addresses.add(link.get("ifname") + " " + local + "/" + addr.get("prefixlen"));
                }
            }
        }
        return addresses;
    }

    /**
     * The main table's routes of both families, each as {@code ip -d route} prints it: with
     * {@code -d}, every attribute is printed, even those plain {@code ip route} leaves out when
     * they have their usual value (type {@code unicast}, {@code proto boot}, {@code scope global}).
     */
    static List<String> routes(String ns) {
        List<String> routes = new ArrayList<>();
        for (String family : List.of("-4", "-6")) {
            Command.check("ip", "-n", ns, "-d", family, "route", "show").lines().map(String::strip)
                    .filter(l -> !l.isEmpty()).forEach(routes::add);
        }
        return routes;
    }

    private static List<?> list(String json) {
        try {
            return JSON.std.listFrom(json);
        } catch (IOException e) {
            throw new AssertionError("not a JSON list: " + json, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o == null ? new TreeMap<>() : (Map<String, Object>) o;
    }
}
