package io.jnetlink.cni.internal;

import io.jnetlink.cni.types.CniArgs;
import io.jnetlink.cni.types.CniCommand;
import io.jnetlink.cni.types.CniException;
import io.jnetlink.core.OperationObserver;

import java.util.function.Supplier;

/**
 * Records CNI commands as {@link CniOperationEvent}s (while JFR is in use) and logs them through {@link System.Logger}
 * {@code io.jnetlink.cni}: failures at DEBUG, the rest at TRACE (silent at the default level), as
 * {@link OperationObserver} records.
 */
public final class CniObserver {

    private static final OperationObserver<CniOperationEvent> OBSERVER =
            new OperationObserver<>(System.getLogger("io.jnetlink.cni"), CniOperationEvent::new);

    private CniObserver() {
    }

    /**
     * Runs {@code call}, {@code command} with {@code args} on {@code plugin} of {@code network} (asked only
     * when the call is recorded; null if not known); {@code side} is {@code runtime} or {@code plugin}.
     */
    public static <T> T observe(String side, String plugin, Supplier<String> network, CniCommand command, CniArgs args,
                                Supplier<T> call) {
        return OBSERVER.observe(call, (event, result, failure) -> {
            event.side = side;
            event.plugin = plugin;
            event.network = network.get();
            event.command = command.name();
            event.containerId = args.containerId();
            event.netns = args.netns();
            event.ifName = args.ifName();
            event.outcome = outcome(failure);
        }, (result, failure) -> {
            String name = network.get();
            return side + " " + plugin + (name == null ? "" : " network " + name) + ": " + command + " container "
                    + args.containerId() + " " + args.ifName() + " in " + args.netns() + ": " + outcome(failure);
        });
    }

    private static String outcome(RuntimeException failure) {
        return failure == null ? "ok" : failure instanceof CniException c ? "code " + c.code() + ": " + c.getMessage()
                : failure.toString();
    }
}
