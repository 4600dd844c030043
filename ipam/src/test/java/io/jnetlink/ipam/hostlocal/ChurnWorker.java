package io.jnetlink.ipam.hostlocal;

import io.jnetlink.ipam.Owner;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A JVM that allocates and releases from one host-local directory until it is killed: keeps up to
 * eight leases, releasing the oldest before taking a new one. Prints {@code READY} after its first
 * allocation. Arguments: dataDir network subnet ownerPrefix.
 */
public final class ChurnWorker {

    private ChurnWorker() {
    }

    public static void main(String[] args) {
        HostLocalAllocator allocator = new HostLocalAllocator(HostLocalConfig.of(args[1], Path.of(args[0]), args[2]));
        Deque<Owner> held = new ArrayDeque<>();
        for (long i = 0; ; i++) {
            if (held.size() == 8) {
                allocator.release(held.removeFirst());
            }
            Owner owner = new Owner(args[3] + i, "eth0");
            allocator.allocate(owner);
            held.addLast(owner);
            if (i == 0) {
                System.out.println("READY");
                System.out.flush();
            }
        }
    }
}
