package io.jnetlink.ipam;

import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.core.inet.Prefix;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plugin that exists only in the test sources, registered in the tests'
 * {@code META-INF/services}, to show that users can plug in their own allocator.
 */
public final class InMemoryPlugin implements IpamPlugin<InMemoryPlugin.Config> {

    /** Its configuration: hand out addresses of {@code subnet} in order, from network + 10. */
    record Config(Prefix subnet) implements IpamConfig {
        @Override
        public String type() {
            return "in-memory";
        }
    }

    @Override
    public String type() {
        return "in-memory";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Config parseConfig(String network, Map<String, ?> ipam) {
        return new Config(ConfigReader.of("ipam", ipam).network("subnet"));
    }

    @Override
    public IpAllocator open(Config config) {
        Prefix subnet = config.subnet();
        return new IpAllocator() {
            private final Map<Owner, InetAddress> leases = new LinkedHashMap<>();
            private InetAddress next = subnet.network();

            @Override
            public synchronized Allocation allocate(Owner owner, List<InetAddress> requested) {
                if (leases.containsKey(owner)) {
                    throw new IpamException(owner + " already holds " + leases.get(owner));
                }
                if (leases.isEmpty() && next.equals(subnet.network())) {
                    for (int i = 0; i < 10; i++) {
                        next = InetAddresses.next(next);
                    }
                }
                InetAddress address = next;
                next = InetAddresses.next(next);
                leases.put(owner, address);
                return new Allocation(List.of(new IpConfig(new Prefix(address, subnet.length()), null)), List.of(),
                        Dns.NONE);
            }

            @Override
            public synchronized void release(Owner owner) {
                leases.remove(owner);
            }

            @Override
            public synchronized void check(Owner owner) {
                if (!leases.containsKey(owner)) {
                    throw new IpamException(owner + " holds nothing");
                }
            }

            @Override
            public synchronized List<Lease> list() {
                List<Lease> list = new ArrayList<>();
                leases.forEach((o, a) -> list.add(new Lease(a, o.containerId(), o.ifName(), null)));
                return list;
            }
        };
    }
}
