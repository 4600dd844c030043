/**
 * The CNI macvlan plugin: {@link io.jnetlink.cni.plugins.macvlan.MacvlanPlugin} in process (a
 * {@link io.jnetlink.cni.skel.CniPlugin}) and {@link io.jnetlink.cni.plugins.macvlan.MacvlanMain}, the
 * drop-in executable {@code cni/target/bin/macvlan}.
 */
package io.jnetlink.cni.plugins.macvlan;
