package io.jnetlink.ipam;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A {@link LeaseStore} in memory, for tests and for allocators whose leases need not outlive the
 * process. Thread-safe: {@link #locked} excludes other threads.
 */
public final class MemoryLeaseStore implements LeaseStore {

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<InetAddress, Lease> leases = new LinkedHashMap<>();
    private final Map<Integer, InetAddress> lastReserved = new HashMap<>();

    @Override
    public <T> T locked(String attempt, Supplier<T> operation) {
        lock.lock();
        try {
            return operation.get();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean reserve(Owner owner, InetAddress address, int rangeSet) {
        if (leases.putIfAbsent(address, new Lease(address, owner.containerId(), owner.ifName(), null)) != null) {
            return false;
        }
        lastReserved.put(rangeSet, address);
        return true;
    }

    @Override
    public InetAddress lastReserved(int rangeSet) {
        return lastReserved.get(rangeSet);
    }

    @Override
    public boolean release(InetAddress address) {
        return leases.remove(address) != null;
    }

    @Override
    public List<Lease> leases() {
        return new ArrayList<>(leases.values());
    }
}
