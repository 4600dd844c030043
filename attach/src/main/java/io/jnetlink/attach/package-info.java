/**
 * Links plus IPAM: {@link io.jnetlink.attach.MacvlanAttacher} gives a container's namespace a
 * macvlan with addresses and routes, all or nothing, and checks and removes it;
 * {@link io.jnetlink.attach.MacvlanNetwork} is a Docker-style network of such endpoints with the
 * host shim.
 */
package io.jnetlink.attach;
