/**
 * Running plugin executables as the spec says, as libcni's {@code pkg/invoke}:
 * {@link io.jnetlink.cni.invoke.ExecPlugin} finds one on the plugin path and runs a command with the
 * {@code CNI_*} environment and the config on stdin, reading its result or error JSON.
 */
package io.jnetlink.cni.invoke;
