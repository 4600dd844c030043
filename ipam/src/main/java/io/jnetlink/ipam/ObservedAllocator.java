package io.jnetlink.ipam;

import io.jnetlink.core.inet.InetAddresses;
import jdk.jfr.FlightRecorder;

import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What {@link Ipam#open} returns: the plugin's allocator, each call recorded as an
 * {@link IpamOperationEvent} (while JFR is in use) and logged through {@link System.Logger} {@code io.jnetlink.ipam}
 * (failures at DEBUG, the rest at TRACE; silent at the default level).
 */
final class ObservedAllocator implements IpAllocator {

    private static final System.Logger LOG = System.getLogger("io.jnetlink.ipam");

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
                a -> a.ips().stream().map(ip -> ip.address().toString()).collect(Collectors.joining(" ")));
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
        // JFR's first event costs ~0.1 s of start-up: none is made until JFR is in use
        IpamOperationEvent event = FlightRecorder.isInitialized() ? new IpamOperationEvent() : null;
        if (event != null) {
            event.begin();
        }
        T result;
        try {
            result = call.get();
        } catch (RuntimeException e) {
            record(event, operation, owner, null, e);
            throw e;
        }
        if ((event != null && event.shouldCommit()) || LOG.isLoggable(Level.TRACE)) {
            record(event, operation, owner, addresses.apply(result), null);
        }
        return result;
    }

    private void record(IpamOperationEvent event, String operation, Owner owner, String addresses, RuntimeException e) {
        String outcome = e == null ? "ok" : e.getMessage();
        if (event != null) {
            event.end();
            event.plugin = plugin;
            event.network = network;
            event.operation = operation;
            event.containerId = owner == null ? null : owner.containerId();
            event.ifName = owner == null ? null : owner.ifName();
            event.addresses = addresses;
            event.outcome = outcome;
            event.commit();
        }
        Level level = e == null ? Level.TRACE : Level.DEBUG;
        if (LOG.isLoggable(level)) {
            LOG.log(level, plugin + " network " + network + ": " + operation + (owner == null ? "" : " for " + owner)
                    + ": " + (e == null ? "ok" + (addresses == null ? "" : " " + addresses) : outcome));
        }
    }
}
