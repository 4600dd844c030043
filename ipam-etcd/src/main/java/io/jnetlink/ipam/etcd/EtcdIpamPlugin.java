package io.jnetlink.ipam.etcd;

import io.jnetlink.ipam.ConfigReader;
import io.jnetlink.ipam.IpAllocator;
import io.jnetlink.ipam.IpamPlugin;
import io.jnetlink.ipam.hostlocal.HostLocalAllocator;
import io.jnetlink.ipam.hostlocal.HostLocalConfig;
import io.jnetlink.ipam.hostlocal.HostLocalPlugin;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The {@code etcd} IPAM type: host-local's allocation (range sets, requested addresses, gateway
 * rules, round-robin) over leases kept in etcd ({@link EtcdLeaseStore}), so every host of a LAN
 * draws from one address space. Config: host-local's fields plus
 * <pre>{@code
 * "etcd": {"endpoints": ["https://10.0.0.5:2379", ...], "keyPrefix": "/jnetlink/ipam",
 *          "hostId": "node-7", "timeoutMillis": 5000,
 *          "tls": {"ca": "/etc/etcd/ca.pem", "cert": "...", "key": "..."}, "user": "...", "password": "...",
 *          "leaseSeconds": 300}
 * }</pre>
 * With {@code leaseSeconds}, addresses are bound to the host's lease, which a long-lived process on
 * the host renews ({@link EtcdHostLease#keepAlive}); a host that dies loses them after that time.
 * {@code hostId} defaults to {@code /etc/machine-id}, else the host name.
 */
public final class EtcdIpamPlugin implements IpamPlugin<EtcdIpamConfig> {

    @Override
    public String type() {
        return EtcdIpamConfig.TYPE;
    }

    @Override
    public Class<EtcdIpamConfig> configType() {
        return EtcdIpamConfig.class;
    }

    @Override
    public EtcdIpamConfig parseConfig(String network, Map<String, ?> ipam) {
        HostLocalConfig addresses = new HostLocalPlugin().parseConfig(network, ipam);
        ConfigReader etcd = ConfigReader.of("ipam", ipam).object("etcd");
        if (etcd == null) {
            throw new IllegalArgumentException("ipam.etcd: required (endpoints, keyPrefix, hostId, ...)");
        }
        ConfigReader tls = etcd.object("tls");
        EtcdSettings settings = new EtcdSettings(etcd.strings("endpoints"),
                etcd.string("keyPrefix", EtcdSettings.DEFAULT_PREFIX), etcd.string("hostId", defaultHostId()),
                Duration.ofMillis(etcd.integer("timeoutMillis", EtcdSettings.DEFAULT_TIMEOUT.toMillis(), 1,
                        Integer.MAX_VALUE)),
                tls == null ? null : new EtcdSettings.Tls(path(tls, "ca"), path(tls, "cert"), path(tls, "key")),
                etcd.string("user", null), etcd.string("password", null),
                etcd.has("leaseSeconds") ? Duration.ofSeconds(etcd.integer("leaseSeconds", 0, 1, Integer.MAX_VALUE))
                        : null);
        return new EtcdIpamConfig(addresses, settings);
    }

    @Override
    public IpAllocator open(EtcdIpamConfig config) {
        return new HostLocalAllocator(config.addresses(),
                EtcdLeaseStore.open(config.etcd(), config.addresses().network()));
    }

    private static Path path(ConfigReader r, String field) {
        String text = r.string(field, null);
        return text == null ? null : Path.of(text);
    }

    /** {@code /etc/machine-id}, else the host name. */
    static String defaultHostId() {
        try {
            String id = Files.readString(Path.of("/etc/machine-id")).strip();
            if (!id.isEmpty()) {
                return id;
            }
        } catch (IOException absent) {
            // fall back to the host name
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            throw new IllegalArgumentException("ipam.etcd.hostId: not given, and neither /etc/machine-id nor the "
                    + "host name could be read: " + e.getMessage(), e);
        }
    }
}
