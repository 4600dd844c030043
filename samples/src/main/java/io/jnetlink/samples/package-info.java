/**
 * One runnable program per scenario of the notes the project grew from (macvlan modes, host and
 * child isolation and the shim, Docker-style networks, CNI with host-local, Multus), each in a
 * sandbox namespace, and {@link io.jnetlink.samples.Demo}, which runs them all.
 */
package io.jnetlink.samples;
