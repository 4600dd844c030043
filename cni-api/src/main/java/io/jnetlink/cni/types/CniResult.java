package io.jnetlink.cni.types;

import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.core.inet.Prefix;
import io.jnetlink.ipam.Allocation;
import io.jnetlink.ipam.ConfigReader;
import io.jnetlink.ipam.Dns;
import io.jnetlink.ipam.IpConfig;
import io.jnetlink.ipam.RouteConfig;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CNI result: the interfaces made, their addresses, routes and DNS settings. Read from any spec
 * version's JSON (0.1.0 to 1.1.0, converted as the reference library converts them) and written
 * in the version the caller's config names.
 *
 * @param cniVersion the version it was read in, or is to be written in
 * @param interfaces interfaces, referred to by index from {@code ips}
 * @param ips        addresses
 * @param routes     routes
 * @param dns        resolver settings
 */
public record CniResult(String cniVersion, List<Interface> interfaces, List<Ip> ips, List<Route> routes, Dns dns) {

    /**
     * An interface of the result.
     *
     * @param name    its name
     * @param mac     its MAC, or null
     * @param mtu     its MTU (written from spec 1.1.0 on), or null
     * @param sandbox the namespace path it lives in, or null for the host
     */
    public record Interface(String name, String mac, Integer mtu, String sandbox) {

        /** Its name and what is set of the rest: {@code eth0 mac 02:00:5e:00:53:01 mtu 1500 sandbox /run/netns/blue}. */
        @Override
        public String toString() {
            return name + (mac == null ? "" : " mac " + mac) + (mtu == null ? "" : " mtu " + mtu)
                    + (sandbox == null ? "" : " sandbox " + sandbox);
        }
    }

    /**
     * An address of the result.
     *
     * @param interfaceIndex index into {@code interfaces}, or null
     * @param address        the address with its prefix length
     * @param gateway        the gateway, or null
     */
    public record Ip(Integer interfaceIndex, Prefix address, InetAddress gateway) {

        /** As {@link IpConfig} writes it, and the interface's index if set: {@code 198.51.100.7/24 gw 198.51.100.1 on interface 0}. */
        @Override
        public String toString() {
            return IpConfig.text(address, gateway) + (interfaceIndex == null ? "" : " on interface " + interfaceIndex);
        }
    }

    /**
     * A route of the result.
     *
     * @param dst     destination
     * @param gateway next hop, or null for the address's gateway
     */
    public record Route(Prefix dst, InetAddress gateway) {

        /** As {@code ip route} writes it ({@link RouteConfig}): {@code default via 198.51.100.1}. */
        @Override
        public String toString() {
            return RouteConfig.text(dst, gateway);
        }
    }

    public CniResult {
        interfaces = List.copyOf(interfaces);
        ips = List.copyOf(ips);
        routes = List.copyOf(routes);
        dns = dns == null ? Dns.NONE : dns;
    }

    /**
     * Its version, interfaces, addresses (on the interface named, where it is one of the result's),
     * routes and DNS settings, as {@code ip} writes them and only what is set:
     * {@code cniVersion 1.0.0: eth0 mac 02:00:5e:00:53:01 sandbox /run/netns/blue; 198.51.100.7/24 gw
     * 198.51.100.1 on eth0; routes: default via 198.51.100.1; dns: nameserver 192.0.2.53}.
     */
    @Override
    public String toString() {
        List<String> addresses = new ArrayList<>();
        for (Ip ip : ips) {
            Integer i = ip.interfaceIndex();
            addresses.add(i != null && i >= 0 && i < interfaces.size()
                    ? IpConfig.text(ip.address(), ip.gateway()) + " on " + interfaces.get(i).name() : ip.toString());
        }
        String allocation = Allocation.text(addresses, routes.stream().map(Route::toString).toList(), dns);
        return "cniVersion " + cniVersion + ": " + (interfaces.isEmpty() ? "" : String.join(", ",
                interfaces.stream().map(Interface::toString).toList()) + "; ") + allocation;
    }

    /** The same result, to be written in {@code version}. */
    public CniResult withVersion(String version) {
        return new CniResult(version, interfaces, ips, routes, dns);
    }

    /** The JSON object of this result in its {@link #cniVersion()}, fields as the reference library writes them. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("cniVersion", cniVersion);
        if (!CniVersion.atLeast(cniVersion, "0.3.0")) {
            legacyIps(json);
            json.put("dns", dns(dns));
            return json;
        }
        boolean versioned = !CniVersion.atLeast(cniVersion, "1.0.0");
        boolean withMtu = CniVersion.atLeast(cniVersion, "1.1.0");
        if (!interfaces.isEmpty()) {
            List<Object> list = new ArrayList<>();
            for (Interface i : interfaces) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("name", i.name());
                putIf(o, "mac", i.mac());
                if (withMtu) {
                    putIf(o, "mtu", i.mtu());
                }
                putIf(o, "sandbox", i.sandbox());
                list.add(o);
            }
            json.put("interfaces", list);
        }
        if (!ips.isEmpty()) {
            List<Object> list = new ArrayList<>();
            for (Ip ip : ips) {
                Map<String, Object> o = new LinkedHashMap<>();
                if (versioned) {
                    o.put("version", ip.address().isIpv4() ? "4" : "6");
                }
                putIf(o, "interface", ip.interfaceIndex());
                o.put("address", ip.address().toString());
                putIf(o, "gateway", text(ip.gateway()));
                list.add(o);
            }
            json.put("ips", list);
        }
        if (!routes.isEmpty()) {
            json.put("routes", routes(routes));
        }
        json.put("dns", dns(dns));
        return json;
    }

    /** The JSON text of {@link #toJson()}: what a plugin prints, what a runtime caches. */
    public String toJsonText() {
        return Json.write(toJson());
    }

    /**
     * Reads a result from its JSON text (a plugin's output, a cached result), no JSON library
     * needed; code 6 naming the field if it is not one.
     */
    public static CniResult parse(String json) {
        return fromJson(Json.object(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), "result"), "result");
    }

    /**
     * Reads a result of any supported version ({@code prevResult}, an IPAM plugin's output);
     * code 6 naming the field if it is not one.
     */
    public static CniResult fromJson(Map<String, ?> json, String what) {
        try {
            ConfigReader r = ConfigReader.of(what, json);
            String version = CniVersion.require(r.string("cniVersion", ""));
            List<Interface> interfaces = new ArrayList<>();
            List<Ip> ips = new ArrayList<>();
            List<Route> routes = new ArrayList<>();
            if (!CniVersion.atLeast(version, "0.3.0")) {
                for (String family : List.of("ip4", "ip6")) {
                    ConfigReader ip = r.object(family);
                    if (ip != null) {
                        ips.add(new Ip(null, prefix(ip, "ip"), ip.address("gateway")));
                        routes.addAll(routes(ip, "routes"));
                    }
                }
            } else {
                List<?> list = r.list("interfaces");
                for (int i = 0; i < list.size(); i++) {
                    ConfigReader o = ConfigReader.element(r.path("interfaces"), list, i);
                    Object mtu = o.has("mtu") ? o.number("mtu") : null;
                    interfaces.add(new Interface(o.requireString("name"), o.string("mac", null),
                            mtu == null ? null : ((Number) mtu).intValue(), o.string("sandbox", null)));
                }
                List<?> addresses = r.list("ips");
                for (int i = 0; i < addresses.size(); i++) {
                    ConfigReader o = ConfigReader.element(r.path("ips"), addresses, i);
                    Number index = o.has("interface") ? o.number("interface") : null;
                    ips.add(new Ip(index == null ? null : index.intValue(), prefix(o, "address"), o.address("gateway")));
                }
                routes.addAll(routes(r, "routes"));
            }
            return new CniResult(version, interfaces, ips, routes, r.dns("dns"));
        } catch (IllegalArgumentException e) {
            throw new CniException(CniException.DECODING_FAILURE, e.getMessage());
        }
    }

    private void legacyIps(Map<String, Object> json) {
        for (boolean v4 : new boolean[] {true, false}) {
            Ip ip = ips.stream().filter(i -> i.address().isIpv4() == v4).findFirst().orElse(null);
            if (ip == null) {
                continue;
            }
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("ip", ip.address().toString());
            putIf(o, "gateway", text(ip.gateway()));
            List<Route> family = routes.stream().filter(r -> r.dst().isIpv4() == v4).toList();
            if (!family.isEmpty()) {
                o.put("routes", routes(family));
            }
            json.put(v4 ? "ip4" : "ip6", o);
        }
    }

    private static List<Object> routes(List<Route> routes) {
        List<Object> list = new ArrayList<>();
        for (Route route : routes) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("dst", route.dst().toString());
            putIf(o, "gw", text(route.gateway()));
            list.add(o);
        }
        return list;
    }

    private static List<Route> routes(ConfigReader r, String field) {
        List<Route> routes = new ArrayList<>();
        List<?> list = r.list(field);
        for (int i = 0; i < list.size(); i++) {
            ConfigReader o = ConfigReader.element(r.path(field), list, i);
            routes.add(new Route(prefix(o, "dst"), o.address("gw")));
        }
        return routes;
    }

    private static Prefix prefix(ConfigReader o, String field) {
        Prefix p = o.prefix(field);
        if (p == null) {
            throw o.missing(field, "is required");
        }
        return p;
    }

    /** The DNS object as Go writes it: always present, empty fields left out. */
    public static Map<String, Object> dns(Dns dns) {
        Map<String, Object> o = new LinkedHashMap<>();
        if (!dns.nameservers().isEmpty()) {
            o.put("nameservers", dns.nameservers());
        }
        putIf(o, "domain", dns.domain());
        if (!dns.search().isEmpty()) {
            o.put("search", dns.search());
        }
        if (!dns.options().isEmpty()) {
            o.put("options", dns.options());
        }
        return o;
    }

    private static void putIf(Map<String, Object> o, String key, Object value) {
        if (value != null) {
            o.put(key, value);
        }
    }

    private static String text(InetAddress address) {
        return address == null ? null : InetAddresses.text(address);
    }
}
