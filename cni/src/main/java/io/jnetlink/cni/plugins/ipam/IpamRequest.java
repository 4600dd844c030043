package io.jnetlink.cni.plugins.ipam;

import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.ipam.ConfigReader;
import io.jnetlink.ipam.Owner;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a network config asks of IPAM, read as the reference IPAM plugins read it.
 *
 * @param ipam      the {@code ipam} object (a {@code static} one with the requested addresses applied,
 *                  see {@link StaticAddresses}; a {@code dhcp} one with its {@code provide} values
 *                  taken from CNI_ARGS, see {@link DhcpProvidedOptions}), or null when there is none
 *                  or it has no type
 * @param requested addresses asked of an allocator such as {@code host-local}: CNI_ARGS {@code IP}
 *                  (comma list), {@code args.cni.ips}, {@code runtimeConfig.ips}; empty for static
 */
public record IpamRequest(Map<String, Object> ipam, List<InetAddress> requested) {

    /** From config {@code r} and the CNI_ARGS pairs {@code env}. */
    public static IpamRequest of(ConfigReader r, Map<String, String> env) {
        ConfigReader runtime = r.object("runtimeConfig");
        ConfigReader cniArgs = Optional.ofNullable(r.object("args")).map(a -> a.object("cni")).orElse(null);
        ConfigReader ipam = r.object("ipam");
        if (ipam == null || ipam.string("type", "").isEmpty()) {
            return new IpamRequest(null, List.of());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> raw = (Map<String, Object>) r.raw("ipam");
        if ("static".equals(ipam.string("type", ""))) {
            return new IpamRequest(StaticAddresses.apply(raw, env, cniArgs, runtime), List.of());
        }
        if ("dhcp".equals(ipam.string("type", ""))) {
            raw = DhcpProvidedOptions.apply(raw, env);
        }
        return new IpamRequest(raw, requested(env, cniArgs, runtime));
    }

    /** {@code ipam host-local, requesting 192.0.2.5, 2001:db8::5}; {@code no ipam} without one. */
    @Override
    public String toString() {
        return ipam == null ? "no ipam" : "ipam " + type() + (requested.isEmpty() ? "" : ", requesting "
                + String.join(", ", requested.stream().map(InetAddresses::text).toList()));
    }

    /** The IPAM type, or null for none. */
    public String type() {
        return ipam == null ? null : (String) ipam.get("type");
    }

    /** GC's {@code cni.dev/valid-attachments} of config {@code r}, as owners. */
    public static Set<Owner> validAttachments(ConfigReader r) {
        Set<Owner> live = new HashSet<>();
        List<?> valid = r.list("cni.dev/valid-attachments");
        for (int i = 0; i < valid.size(); i++) {
            ConfigReader a = ConfigReader.element(r.path("cni.dev/valid-attachments"), valid, i);
            live.add(new Owner(a.requireString("containerID"), a.requireString("ifname")));
        }
        return live;
    }

    private static List<InetAddress> requested(Map<String, String> env, ConfigReader cniArgs, ConfigReader runtime) {
        LinkedHashSet<InetAddress> ips = new LinkedHashSet<>();
        String ip = env.get("IP");
        if (ip != null && !ip.isBlank()) {
            for (String item : ip.split(",")) {
                ips.add(address("CNI_ARGS IP", item.strip()));
            }
        }
        if (cniArgs != null) {
            for (String item : cniArgs.strings("ips")) {
                ips.add(address(cniArgs.path("ips"), item));
            }
        }
        if (runtime != null) {
            for (String item : runtime.strings("ips")) {
                ips.add(address(runtime.path("ips"), item));
            }
        }
        return new ArrayList<>(ips);
    }

    private static InetAddress address(String field, String text) {
        return InetAddresses.parseWithOptionalLength(field, text);
    }
}
