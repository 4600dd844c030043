/**
 * The caller's side of CNI, as {@code libcni}: network configurations loaded from a directory
 * ({@link io.jnetlink.cni.libcni.NetworkConfigList}), chains of plugins run for a container
 * ({@link io.jnetlink.cni.libcni.CniRuntime}, {@link io.jnetlink.cni.libcni.RuntimeConf}), results
 * cached in libcni's layout, and {@link io.jnetlink.cni.libcni.CniTool}, the reference cnitool.
 */
package io.jnetlink.cni.libcni;
