/**
 * Netlink for Java on the Foreign Function &amp; Memory API: the socket, a zero-copy codec,
 * typed kernel errors, network-namespace handles, address values ({@code inet}: IP prefixes and
 * MAC addresses) and a small POSIX surface ({@code posix}: {@code O_NOFOLLOW} reads, {@code flock},
 * an open directory, capabilities, packet and UDP sockets on one interface).
 */
module io.jnetlink.core {
    requires transitive jdk.jfr; // OperationObserver's events are jdk.jfr.Events

    exports io.jnetlink.core;
    exports io.jnetlink.core.codec;
    exports io.jnetlink.core.rtnl;
    exports io.jnetlink.core.inet;
    exports io.jnetlink.core.posix;
}
