package io.jnetlink.ipam.dhcp;

import io.jnetlink.ipam.IpAllocator;
import io.jnetlink.ipam.IpamPlugin;
import io.jnetlink.ipam.IpamUnavailableException;

import java.util.Map;

/** The {@code dhcp} IPAM type (see {@link DhcpConfig}); needs a {@link DhcpRenewer} running in the process. */
public final class DhcpPlugin implements IpamPlugin<DhcpConfig> {

    @Override
    public String type() {
        return DhcpConfig.TYPE;
    }

    @Override
    public Class<DhcpConfig> configType() {
        return DhcpConfig.class;
    }

    @Override
    public DhcpConfig parseConfig(String network, Map<String, ?> ipam) {
        return DhcpConfig.parse(network, ipam);
    }

    /**
     * The allocator, on the process's renewer.
     *
     * @throws IpamUnavailableException if no renewer runs: leases nobody renews would lapse
     */
    @Override
    public IpAllocator open(DhcpConfig config) {
        DhcpRenewer renewer = DhcpRenewer.running().orElseThrow(() -> new IpamUnavailableException(
                "ipam type dhcp: no DHCP renewer runs in this process, and a lease nobody renews lapses; "
                        + "call the plugin through cni-daemon (it runs one), or in a Java program start "
                        + "DhcpRenewer.start(directory) and keep it open", null));
        return new DhcpAllocator(config, renewer);
    }
}
