package io.jnetlink.core;

import java.lang.System.Logger.Level;

/**
 * Netlink exchanges through {@link System.Logger} {@code io.jnetlink.netlink}: refused and failed
 * ones at DEBUG, every other one at TRACE. Silent at the default INFO level.
 */
final class ExchangeLog {

    private static final System.Logger LOG = System.getLogger("io.jnetlink.netlink");

    private ExchangeLog() {
    }

    /** True if an exchange that ended this way is logged. */
    static boolean enabled(boolean failed) {
        return LOG.isLoggable(failed ? Level.DEBUG : Level.TRACE);
    }

    /** Logs {@code summary}, with the failure's message if there was one. */
    static void log(String summary, Throwable failure) {
        if (failure != null) {
            LOG.log(Level.DEBUG, summary + ": " + failure.getMessage());
        } else {
            LOG.log(Level.TRACE, summary);
        }
    }
}
