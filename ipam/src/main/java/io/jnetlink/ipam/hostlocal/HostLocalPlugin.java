package io.jnetlink.ipam.hostlocal;

import io.jnetlink.core.inet.Prefix;
import io.jnetlink.ipam.ConfigReader;
import io.jnetlink.ipam.Dns;
import io.jnetlink.ipam.RouteConfig;
import io.jnetlink.ipam.IpAllocator;
import io.jnetlink.ipam.IpamPlugin;
import io.jnetlink.ipam.JsonValues;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code host-local} plugin: reads the reference plugin's {@code ipam} object. */
public final class HostLocalPlugin implements IpamPlugin<HostLocalConfig> {

    @Override
    public String type() {
        return HostLocalConfig.TYPE;
    }

    @Override
    public Class<HostLocalConfig> configType() {
        return HostLocalConfig.class;
    }

    /**
     * Reads {@code ranges} (a list of range sets, each a list of {@code subnet}, {@code rangeStart},
     * {@code rangeEnd}, {@code gateway}), the older single range at the top level, {@code routes},
     * {@code dataDir} and {@code resolvConf}; also a typed {@code dns} object (not in the reference).
     */
    @Override
    public HostLocalConfig parseConfig(String network, Map<String, ?> ipam) {
        ConfigReader reader = ConfigReader.of("ipam", ipam);
        if (!reader.has("subnet") && !reader.has("ranges")) {
            throw reader.missing("ranges", HostLocalConfig.NO_RANGES, "subnet");
        }
        List<RangeSet> sets = new ArrayList<>();
        if (reader.has("subnet")) {
            sets.add(RangeSet.of(range(reader)));
        }
        List<?> ranges = reader.list("ranges");
        for (int i = 0; i < ranges.size(); i++) {
            String setPath = reader.path("ranges") + "[" + i + "]";
            if (!(ranges.get(i) instanceof List<?> set)) {
                throw new IllegalArgumentException(setPath + ": must be a list of ranges, got "
                        + JsonValues.describe(ranges.get(i)));
            }
            List<IpRange> members = new ArrayList<>();
            for (int j = 0; j < set.size(); j++) {
                members.add(range(ConfigReader.element(setPath, set, j)));
            }
            try {
                sets.add(new RangeSet(members));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(setPath + ": " + e.getMessage(), e);
            }
        }
        String dataDir = reader.string("dataDir", null);
        String resolvConf = reader.string("resolvConf", null);
        List<RouteConfig> routes = reader.routes("routes"); // their errors name their full path already
        Dns dns = reader.dns("dns");
        try {
            return new HostLocalConfig(network, dataDir == null ? null : Path.of(dataDir), sets, routes, dns,
                    resolvConf == null ? null : Path.of(resolvConf));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ipam." + e.getMessage(), e);
        }
    }

    private static IpRange range(ConfigReader r) {
        Prefix subnet = r.prefix("subnet");
        if (subnet == null) {
            throw r.missing("subnet", "is required");
        }
        try {
            return new IpRange(subnet, r.address("rangeStart"), r.address("rangeEnd"), r.address("gateway"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(r.path(e.getMessage()), e);
        }
    }

    @Override
    public IpAllocator open(HostLocalConfig config) {
        return new HostLocalAllocator(config);
    }
}
