/**
 * Netlink for Java on the Foreign Function &amp; Memory API: the socket, a zero-copy codec,
 * typed kernel errors, network-namespace handles, and IP address values ({@code inet}).
 */
module io.jnetlink.core {
    requires jdk.jfr;

    exports io.jnetlink.core;
    exports io.jnetlink.core.codec;
    exports io.jnetlink.core.rtnl;
    exports io.jnetlink.core.inet;
}
