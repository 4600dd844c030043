package io.jnetlink.cni.plugins.ipam;

import io.jnetlink.cni.plugins.CniErrors;
import io.jnetlink.cni.plugins.ContainerNetns;
import io.jnetlink.cni.skel.CniCall;
import io.jnetlink.cni.skel.CniPlugin;
import io.jnetlink.cni.types.CniException;
import io.jnetlink.cni.types.CniResult;
import io.jnetlink.core.NetNs;
import io.jnetlink.ipam.Allocation;
import io.jnetlink.ipam.ConfigReader;
import io.jnetlink.ipam.IpAllocator;
import io.jnetlink.ipam.Ipam;
import io.jnetlink.ipam.Owner;

import java.util.function.BiFunction;

/**
 * The {@code ipam} module's allocators ({@code host-local}, {@code static}, or any type its
 * ServiceLoader finds) as CNI IPAM plugins in this JVM: the config's {@code ipam} object and the
 * runtime arguments in, the reference IPAM plugins' result out. ADD allocates for
 * {@code CNI_CONTAINERID}/{@code CNI_IFNAME} (requested addresses as the reference plugins take
 * them), DEL releases, CHECK verifies the lease is held, GC releases what no valid attachment holds,
 * STATUS opens the store.
 *
 * <pre>{@code
 * CniRuntime runtime = CniRuntime.builder().plugin("host-local", new IpamCniPlugin()).build();
 * }</pre>
 */
public final class IpamCniPlugin implements CniPlugin {

    /** Named {@code ipam} in events and logs (it serves whatever type the config's {@code ipam} names). */
    @Override
    public String type() {
        return "ipam";
    }

    @Override
    public CniResult add(CniCall call) {
        return withAllocator(call, (allocator, request) -> AllocationResults.result(call.cniVersion(),
                allocate(allocator, call, request)));
    }

    /** Allocates; an allocator that needs the interface (DHCP) gets the namespace {@code CNI_NETNS} names. */
    private static Allocation allocate(IpAllocator allocator, CniCall call, IpamRequest request) {
        if (!allocator.needsInterface()) {
            return allocator.allocate(owner(call), request.requested());
        }
        try (NetNs container = ContainerNetns.open(call.args())) {
            return allocator.allocate(owner(call), request.requested(), container);
        }
    }

    @Override
    public void del(CniCall call) {
        withAllocator(call, (allocator, request) -> {
            allocator.release(owner(call));
            return null;
        });
    }

    @Override
    public void check(CniCall call) {
        withAllocator(call, (allocator, request) -> {
            allocator.check(owner(call));
            return null;
        });
    }

    /** Ready when the config parses and the store opens. */
    @Override
    public void status(CniCall call) {
        withAllocator(call, (allocator, request) -> null);
    }

    @Override
    public void gc(CniCall call) {
        withAllocator(call, (allocator, request) -> {
            allocator.garbageCollect(IpamRequest.validAttachments(ConfigReader.of("config", call.json())));
            return null;
        });
    }

    private static IpamRequest request(CniCall call) {
        ConfigReader r = ConfigReader.of("config", call.json());
        IpamRequest request = CniErrors.guarded(() -> IpamRequest.of(r, call.args().keyValues()));
        if (request.ipam() == null) { // the reference's IPAM plugins need both
            ConfigReader ipam = r.object("ipam");
            throw new CniException(CniException.INVALID_CONFIG, (ipam == null ? r.missing("ipam", "is required")
                    : ipam.missing("type", "is required")).getMessage());
        }
        return request;
    }

    /** Runs {@code work} with the allocator the call's {@code ipam} names, and what the config asks of it. */
    private static <T> T withAllocator(CniCall call, BiFunction<IpAllocator, IpamRequest, T> work) {
        IpamRequest request = request(call);
        return CniErrors.guarded(() -> {
            try (IpAllocator allocator = Ipam.open(call.network() == null ? "" : call.network(), request.ipam())) {
                return work.apply(allocator, request);
            }
        });
    }

    private static Owner owner(CniCall call) {
        return new Owner(call.args().containerId(), call.args().ifName());
    }
}
