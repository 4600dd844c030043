/**
 * IP address management: the allocator SPI ({@link io.jnetlink.ipam.IpamPlugin}, found with
 * {@link java.util.ServiceLoader}), the lease-store seam ({@link io.jnetlink.ipam.LeaseStore}),
 * {@code host-local} (shares its on-disk store with the CNI reference plugin) and
 * {@code static}. Needs netlink-core only (address values, its POSIX surface); host-local locks
 * and reads its files through netlink-core's {@code flock(2)} and {@code O_NOFOLLOW} calls on the
 * FFM API, so netlink-core needs {@code --enable-native-access}.
 */
module io.jnetlink.ipam {
    requires transitive io.jnetlink.core;
    requires jdk.jfr;

    exports io.jnetlink.ipam;
    exports io.jnetlink.ipam.hostlocal;
    exports io.jnetlink.ipam.staticip;

    uses io.jnetlink.ipam.IpamPlugin;

    provides io.jnetlink.ipam.IpamPlugin with io.jnetlink.ipam.hostlocal.HostLocalPlugin,
            io.jnetlink.ipam.staticip.StaticPlugin;
}
