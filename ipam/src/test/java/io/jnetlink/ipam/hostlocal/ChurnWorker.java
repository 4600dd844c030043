package io.jnetlink.ipam.hostlocal;

import io.jnetlink.ipam.Owner;

import java.nio.file.Path;

/**
 * A JVM that allocates and releases from one host-local directory until it is killed, cycling
 * through a small pool of owners ({@code <ownerPrefix>0..7}) shared with the workers before and
 * after it: each owner's lease is released (if a killed worker left one) and taken again, so a kill
 * between the two steps, or inside either, is where a holder could end up with two leases. Prints
 * {@code READY} after its first allocation. Arguments: dataDir network subnet ownerPrefix.
 */
public final class ChurnWorker {

    static final int POOL = 8;

    private ChurnWorker() {
    }

    public static void main(String[] args) {
        HostLocalAllocator allocator = new HostLocalAllocator(HostLocalConfig.of(args[1], Path.of(args[0]), args[2]));
        for (long i = 0; ; i++) {
            Owner owner = new Owner(args[3] + (i % POOL), "eth0");
            allocator.release(owner);
            allocator.allocate(owner);
            if (i == 0) {
                System.out.println("READY");
                System.out.flush();
            }
        }
    }
}
