/**
 * jnetlink's CNI plugins on {@code attach}: the macvlan plugin in process and as a drop-in
 * executable ({@link io.jnetlink.cni.plugins.macvlan}), and the {@code ipam} module's allocators as
 * CNI IPAM ({@link io.jnetlink.cni.plugins.ipam}), the sbr meta plugin ({@link io.jnetlink.cni.plugins.sbr});
 * each a {@link io.jnetlink.cni.skel.CniPlugin}; and
 * the daemon that serves them all to the shims a runtime calls ({@link io.jnetlink.cni.plugins.daemon}).
 */
module io.jnetlink.cni.plugins {
    requires transitive io.jnetlink.cni.api;
    requires transitive io.jnetlink.attach;
    requires io.jnetlink.ipam.dhcp;

    exports io.jnetlink.cni.plugins.macvlan;
    exports io.jnetlink.cni.plugins.ipam;
    exports io.jnetlink.cni.plugins.sbr;
    exports io.jnetlink.cni.plugins.daemon;
}
