package io.jnetlink.cni;

import io.jnetlink.ipam.Allocation;
import io.jnetlink.ipam.IpAllocator;
import io.jnetlink.ipam.IpConfig;
import io.jnetlink.ipam.Lease;
import io.jnetlink.ipam.Owner;
import io.jnetlink.ipam.RouteConfig;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An IPAM plugin of another type, executed from {@code CNI_PATH} ({@link ExecPlugin}) exactly as the
 * spec says: the config on stdin, the same {@code CNI_*} variables with the command changed, its
 * result read as an allocation.
 */
final class ExecIpam implements IpAllocator {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final String type;
    private final CniArgs args;
    private final byte[] config;

    ExecIpam(String type, CniArgs args, byte[] config) {
        this.type = type;
        this.args = args;
        this.config = config;
    }

    @Override
    public Allocation allocate(Owner owner, List<InetAddress> requested) {
        byte[] out = run("ADD");
        CniResult result = CniResult.fromJson(Json.object(out, "IPAM plugin " + type + " result"),
                "IPAM plugin " + type + " result");
        if (result.ips().isEmpty()) {
            throw new CniException(CniException.IPAM_FAILED, "IPAM plugin " + type + " returned missing IP config");
        }
        List<IpConfig> ips = new ArrayList<>();
        result.ips().forEach(ip -> ips.add(new IpConfig(ip.address(), ip.gateway())));
        List<RouteConfig> routes = new ArrayList<>();
        result.routes().forEach(r -> routes.add(new RouteConfig(r.dst(), r.gateway())));
        return new Allocation(ips, routes, result.dns());
    }

    @Override
    public void release(Owner owner) {
        run("DEL");
    }

    @Override
    public void check(Owner owner) {
        run("CHECK");
    }

    /** An executed plugin's leases are its own business. */
    @Override
    public List<Lease> list() {
        return List.of();
    }

    /** Runs the plugin with {@code command}; its stdout on success. */
    byte[] run(String command) {
        List<Path> path = new ArrayList<>();
        for (String dir : args.path().split(":")) {
            if (!dir.isEmpty()) {
                path.add(Path.of(dir));
            }
        }
        ExecPlugin plugin;
        try {
            plugin = ExecPlugin.find(type, path, TIMEOUT);
        } catch (CniException e) {
            throw new CniException(e.code(), "ipam." + e.getMessage(), args.path());
        }
        return plugin.run(args.withCommand(command), config);
    }
}
