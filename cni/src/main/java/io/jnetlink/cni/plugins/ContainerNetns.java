package io.jnetlink.cni.plugins;

import io.jnetlink.cni.types.CniArgs;
import io.jnetlink.cni.types.CniException;
import io.jnetlink.core.Errno;
import io.jnetlink.core.NetNs;
import io.jnetlink.core.SyscallException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The container's network namespace a call names in {@code CNI_NETNS}. */
public final class ContainerNetns {

    private ContainerNetns() {
    }

    /** Opens it; code 4 naming {@code CNI_NETNS} if it is missing or not a network namespace. */
    public static NetNs open(CniArgs args) {
        try {
            return NetNs.path(Path.of(args.netns()));
        } catch (IllegalArgumentException | SyscallException e) {
            throw new CniException(CniException.INVALID_ENVIRONMENT, "CNI_NETNS: failed to open netns \""
                    + args.netns() + "\": " + e.getMessage());
        }
    }

    /**
     * For DEL: the namespace, or empty when {@code CNI_NETNS} is empty, gone, or no longer a
     * network namespace (an unmounted bind leaves a plain file, as does another plugin's lock on
     * the path); code 4 only for a namespace that is there but cannot be opened.
     */
    public static Optional<NetNs> openIfPresent(CniArgs args) {
        if (args.netns().isEmpty() || !Files.exists(Path.of(args.netns()))) {
            return Optional.empty();
        }
        try {
            return Optional.of(NetNs.path(Path.of(args.netns())));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // a file, but no network namespace (any more)
        } catch (SyscallException e) {
            if (e.errno().number() == Errno.ENOENT) {
                return Optional.empty(); // gone between the look and the open
            }
            throw new CniException(CniException.INVALID_ENVIRONMENT, "CNI_NETNS: failed to open netns \""
                    + args.netns() + "\": " + e.getMessage());
        }
    }
}
