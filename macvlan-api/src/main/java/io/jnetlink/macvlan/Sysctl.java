package io.jnetlink.macvlan;

import io.jnetlink.core.Errno;
import io.jnetlink.core.SyscallException;
import io.jnetlink.core.posix.Capability;
import io.jnetlink.core.posix.Posix;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Per-link settings the kernel takes only through {@code /proc/sys/net}, written by a thread
 * inside the entry point's namespace: {@code /proc/sys/net} shows the namespace of the thread that
 * opens a file there (whatever the mount namespace), so no other namespace's value is touched.
 */
final class Sysctl {

    private static final Path IPV6_CONF = Path.of("/proc/sys/net/ipv6/conf");

    private Sysctl() {
    }

    /** {@code sysctl -w net.ipv6.conf.<link>.<key>=<value>} in {@code rt}'s namespace. */
    static void setIpv6(RtNetlink rt, String link, Ipv6Setting setting, int value) {
        Validation.ifname("link name", link);
        setting.validate(value);
        Path file = IPV6_CONF.resolve(link).resolve(setting.key());
        byte[] text = (value + "\n").getBytes(StandardCharsets.US_ASCII);
        String operation = "set ipv6 " + setting.key() + " " + value + " on link " + link;
        if (link.equals("all") || link.equals("default")) { // the namespace-wide files, not a link's
            rt.links().require(link, operation);
        }
        int result = rt.inside(operation, () -> Posix.tryWriteExisting(file, text));
        if (result == 0) {
            return;
        }
        int errno = -result;
        String where = operation + " in " + rt.where();
        String call = "write " + file;
        if (errno == Errno.ENOENT) {
            if (rt.links().get(link).isEmpty()) {
                throw new LinkNotFoundException(operation, link, rt.netns().description());
            }
            throw new SyscallException(call, errno, where + ": the link has no IPv6 (its MTU is below 1280,"
                    + " or IPv6 is off in this kernel)");
        }
        if (errno == Errno.EPERM || errno == Errno.EACCES) {
            throw new SyscallException(call, errno, Capability.NET_ADMIN.explainMissing(where).orElse(where));
        }
        throw new SyscallException(call, errno, where);
    }
}
