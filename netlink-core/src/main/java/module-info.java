/**
 * Netlink for Java on the Foreign Function &amp; Memory API: the socket, a zero-copy codec,
 * typed kernel errors and network-namespace handles.
 */
module io.jnetlink.core {
    exports io.jnetlink.core;
    exports io.jnetlink.core.codec;
    exports io.jnetlink.core.rtnl;
}
