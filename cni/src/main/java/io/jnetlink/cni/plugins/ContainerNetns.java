package io.jnetlink.cni.plugins;

import io.jnetlink.cni.types.CniArgs;
import io.jnetlink.cni.types.CniException;
import io.jnetlink.core.NetNs;
import io.jnetlink.core.SyscallException;

import java.nio.file.Path;

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
}
