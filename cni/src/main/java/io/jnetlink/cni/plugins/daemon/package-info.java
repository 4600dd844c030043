/**
 * The CNI daemon ("thick" mode, as Multus calls it): {@link io.jnetlink.cni.plugins.daemon.CniDaemon}
 * serves every plugin of this module on a unix socket, and the executables a runtime calls are small
 * C shims that forward each call to it (or run the JVM executable when there is no daemon).
 * {@code target/bin/cni-daemon} runs it ({@link io.jnetlink.cni.plugins.daemon.CniDaemonMain}).
 */
package io.jnetlink.cni.plugins.daemon;
