package io.jnetlink.ipam.staticip;

import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.ipam.Allocation;
import io.jnetlink.ipam.IpamException;
import io.jnetlink.ipam.Owner;
import io.jnetlink.ipam.StatelessAllocator;

import java.net.InetAddress;
import java.util.List;

/** Hands out the configured addresses as they are; it stores nothing, so release and list are empty. */
public final class StaticAllocator implements StatelessAllocator {

    private final StaticConfig config;

    /** Hands out what {@code config} lists. */
    public StaticAllocator(StaticConfig config) {
        this.config = config;
    }

    @Override
    public Allocation allocate(Owner owner, List<InetAddress> requested) {
        for (InetAddress address : requested) {
            if (config.addresses().stream().noneMatch(ip -> ip.address().address().equals(address))) {
                throw new IpamException("static: allocating for " + owner + ": requested address "
                        + InetAddresses.text(address) + " is not among the configured addresses " + config.addresses());
            }
        }
        return new Allocation(config.addresses(), config.routes(), config.dns());
    }
}
