package io.jnetlink.ipam;

import java.util.Map;

/**
 * A kind of IP allocator, found with {@link java.util.ServiceLoader} by {@link #type()} (see
 * {@link Ipam}). Register an implementation in {@code META-INF/services/io.jnetlink.ipam.IpamPlugin}
 * or with {@code provides} in a module.
 *
 * @param <C> the plugin's configuration
 */
public interface IpamPlugin<C extends IpamConfig> {

    /** The type name, as in a CNI config's {@code ipam.type}, e.g. {@code host-local}. */
    String type();

    /** The class of the plugin's configuration. */
    Class<C> configType();

    /**
     * Reads the plugin's configuration from a CNI config's {@code ipam} object, given as JSON-shaped
     * values (maps, lists, strings, numbers, booleans), so callers with any JSON library can use it.
     *
     * @param network the CNI network name (the config's {@code name})
     * @param ipam    the {@code ipam} object
     * @throws IllegalArgumentException naming the field and value that are wrong
     */
    C parseConfig(String network, Map<String, ?> ipam);

    /** An allocator for this configuration; the caller closes it. */
    IpAllocator open(C config);
}
