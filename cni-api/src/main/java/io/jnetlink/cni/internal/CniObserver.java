package io.jnetlink.cni.internal;

import io.jnetlink.cni.types.CniArgs;
import io.jnetlink.cni.types.CniCommand;
import io.jnetlink.cni.types.CniException;
import jdk.jfr.FlightRecorder;

import java.lang.System.Logger.Level;
import java.util.function.Supplier;

/**
 * Records CNI commands as {@link CniOperationEvent}s (while JFR is in use) and logs them through {@link System.Logger}
 * {@code io.jnetlink.cni}: failures at DEBUG, the rest at TRACE (silent at the default level).
 */
public final class CniObserver {

    private static final System.Logger LOG = System.getLogger("io.jnetlink.cni");

    private CniObserver() {
    }

    /**
     * Runs {@code call}, {@code command} with {@code args} on {@code plugin} of {@code network} (asked only
     * when the call is recorded; null if not known); {@code side} is {@code runtime} or {@code plugin}.
     */
    public static <T> T observe(String side, String plugin, Supplier<String> network, CniCommand command, CniArgs args,
                                Supplier<T> call) {
        // JFR's first event costs ~0.1 s of start-up (the executable's budget): none until JFR is in use
        CniOperationEvent event = FlightRecorder.isInitialized() ? new CniOperationEvent() : null;
        if (event != null) {
            event.begin();
        }
        try {
            T out = call.get();
            if ((event != null && event.shouldCommit()) || LOG.isLoggable(Level.TRACE)) {
                record(event, side, plugin, network, command, args, null);
            }
            return out;
        } catch (RuntimeException e) {
            record(event, side, plugin, network, command, args, e);
            throw e;
        }
    }

    private static void record(CniOperationEvent event, String side, String plugin, Supplier<String> networkName,
                               CniCommand command, CniArgs args, RuntimeException e) {
        String network = networkName.get();
        String outcome = e == null ? "ok" : e instanceof CniException c ? "code " + c.code() + ": " + c.getMessage()
                : e.toString();
        if (event != null) {
            event.end();
            event.side = side;
            event.plugin = plugin;
            event.network = network;
            event.command = command.name();
            event.containerId = args.containerId();
            event.netns = args.netns();
            event.ifName = args.ifName();
            event.outcome = outcome;
            event.commit();
        }
        Level level = e == null ? Level.TRACE : Level.DEBUG;
        if (LOG.isLoggable(level)) {
            LOG.log(level, side + " " + plugin + (network == null ? "" : " network " + network) + ": "
                    + command + " container " + args.containerId() + " " + args.ifName() + " in "
                    + args.netns() + ": " + outcome);
        }
    }
}
