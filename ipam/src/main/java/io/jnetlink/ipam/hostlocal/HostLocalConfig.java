package io.jnetlink.ipam.hostlocal;

import io.jnetlink.ipam.Allocation;
import io.jnetlink.ipam.Dns;
import io.jnetlink.ipam.IpamConfig;
import io.jnetlink.ipam.RouteConfig;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Configuration of the {@code host-local} allocator, as the reference plugin reads it.
 *
 * @param network    the CNI network name; the store is {@code dataDir/network}
 * @param dataDir    the data root ({@link #DEFAULT_DATA_DIR} if null)
 * @param ranges     range sets; a container gets one address from each
 * @param routes     routes handed out with every allocation
 * @param dns        DNS settings handed out with every allocation ({@link Dns#NONE} if null)
 * @param resolvConf a resolv.conf read at each allocation for the DNS settings (as the reference
 *                   does), or null; not together with {@code dns}
 */
public record HostLocalConfig(String network, Path dataDir, List<RangeSet> ranges, List<RouteConfig> routes,
                              Dns dns, Path resolvConf) implements IpamConfig {

    /** The type name. */
    public static final String TYPE = "host-local";

    /** What is wrong with a config without range sets (the reference plugin's words). */
    static final String NO_RANGES = "no IP ranges specified";

    /** Where the reference plugin keeps its state by default. */
    public static final Path DEFAULT_DATA_DIR = Path.of("/var/lib/cni/networks");

    public HostLocalConfig {
        if (network == null || network.isEmpty() || network.equals(".") || network.equals("..")
                || network.indexOf('/') >= 0 || network.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("name: network name \"" + network
                    + "\" would escape the data directory (empty, . or .., or contains /)");
        }
        dataDir = dataDir == null ? DEFAULT_DATA_DIR : dataDir;
        for (Path part : dataDir) {
            if (part.toString().equals("..")) {
                throw new IllegalArgumentException("dataDir: \"" + dataDir + "\" contains ..");
            }
        }
        dataDir = dataDir.normalize();
        ranges = List.copyOf(ranges);
        routes = List.copyOf(routes);
        dns = dns == null ? Dns.NONE : dns;
        if (!dns.isEmpty() && resolvConf != null) {
            throw new IllegalArgumentException("dns/resolvConf: give DNS settings or a resolv.conf, not both");
        }
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("ranges: " + NO_RANGES);
        }
        for (int i = 0; i < ranges.size(); i++) {
            for (int j = i + 1; j < ranges.size(); j++) {
                if (ranges.get(i).overlaps(ranges.get(j))) {
                    throw new IllegalArgumentException("ranges: range set " + i + " overlaps with " + j);
                }
            }
        }
    }

    /** Without typed DNS settings (none, or those of {@code resolvConf}). */
    public HostLocalConfig(String network, Path dataDir, List<RangeSet> ranges, List<RouteConfig> routes,
                           Path resolvConf) {
        this(network, dataDir, ranges, routes, Dns.NONE, resolvConf);
    }

    /** One range set per subnet, no routes, no DNS; {@code dataDir} null for the default. */
    public static HostLocalConfig of(String network, Path dataDir, String... subnets) {
        return new HostLocalConfig(network, dataDir,
                Arrays.stream(subnets).map(s -> RangeSet.of(IpRange.of(s))).toList(), List.of(), null);
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** The directory holding this network's leases. */
    public Path directory() {
        return dataDir.resolve(network);
    }

    /**
     * What it hands out, where it keeps it, only what is set:
     * {@code host-local in /var/lib/cni/networks/n: 198.51.100.2-198.51.100.254; routes: default}.
     */
    @Override
    public String toString() {
        String text = TYPE + " in " + directory() + ": " + Allocation.text(
                ranges.stream().map(RangeSet::toString).toList(),
                routes.stream().map(RouteConfig::toString).toList(), dns);
        return resolvConf == null ? text : text + "; dns from " + resolvConf;
    }
}
