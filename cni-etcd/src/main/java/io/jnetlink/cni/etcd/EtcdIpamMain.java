package io.jnetlink.cni.etcd;

import io.jnetlink.cni.skel.CniExecutable;
import io.jnetlink.cni.plugins.ipam.IpamCniPlugin;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code cni-etcd/target/bin/etcd}: the CNI IPAM plugin executable for {@code "ipam": {"type":
 * "etcd", ...}} (module ipam-etcd; the other IPAM types on the class path answer too). Put it in a
 * CNI plugin directory beside any main plugin: it allocates for {@code CNI_CONTAINERID} and
 * {@code CNI_IFNAME} from the shared etcd, releases on DEL, checks on CHECK, collects on GC; an
 * unreachable etcd is error code 11, "try again later".
 */
public final class EtcdIpamMain {

    /** Held so the setting stays: gRPC logs start-up facts at INFO on stderr; a plugin call should be quiet. */
    private static final Logger GRPC_LOG = Logger.getLogger("io.grpc");

    private EtcdIpamMain() {
    }

    public static void main(String[] args) throws IOException {
        GRPC_LOG.setLevel(Level.WARNING);
        CniExecutable.main(new IpamCniPlugin());
    }
}
