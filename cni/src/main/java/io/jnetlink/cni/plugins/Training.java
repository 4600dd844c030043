package io.jnetlink.cni.plugins;

import io.jnetlink.cni.plugins.daemon.CniDaemonMain;
import io.jnetlink.cni.plugins.ipam.IpamMain;
import io.jnetlink.cni.plugins.macvlan.MacvlanMain;
import io.jnetlink.cni.plugins.sbr.SbrMain;
import io.jnetlink.core.NetNs;
import io.jnetlink.core.posix.Capability;
import io.jnetlink.core.posix.Posix;
import io.jnetlink.macvlan.RtNetlink;
import io.jnetlink.macvlan.Veth;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Build step for the executables: writes the JVM launchers {@code jvm/macvlan}, {@code jvm/sbr},
 * {@code jvm/host-local}, {@code jvm/static}, {@code jvm/dhcp} (what the shims in {@code bin/} fall back to), {@code bin/cni-daemon} and
 * {@code bin/cnitool} ({@link Launcher}, with the AOT cache of this build), then
 * runs the plugin's real work so that the JVM, started with {@code -XX:AOTCacheOutput}, records an
 * AOT cache of exactly what a call loads and links: VERSION, a bad config, and, when the build may
 * create namespaces, ADD, CHECK and DEL of a macvlan with host-local IPAM in a throwaway sandbox
 * ({@code jnltest-aot-*}, removed afterwards).
 */
public final class Training {

    private static final int ROUNDS = 20;

    private Training() {
    }

    /**
     * Arguments: the bin directory, the JVM executables' directory, the AOT cache path, the daemon's
     * own JVM options (comma separated), then the JVM options every launcher passes.
     */
    public static void main(String[] args) throws Exception {
        Path bin = Path.of(args[0]).toAbsolutePath();
        Path jvm = Path.of(args[1]).toAbsolutePath();
        Path cache = Path.of(args[2]).toAbsolutePath();
        List<String> jvmOptions = new ArrayList<>(List.of(args).subList(4, args.length));
        // the daemon starts once: no AOT cache, whose mapped classes would count in its resident memory
        List<String> daemonOptions = new ArrayList<>(jvmOptions);
        daemonOptions.addAll(List.of(args[3].split(",")));
        jvmOptions.add("-XX:AOTCache=" + cache);
        Launcher.write(jvm.resolve("macvlan"), MacvlanMain.class.getName(), jvmOptions);
        Launcher.write(jvm.resolve("sbr"), SbrMain.class.getName(), jvmOptions);
        for (String ipamType : List.of("host-local", "static", "dhcp")) {
            Launcher.write(jvm.resolve(ipamType), IpamMain.class.getName(), jvmOptions);
        }
        Launcher.write(bin.resolve("cnitool"), "io.jnetlink.cni.libcni.CniTool", jvmOptions);
        Launcher.writeService(bin.resolve("cni-daemon"), CniDaemonMain.class.getName(), daemonOptions,
                "JNETLINK_CNI_DAEMON_JAVA_OPTIONS");
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        for (int i = 0; i < ROUNDS; i++) {
            MacvlanMain.run(Map.of("CNI_COMMAND", "VERSION"), new byte[0], discard);
            MacvlanMain.run(Map.of("CNI_COMMAND", "ADD", "CNI_CONTAINERID", "x", "CNI_NETNS", "/nonexistent",
                    "CNI_IFNAME", "eth0", "CNI_PATH", "/nonexistent"), "{\"cniVersion\":\"1.0.0\"}".getBytes(), discard);
        }
        if (mayCreateNamespaces()) {
            addCheckDel(discard);
        }
    }

    private static boolean mayCreateNamespaces() {
        return Capability.effective().containsAll(EnumSet.of(Capability.NET_ADMIN, Capability.SYS_ADMIN));
    }

    /** ADD, CHECK, DEL as the executable does them, in a sandbox host with a veth master. */
    private static void addCheckDel(PrintStream discard) throws Exception {
        String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        String hostName = "jnltest-aot-" + suffix;
        String containerName = hostName + "-c";
        Path dataDir = Files.createTempDirectory("jnltest-aot-");
        try (NetNs host = NetNs.create(hostName); NetNs container = NetNs.create(containerName)) {
            try (RtNetlink rt = RtNetlink.open(host)) {
                rt.links().create(Veth.of("eth0", "eth0-peer"));
                rt.links().setUp("eth0");
            }
            String config = """
                    {"cniVersion":"1.0.0","name":"aot","type":"macvlan","master":"eth0","mode":"bridge",
                     "ipam":{"type":"host-local","subnet":"198.51.100.0/24","dataDir":"%s",
                             "routes":[{"dst":"0.0.0.0/0"}]}}""".formatted(dataDir);
            Map<String, String> env = Map.of("CNI_CONTAINERID", "aot", "CNI_NETNS", "/run/netns/" + containerName,
                    "CNI_IFNAME", "eth0", "CNI_PATH", "/nonexistent");
            for (int i = 0; i < ROUNDS; i++) {
                host.call(() -> {
                    byte[] result = call("ADD", env, config.getBytes(), discard);
                    String withPrev = config.substring(0, config.lastIndexOf('}')) + ",\"prevResult\":"
                            + new String(result, StandardCharsets.UTF_8) + "}";
                    call("CHECK", env, withPrev.getBytes(), discard);
                    call("DEL", env, config.getBytes(), discard);
                    return null;
                });
            }
        } finally {
            NetNs.delete(containerName);
            NetNs.delete(hostName);
            Posix.deleteRecursively(dataDir);
        }
    }

    private static byte[] call(String command, Map<String, String> env, byte[] stdin, PrintStream discard) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("CNI_COMMAND", command);
        int exit = MacvlanMain.run(all, stdin, new PrintStream(out, true, StandardCharsets.UTF_8));
        if (exit != 0) {
            discard.println("training " + command + " failed: " + out);
            throw new IllegalStateException("AOT training " + command + " failed: " + out);
        }
        return out.toByteArray();
    }
}
