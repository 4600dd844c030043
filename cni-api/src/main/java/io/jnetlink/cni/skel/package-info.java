/**
 * Writing a CNI plugin, as libcni's {@code pkg/skel}: implement
 * {@link io.jnetlink.cni.skel.CniPlugin} (one method per command, given a checked
 * {@link io.jnetlink.cni.skel.CniCall}); {@link io.jnetlink.cni.skel.Skel} validates, answers VERSION
 * and records every call; {@link io.jnetlink.cni.skel.CniExecutable} makes the plugin an executable.
 */
package io.jnetlink.cni.skel;
