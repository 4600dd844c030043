package io.jnetlink.ipam.staticip;

import io.jnetlink.core.inet.Prefix;
import io.jnetlink.ipam.ConfigReader;
import io.jnetlink.ipam.Dns;
import io.jnetlink.ipam.RouteConfig;
import io.jnetlink.ipam.IpAllocator;
import io.jnetlink.ipam.IpConfig;
import io.jnetlink.ipam.IpamPlugin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code static} plugin: reads {@code addresses} ({@code address}, {@code gateway}),
 * {@code routes} and {@code dns}.
 */
public final class StaticPlugin implements IpamPlugin<StaticConfig> {

    @Override
    public String type() {
        return StaticConfig.TYPE;
    }

    @Override
    public Class<StaticConfig> configType() {
        return StaticConfig.class;
    }

    @Override
    public StaticConfig parseConfig(String network, Map<String, ?> ipam) {
        ConfigReader reader = ConfigReader.of("ipam", ipam);
        if (!reader.has("addresses")) {
            throw reader.missing("addresses", StaticConfig.NO_ADDRESSES);
        }
        List<?> list = reader.list("addresses");
        List<IpConfig> addresses = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            ConfigReader a = ConfigReader.element(reader.path("addresses"), list, i);
            Prefix address = a.prefix("address");
            if (address == null) {
                throw a.missing("address", "is required");
            }
            try {
                addresses.add(new IpConfig(address, a.address("gateway")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(a.path(e.getMessage()), e);
            }
        }
        List<RouteConfig> routes = reader.routes("routes"); // their errors name their full path already
        Dns dns = reader.dns("dns");
        try {
            return new StaticConfig(addresses, routes, dns);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ipam." + e.getMessage(), e);
        }
    }

    @Override
    public IpAllocator open(StaticConfig config) {
        return new StaticAllocator(config);
    }
}
