package io.jnetlink.cni.plugins.ipam;

import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.core.inet.Prefix;
import io.jnetlink.ipam.ConfigReader;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The addresses a {@code static} IPAM hands out, with the reference plugin's precedence: the
 * config's {@code addresses}, plus CNI_ARGS {@code IP} (CIDR, comma list; {@code GATEWAY} set on
 * the addresses whose subnet holds it); then {@code args.cni.ips}, then {@code runtimeConfig.ips},
 * each replacing what came before.
 */
final class StaticAddresses {

    private StaticAddresses() {
    }

    /** {@code ipam} with its {@code addresses} as the reference static plugin would use them. */
    static Map<String, Object> apply(Map<String, Object> ipam, Map<String, String> env, ConfigReader cniArgs,
                                     ConfigReader runtime) {
        List<Map<String, Object>> addresses = new ArrayList<>();
        ConfigReader r = ConfigReader.of("ipam", ipam);
        for (Object entry : r.list("addresses")) {
            addresses.add(entry instanceof Map<?, ?> m ? new LinkedHashMap<>(asMap(m)) : new LinkedHashMap<>());
        }
        String ip = env.getOrDefault("IP", "");
        if (!ip.isBlank()) {
            for (String item : ip.split(",")) {
                addresses.add(entry("CNI_ARGS IP", item.strip()));
            }
        }
        String gateways = env.getOrDefault("GATEWAY", "");
        if (!gateways.isBlank()) {
            for (String item : gateways.split(",")) {
                InetAddress gateway = InetAddresses.parse("CNI_ARGS GATEWAY", item.strip());
                for (Map<String, Object> a : addresses) {
                    // an entry without a text address is reported by the static plugin's own parsing
                    if (a.get("address") instanceof String text
                            && Prefix.parse("ipam.addresses", text).contains(gateway)) {
                        a.put("gateway", InetAddresses.text(gateway));
                    }
                }
            }
        }
        for (ConfigReader source : new ConfigReader[]{cniArgs, runtime}) {
            if (source != null && !source.strings("ips").isEmpty()) {
                addresses.clear();
                for (String item : source.strings("ips")) {
                    addresses.add(entry(source.path("ips"), item));
                }
            }
        }
        Map<String, Object> result = new LinkedHashMap<>(ipam);
        if (!addresses.isEmpty() || ipam.containsKey("addresses")) { // none at all: the static plugin says what is missing
            result.put("addresses", addresses);
        }
        return result;
    }

    private static Map<String, Object> entry(String field, String cidr) {
        if (!cidr.contains("/")) {
            throw new IllegalArgumentException(field + ": \"" + cidr + "\" is not in CIDR notation");
        }
        Prefix.parse(field, cidr);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("address", cidr);
        return entry;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }
}
