package io.jnetlink.ipam;

import io.jnetlink.core.NetNs;
import io.jnetlink.core.OperationObserver;
import io.jnetlink.core.inet.InetAddresses;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What {@link Ipam#open} returns: the plugin's allocator, each call recorded as an
 * {@link IpamOperationEvent} (while JFR is in use) and logged through {@link System.Logger} {@code io.jnetlink.ipam}
 * (failures at DEBUG, the rest at TRACE; silent at the default level), as {@link OperationObserver} records.
 */
final class ObservedAllocator implements IpAllocator {

    private static final OperationObserver<IpamOperationEvent> OBSERVER =
            new OperationObserver<>(System.getLogger("io.jnetlink.ipam"), IpamOperationEvent::new);

    private final String plugin;
    private final String network;
    private final IpAllocator allocator;

    ObservedAllocator(String plugin, String network, IpAllocator allocator) {
        this.plugin = plugin;
        this.network = network;
        this.allocator = allocator;
    }

    @Override
    public Allocation allocate(Owner owner, List<InetAddress> requested) {
        return observed("allocate", owner, () -> allocator.allocate(owner, requested),
                ObservedAllocator::addresses);
    }

    @Override
    public boolean needsInterface() {
        return allocator.needsInterface();
    }

    @Override
    public Allocation allocate(Owner owner, List<InetAddress> requested, NetNs container) {
        return observed("allocate", owner, () -> allocator.allocate(owner, requested, container),
                ObservedAllocator::addresses);
    }

    private static String addresses(Allocation a) {
        return a.ips().stream().map(ip -> ip.address().toString()).collect(Collectors.joining(" "));
    }

    @Override
    public void release(Owner owner) {
        observed("release", owner, () -> allocator.release(owner));
    }

    @Override
    public void check(Owner owner) {
        observed("check", owner, () -> allocator.check(owner));
    }

    @Override
    public List<Lease> list() {
        return observed("list", null, allocator::list, leases -> leases.size() + " leases");
    }

    @Override
    public List<Lease> garbageCollect(Set<Owner> live) {
        return observed("gc", null, () -> allocator.garbageCollect(live), released -> released.size() + " released: "
                + released.stream().map(l -> InetAddresses.text(l.address())).collect(Collectors.joining(" ")));
    }

    @Override
    public void close() {
        allocator.close();
    }

    private void observed(String operation, Owner owner, Runnable call) {
        observed(operation, owner, () -> {
            call.run();
            return null;
        }, nothing -> null);
    }

    private <T> T observed(String operation, Owner owner, Supplier<T> call, Function<T, String> addresses) {
        return OBSERVER.observe(call, (event, result, failure) -> {
            event.plugin = plugin;
            event.network = network;
            event.operation = operation;
            event.containerId = owner == null ? null : owner.containerId();
            event.ifName = owner == null ? null : owner.ifName();
            event.addresses = failure == null ? addresses.apply(result) : null;
            event.outcome = failure == null ? "ok" : failure.getMessage();
        }, (result, failure) -> {
            String listed = failure == null ? addresses.apply(result) : null;
            return plugin + " network " + network + ": " + operation + (owner == null ? "" : " for " + owner) + ": "
                    + (failure == null ? "ok" + (listed == null ? "" : " " + listed) : failure.getMessage());
        });
    }
}
