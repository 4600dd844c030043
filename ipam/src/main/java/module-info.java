/**
 * IP address management: the allocator SPI ({@link io.jnetlink.ipam.IpamPlugin}, found with
 * {@link java.util.ServiceLoader}), {@code host-local} (shares its store with the CNI reference
 * plugin) and {@code static}. JDK only; host-local calls {@code flock(2)} through the FFM API, so
 * this module needs {@code --enable-native-access}.
 */
module io.jnetlink.ipam {
    exports io.jnetlink.ipam;
    exports io.jnetlink.ipam.hostlocal;
    exports io.jnetlink.ipam.staticip;

    uses io.jnetlink.ipam.IpamPlugin;

    provides io.jnetlink.ipam.IpamPlugin with io.jnetlink.ipam.hostlocal.HostLocalPlugin,
            io.jnetlink.ipam.staticip.StaticPlugin;
}
