/**
 * The netlink socket and what surrounds it: {@link io.jnetlink.core.NetlinkSocket} (bound to one
 * network namespace for life; requests, dumps, batches and multicast notifications), handles on
 * network namespaces ({@link io.jnetlink.core.NetNs}) and a thread kept for steps inside them
 * ({@link io.jnetlink.core.NetNsThread}), and the library's exceptions, each kernel
 * failure carrying its {@link io.jnetlink.core.Errno} and the extended ACK's message, and the
 * kernel's rule for interface names ({@link io.jnetlink.core.InterfaceName}). Every exchange is
 * recorded as a JFR event while JFR runs and as a log line when its level is on, by the rule every
 * module records its operations with ({@link io.jnetlink.core.OperationObserver}).
 */
package io.jnetlink.core;
