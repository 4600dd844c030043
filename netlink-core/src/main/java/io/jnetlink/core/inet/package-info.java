/**
 * Address values: numeric IP parsing and printing without name lookups
 * ({@link io.jnetlink.core.inet.InetAddresses}), IP prefixes ({@link io.jnetlink.core.inet.Prefix})
 * and Ethernet MAC addresses ({@link io.jnetlink.core.inet.MacAddress}).
 */
package io.jnetlink.core.inet;
