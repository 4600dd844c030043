package io.jnetlink.cni.plugins.daemon;

import io.jnetlink.cni.plugins.ipam.IpamCniPlugin;
import io.jnetlink.cni.plugins.macvlan.MacvlanPlugin;
import io.jnetlink.cni.plugins.sbr.SbrPlugin;
import io.jnetlink.cni.skel.CniExecutable;
import io.jnetlink.cni.skel.CniPlugin;
import io.jnetlink.ipam.Ipam;
import io.jnetlink.ipam.dhcp.DhcpRenewer;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The plugins the daemon serves, by the name its shims send: {@code macvlan}, {@code sbr}, and every IPAM type
 * the {@code ipam} module finds ({@code host-local}, {@code static}, {@code etcd} with ipam-etcd on
 * the class path, {@code dhcp}) as {@link IpamCniPlugin}. A call runs exactly as the executable runs it
 * ({@link CniExecutable#run}), in the namespace of the thread that runs it. The {@code dhcp} type's
 * leases are renewed by a {@link DhcpRenewer} the daemon starts on demand ({@link DhcpRenewer#onDemand}:
 * at the type's first use, or at once if leases wait in its directory) and closes, or by the one
 * already running in the process.
 */
final class Plugins implements AutoCloseable {

    /** Starts the DHCP renewer when the dhcp type is first used, or at once if leases wait; null if one ran already. */
    private final AutoCloseable renewer;

    /** For callers in the daemon's own namespace: one plugin keeps its host-side socket open. */
    private final MacvlanPlugin macvlanHere = new MacvlanPlugin();
    private final IpamCniPlugin ipam = new IpamCniPlugin();
    /** Acts only inside containers' namespaces: one serves callers in any namespace. */
    private final SbrPlugin sbr = new SbrPlugin();

    Plugins(Path dhcpLeases) {
        this.renewer = DhcpRenewer.running().isPresent() ? null : DhcpRenewer.onDemand(dhcpLeases);
    }

    /** Every name served. */
    SortedSet<String> names() {
        SortedSet<String> names = new TreeSet<>(Ipam.types());
        names.add(MacvlanPlugin.TYPE);
        names.add(SbrPlugin.TYPE);
        return names;
    }

    boolean serves(String name) {
        return name.equals(MacvlanPlugin.TYPE) || name.equals(SbrPlugin.TYPE) || Ipam.has(name);
    }

    /** {@code call} by a caller in the daemon's own network namespace. */
    Frames.Answer runHere(String name, Map<String, String> env, byte[] stdin) {
        return run(name.equals(MacvlanPlugin.TYPE) ? macvlanHere : other(name), env, stdin);
    }

    /**
     * {@code call} on a thread that entered the caller's namespace: a macvlan plugin of its own
     * (its host side is that namespace), closed after.
     */
    Frames.Answer runEntered(String name, Map<String, String> env, byte[] stdin) {
        if (!name.equals(MacvlanPlugin.TYPE)) {
            return run(other(name), env, stdin);
        }
        try (MacvlanPlugin macvlan = new MacvlanPlugin()) {
            return run(macvlan, env, stdin);
        }
    }

    /** The plugin of a served name other than macvlan's: sbr, or the IPAM types. */
    private CniPlugin other(String name) {
        return name.equals(SbrPlugin.TYPE) ? sbr : ipam;
    }

    private static Frames.Answer run(CniPlugin plugin, Map<String, String> env, byte[] stdin) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        int exit = CniExecutable.run(plugin, env, stdin, new PrintStream(stdout, true, StandardCharsets.UTF_8));
        return new Frames.Answer(exit, stdout.toByteArray(), new byte[0]);
    }

    @Override
    public void close() {
        try {
            macvlanHere.close();
            sbr.close();
        } finally {
            if (renewer != null) {
                try {
                    renewer.close();
                } catch (Exception e) {
                    throw new IllegalStateException("closing the DHCP renewer: " + e, e);
                }
            }
        }
    }
}
