package io.jnetlink.cni.plugins.ipam;

import io.jnetlink.cni.skel.CniExecutable;

import java.io.IOException;

/**
 * The IPAM executable's JVM side ({@code cni/target/jvm/host-local}, {@code .../static}): what the
 * shims {@code target/bin/host-local} and {@code target/bin/static} run when no CNI daemon serves
 * them. Any type the {@code ipam} module finds answers, as {@link IpamCniPlugin} in process.
 */
public final class IpamMain {

    private IpamMain() {
    }

    public static void main(String[] args) throws IOException {
        CniExecutable.main(new IpamCniPlugin());
    }
}
