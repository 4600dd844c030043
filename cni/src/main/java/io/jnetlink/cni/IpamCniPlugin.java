package io.jnetlink.cni;

import io.jnetlink.ipam.Allocation;
import io.jnetlink.ipam.ConfigReader;
import io.jnetlink.ipam.IpAllocator;
import io.jnetlink.ipam.IpConfig;
import io.jnetlink.ipam.Ipam;
import io.jnetlink.ipam.Owner;
import io.jnetlink.ipam.RouteConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code ipam} module's allocators ({@code host-local}, {@code static}, or any type its
 * ServiceLoader finds) as CNI IPAM plugins in this JVM: the config's {@code ipam} object and the
 * runtime arguments in, the reference IPAM plugins' result out. ADD allocates for
 * {@code CNI_CONTAINERID}/{@code CNI_IFNAME} (requested addresses as the reference plugins take
 * them), DEL releases, CHECK verifies the lease is held, GC releases what no valid attachment holds.
 *
 * <pre>{@code
 * runtime.register("host-local", new IpamCniPlugin());
 * }</pre>
 */
public final class IpamCniPlugin implements CniPlugin {

    @Override
    public byte[] run(CniArgs args, byte[] config) {
        args.validate();
        if (args.command().equals("VERSION")) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("cniVersion", CniVersion.CURRENT);
            json.put("supportedVersions", CniVersion.SUPPORTED);
            return Json.bytes(json);
        }
        ConfigReader r = ConfigReader.of("config", Json.object(config, "network config"));
        String version = CniVersion.require(r.string("cniVersion", ""));
        IpamRequest request = CniErrors.guarded(() -> IpamRequest.of(r, args.keyValues()));
        if (request.ipam() == null) {
            throw new CniException(CniException.INVALID_CONFIG, "ipam: missing, or without a type");
        }
        String network = r.string("name", "");
        Owner owner = new Owner(args.containerId(), args.ifName());
        return CniErrors.guarded(() -> {
            try (IpAllocator allocator = Ipam.open(network, request.ipam())) {
                switch (args.command()) {
                    case "ADD" -> {
                        return Json.bytes(result(version, allocator.allocate(owner, request.requested())).toJson());
                    }
                    case "DEL" -> allocator.release(owner);
                    case "CHECK" -> allocator.check(owner);
                    case "GC" -> allocator.garbageCollect(IpamRequest.validAttachments(r));
                    default -> {
                        // STATUS: the config parsed and the store opened, so it can serve
                    }
                }
                return new byte[0];
            }
        });
    }

    private static CniResult result(String version, Allocation allocation) {
        List<CniResult.Ip> ips = new ArrayList<>();
        for (IpConfig ip : allocation.ips()) {
            ips.add(new CniResult.Ip(null, ip.address(), ip.gateway()));
        }
        List<CniResult.Route> routes = new ArrayList<>();
        for (RouteConfig route : allocation.routes()) {
            routes.add(new CniResult.Route(route.destination(), route.gateway()));
        }
        return new CniResult(version, List.of(), ips, routes, allocation.dns());
    }
}
