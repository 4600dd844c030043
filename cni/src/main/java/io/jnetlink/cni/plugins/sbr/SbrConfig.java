package io.jnetlink.cni.plugins.sbr;

import io.jnetlink.attach.SourceRouting;
import io.jnetlink.cni.skel.CniCall;
import io.jnetlink.cni.types.CniException;
import io.jnetlink.cni.types.CniResult;
import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.core.inet.IpFamily;
import io.jnetlink.ipam.ConfigReader;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sbr plugin's config: the reference's (only {@code prevResult} matters to it) plus the two
 * options later reference versions added (containernetworking/plugins #1217), {@code gateway} (one
 * address or a list, at most one per family: the gateway of the tables of that family's addresses
 * that {@code prevResult} gives none, when in their subnet) and {@code preserveDefaultRoutes}
 * (leave the interface's default routes in the main table too). Code 7 naming the field for what is malformed.
 *
 * @param cniVersion {@code cniVersion}
 * @param name       {@code name}
 * @param gateways   {@code gateway}, at most one per family
 * @param defaults   what becomes of the interface's main-table default routes
 * @param prevResult {@code prevResult}, or null (ADD and CHECK refuse to run without it)
 */
public record SbrConfig(String cniVersion, String name, List<InetAddress> gateways,
                        SourceRouting.MainDefaultRoutes defaults, CniResult prevResult) {

    /** Parses the config of {@code call}. */
    public static SbrConfig parse(CniCall call) {
        Map<String, Object> raw = call.json();
        ConfigReader r = ConfigReader.of("config", raw);
        try {
            List<InetAddress> gateways = gateways(r);
            ConfigReader prev = r.object("prevResult");
            @SuppressWarnings("unchecked")
            CniResult prevResult = prev == null ? null
                    : CniResult.fromJson((Map<String, Object>) raw.get("prevResult"), "prevResult");
            return new SbrConfig(call.cniVersion(), r.string("name", ""), gateways,
                    r.bool("preserveDefaultRoutes", false) ? SourceRouting.MainDefaultRoutes.KEEP
                            : SourceRouting.MainDefaultRoutes.MOVE, prevResult);
        } catch (IllegalArgumentException e) {
            throw new CniException(CniException.INVALID_CONFIG, e.getMessage());
        }
    }

    /** The configured gateway of {@code family}, or null. */
    public InetAddress gateway(IpFamily family) {
        return gateways.stream().filter(g -> IpFamily.of(g) == family).findFirst().orElse(null);
    }

    /** The prevResult ADD and CHECK need; code 7 if there is none. */
    public CniResult requirePrevResult(String command) {
        if (prevResult == null) {
            throw new CniException(CniException.INVALID_CONFIG, "prevResult: missing; sbr runs chained after the"
                    + " plugin that made the interface (" + command + " needs its result)");
        }
        return prevResult;
    }

    private static List<InetAddress> gateways(ConfigReader r) {
        if (!r.has("gateway")) {
            return List.of();
        }
        List<String> texts = r.raw("gateway") instanceof String one ? List.of(one) : r.strings("gateway");
        List<InetAddress> gateways = new ArrayList<>();
        for (String text : texts) {
            InetAddress gateway = InetAddresses.parse(r.path("gateway"), text);
            if (gateways.stream().anyMatch(g -> IpFamily.of(g) == IpFamily.of(gateway))) {
                throw new IllegalArgumentException(r.path("gateway") + ": two gateways of the family of "
                        + text + "; give at most one IPv4 and one IPv6 gateway");
            }
            gateways.add(gateway);
        }
        return List.copyOf(gateways);
    }
}
