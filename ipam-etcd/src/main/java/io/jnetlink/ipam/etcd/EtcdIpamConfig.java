package io.jnetlink.ipam.etcd;

import io.jnetlink.ipam.IpamConfig;
import io.jnetlink.ipam.hostlocal.HostLocalConfig;

/**
 * The {@code etcd} allocator's configuration: host-local's address settings (range sets,
 * routes, DNS; its {@code dataDir} unused) and where the leases live.
 *
 * @param addresses what to hand out, as host-local reads it
 * @param etcd      the etcd cluster and key prefix
 */
public record EtcdIpamConfig(HostLocalConfig addresses, EtcdSettings etcd) implements IpamConfig {

    /** The type name. */
    public static final String TYPE = "etcd";

    @Override
    public String type() {
        return TYPE;
    }
}
