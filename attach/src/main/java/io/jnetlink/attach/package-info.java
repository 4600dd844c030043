/**
 * Links plus IPAM: {@link io.jnetlink.attach.MacvlanAttacher} gives a container's namespace a
 * macvlan with addresses and routes, all or nothing, and checks and removes it;
 * {@link io.jnetlink.attach.MacvlanNetwork} is a Docker-style network of such endpoints with the
 * host shim; {@link io.jnetlink.attach.SourceRouting} routes each address of a multi-homed
 * namespace through a table of its own (the CNI sbr plugin's work).
 */
package io.jnetlink.attach;
