package io.jnetlink.cni.plugins.ipam;

import io.jnetlink.cni.invoke.ExecPlugin;
import io.jnetlink.cni.types.CniArgs;
import io.jnetlink.cni.types.CniCommand;
import io.jnetlink.cni.types.CniException;
import io.jnetlink.cni.types.CniResult;
import io.jnetlink.cni.types.Json;
import io.jnetlink.ipam.Allocation;
import io.jnetlink.ipam.IpAllocator;
import io.jnetlink.ipam.Lease;
import io.jnetlink.ipam.Owner;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/**
 * An IPAM plugin of another type, executed from {@code CNI_PATH} ({@link ExecPlugin}) exactly as the
 * spec says: the config on stdin, the same {@code CNI_*} variables with the command changed, its
 * result read as an allocation.
 */
public final class ExecIpam implements IpAllocator {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final String type;
    private final CniArgs args;
    private final byte[] config;

    /** The IPAM plugin {@code type}, found on {@code args}' {@code CNI_PATH}, called with {@code config}. */
    public ExecIpam(String type, CniArgs args, byte[] config) {
        this.type = type;
        this.args = args;
        this.config = config;
    }

    @Override
    public Allocation allocate(Owner owner, List<InetAddress> requested) {
        byte[] out = run(CniCommand.ADD);
        CniResult result = CniResult.fromJson(Json.object(out, "IPAM plugin " + type + " result"),
                "IPAM plugin " + type + " result");
        if (result.ips().isEmpty()) {
            throw new CniException(CniException.IPAM_FAILED, "IPAM plugin " + type + " returned missing IP config");
        }
        return AllocationResults.allocation(result);
    }

    /** As the reference plugins run an executed IPAM plugin: after the interface exists (it may be a DHCP client). */
    @Override
    public boolean needsInterface() {
        return true;
    }

    @Override
    public void release(Owner owner) {
        run(CniCommand.DEL);
    }

    @Override
    public void check(Owner owner) {
        run(CniCommand.CHECK);
    }

    /** An executed plugin's leases are its own business. */
    @Override
    public List<Lease> list() {
        return List.of();
    }

    /** Runs the plugin with {@code command}; its stdout on success. */
    public byte[] run(CniCommand command) {
        ExecPlugin plugin;
        try {
            plugin = ExecPlugin.find(type, args.pluginPath(), TIMEOUT);
        } catch (CniException e) {
            throw new CniException(e.code(), "ipam." + e.getMessage(), args.path());
        }
        return plugin.run(command, args, config);
    }
}
