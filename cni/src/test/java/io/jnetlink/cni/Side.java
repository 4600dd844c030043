package io.jnetlink.cni;

import io.jnetlink.cni.types.CniArgs;
import io.jnetlink.cni.types.CniCommand;
import io.jnetlink.cni.types.CniException;
import io.jnetlink.cni.types.Json;
import io.jnetlink.cni.plugins.macvlan.MacvlanPlugin;
import com.fasterxml.jackson.jr.ob.JSON;
import io.jnetlink.testkit.Sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One of the identical set-ups a case runs in: a host namespace whose {@code eth0} (a veth, up)
 * is the master, an empty container namespace, and a host-local data directory; and one of the
 * implementations to call in it: the reference plugin, our shim with no daemon (so the JVM
 * executable), our shim served by the daemon ({@link DaemonProcess#shared()}), or our in-process API.
 */
final class Side implements AutoCloseable {

    static final Path REFERENCE = Path.of("/usr/lib/cni/macvlan");
    static final Path EXECUTABLE = Path.of("target/bin/macvlan").toAbsolutePath();
    static final String CNI_PATH = "/usr/lib/cni";

    /** Who answers the calls. */
    enum Impl {
        REFERENCE, EXECUTABLE, DAEMON, IN_PROCESS;

        /** Ours, each compared with the reference. */
        static final List<Impl> OURS = List.of(EXECUTABLE, DAEMON, IN_PROCESS);
    }

    /** What a call printed and how it exited. */
    record Call(int exit, String stdout) {
        Map<String, Object> json() {
            try {
                return stdout.isBlank() ? Map.of() : JSON.std.mapFrom(stdout);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + stdout, e);
            }
        }
    }

    final Impl impl;
    final Sandbox box;
    final String container;
    final Path dataDir;

    Side(Impl impl) {
        this.impl = impl;
        this.box = Sandbox.create();
        try {
            box.veth("eth0", "eth0p");
            box.namespace("c");
            this.container = box.name() + "-c";
            this.dataDir = box.directory("ipam");
        } catch (RuntimeException e) {
            box.close();
            throw e;
        }
    }

    String netnsPath() {
        return "/run/netns/" + container;
    }

    /** Calls the plugin with {@code command}, this side's container, {@code ifName} and {@code config}. */
    Call call(String command, String containerId, String ifName, String cniArgs, String config) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CNI_COMMAND", command);
        env.put("CNI_CONTAINERID", containerId);
        env.put("CNI_NETNS", netnsPath());
        env.put("CNI_IFNAME", ifName);
        env.put("CNI_ARGS", cniArgs);
        env.put("CNI_PATH", CNI_PATH);
        return call(env, config);
    }

    /** Calls the plugin with exactly {@code env} and {@code config} on stdin. */
    Call call(Map<String, String> env, String config) {
        byte[] stdin = config.getBytes(StandardCharsets.UTF_8);
        if (impl == Impl.IN_PROCESS) {
            try {
                CniCommand command = CniArgs.command(env);
                CniArgs args = CniArgs.fromEnvironment(env);
                try (MacvlanPlugin plugin = new MacvlanPlugin(box.ns())) {
                    byte[] out = plugin.run(command, args, command == CniCommand.VERSION ? new byte[0] : stdin);
                    return new Call(0, new String(out, StandardCharsets.UTF_8));
                }
            } catch (CniException e) {
                return new Call(1, Json.write(e.toJson("1.0.0")));
            }
        }
        Path plugin = impl == Impl.REFERENCE ? REFERENCE : EXECUTABLE;
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", box.name(), "env", "-i"));
        env.forEach((k, v) -> command.add(k + "=" + v));
        if (impl != Impl.REFERENCE) { // the shim with no daemon runs the JVM executable
            command.add("JNETLINK_CNI_SOCKET=" + (impl == Impl.DAEMON ? DaemonProcess.shared().socket()
                    : DaemonProcess.absentSocket()));
        }
        command.add(plugin.toString());
        return exec(command, stdin);
    }

    static Call exec(List<String> command, byte[] stdin) {
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            p.getInputStream().transferTo(out);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command + " timed out");
            }
            return new Call(p.exitValue(), out.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(command + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * The container's interface {@code ifName} as iproute2 shows it ({@link IpShown#iface}): kind,
     * mode and the macvlan's other attributes (flags, {@code bcqueuelen}), MTU, MAC, up,
     * promiscuity, addresses, routes; empty if it does not exist.
     */
    Map<String, Object> iface(String ifName) {
        return IpShown.iface(container, ifName);
    }

    /** The host namespace (where the master is) as iproute2 shows it ({@link IpShown#namespace}). */
    Map<String, Object> host() {
        return IpShown.namespace(box.name());
    }

    /** The host-local files of {@code network}: name to content (leases, last_reserved_ip.N). */
    Map<String, String> leases(String network) {
        Map<String, String> files = new TreeMap<>();
        Path dir = dataDir.resolve(network);
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> list = Files.list(dir)) {
            for (Path f : list.toList()) {
                String name = f.getFileName().toString();
                if (!name.equals("lock")) {
                    files.put(name, Files.readString(f));
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return files;
    }

    @Override
    public void close() {
        box.close();
    }
}
