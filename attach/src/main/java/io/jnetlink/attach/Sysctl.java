package io.jnetlink.attach;

import io.jnetlink.core.NetNs;
import io.jnetlink.core.NetlinkException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes {@code /proc/sys/net} settings of a network namespace. {@code /proc/sys/net} shows the
 * namespace of the thread that opens it, so the write happens on a thread inside the namespace
 * ({@link NetNs#call}); the caller's thread stays where it is.
 */
final class Sysctl {

    private Sysctl() {
    }

    /**
     * Sets each key (e.g. {@code net/ipv4/conf/eth0/arp_notify}) to its value inside {@code ns},
     * in order, on one thread.
     */
    static void set(NetNs ns, Map<String, String> settings) {
        ns.call(() -> {
            for (Map.Entry<String, String> setting : settings.entrySet()) {
                write(ns, setting.getKey(), setting.getValue());
            }
            return null;
        });
    }

    private static void write(NetNs ns, String key, String value) {
        try {
            Files.writeString(Path.of("/proc/sys").resolve(key), value);
        } catch (IOException e) {
            throw new NetlinkException("set " + key.replace('/', '.') + "=" + value + " in network namespace "
                    + ns.description() + ": " + e, e);
        }
    }
}
