package io.jnetlink.cni;

/**
 * A CNI plugin as a runtime calls it: runtime arguments and config bytes in, what the plugin
 * prints on success out (a result JSON, or nothing), a {@link CniException} on failure. Either an
 * executable found on the plugin path ({@link ExecPlugin}) or one running in this JVM, such as
 * {@link MacvlanPlugin}.
 */
public interface CniPlugin {

    /** Runs {@code args.command()} on {@code config}. */
    byte[] run(CniArgs args, byte[] config);
}
