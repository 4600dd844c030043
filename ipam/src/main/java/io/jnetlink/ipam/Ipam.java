package io.jnetlink.ipam;

import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Finds {@link IpamPlugin}s by type name with {@link ServiceLoader} and opens their allocators;
 * an allocator opened here records each call as a JFR event ({@code io.jnetlink.IpamOperation})
 * and logs it through {@link System.Logger} {@code io.jnetlink.ipam}.
 */
public final class Ipam {

    private Ipam() {
    }

    /** The plugin of this type, e.g. {@code host-local}, {@code static}, or one of your own. */
    public static IpamPlugin<?> plugin(String type) {
        IpamPlugin<?> plugin = Plugins.BY_TYPE.get(type);
        if (plugin == null) {
            throw new IllegalArgumentException("ipam.type: no IPAM plugin \"" + type + "\" (found: " + types() + ")");
        }
        return plugin;
    }

    /** True if a plugin of this type was found. */
    public static boolean has(String type) {
        return Plugins.BY_TYPE.containsKey(type);
    }

    /** The type names of every plugin found. */
    public static SortedSet<String> types() {
        return new TreeSet<>(Plugins.BY_TYPE.keySet());
    }

    /** An allocator for {@code config}, from the plugin its type names. */
    public static IpAllocator open(IpamConfig config) {
        return open(plugin(config.type()), config);
    }

    /** Parses a CNI config's {@code ipam} object with the plugin its {@code type} names, and opens it. */
    public static IpAllocator open(String network, Map<String, ?> ipam) {
        return open(plugin(ConfigReader.of("ipam", ipam).requireString("type")), network, ipam);
    }

    private static <C extends IpamConfig> IpAllocator open(IpamPlugin<C> plugin, String network, Map<String, ?> ipam) {
        return new ObservedAllocator(plugin.type(), network, plugin.open(plugin.parseConfig(network, ipam)));
    }

    private static <C extends IpamConfig> IpAllocator open(IpamPlugin<C> plugin, IpamConfig config) {
        if (!plugin.configType().isInstance(config)) {
            throw new IllegalArgumentException("ipam.type: plugin " + plugin.type() + " cannot use a "
                    + config.getClass().getSimpleName() + " config");
        }
        return new ObservedAllocator(plugin.type(), config.network(),
                plugin.open(plugin.configType().cast(config)));
    }

    /** The plugins {@link ServiceLoader} finds, looked up once (a scan costs about half a millisecond). */
    private static final class Plugins {
        static final Map<String, IpamPlugin<?>> BY_TYPE = new HashMap<>();

        static {
            for (IpamPlugin<?> plugin : ServiceLoader.load(IpamPlugin.class)) {
                BY_TYPE.putIfAbsent(plugin.type(), plugin);
            }
        }
    }
}
