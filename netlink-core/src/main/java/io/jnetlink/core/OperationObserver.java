package io.jnetlink.core;

import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;

import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Records operations of one kind the way every jnetlink module records its own: as a JFR event of
 * the caller's class and as a line of a {@link System.Logger}. The rule, kept here once:
 * <ul>
 *   <li>no event object is made until JFR is in use ({@link FlightRecorder#isInitialized()}): a
 *       JVM's first event costs about 0.1 s of start-up, the whole budget of a CNI plugin
 *       executable;</li>
 *   <li>an event is committed only when {@link Event#shouldCommit()} (a recording has it enabled
 *       and it lasted its threshold);</li>
 *   <li>the line is logged at {@link Level#TRACE TRACE} for a success and at
 *       {@link Level#DEBUG DEBUG} for a failure, so nothing at the default level;</li>
 *   <li>neither the event's fields nor the line's text are built unless the event is committed
 *       or the line logged.</li>
 * </ul>
 * Around a call, {@link #observe observe} does it all. Where a lambda around the operation would
 * be allocated for every call (a hot path), its three steps are called in turn; with the observer
 * kept in a static field they allocate nothing while nothing records:
 * <pre>{@code
 * static final OperationObserver<MyEvent> OBSERVER =
 *         new OperationObserver<>(System.getLogger("my.logger"), MyEvent::new);
 *
 * MyEvent event = OBSERVER.begin();
 * Outcome outcome = ...; // the operation
 * if (OBSERVER.end(event, outcome)) {
 *     OBSERVER.report(event, outcome, e -> e.target = target, () -> target + ": " + outcome);
 * }
 * }</pre>
 * Thread-safe; each operation has its own event.
 *
 * @param <E> the event class, one per kind of operation
 */
public final class OperationObserver<E extends Event> {

    /** How an operation ended: its line is logged at TRACE for a success, at DEBUG for a failure. */
    public enum Outcome {
        /** It did what was asked. */
        SUCCEEDED,
        /** It threw, or the other side refused it. */
        FAILED;

        /** {@link #FAILED} if {@code failure} is not null. */
        public static Outcome of(Object failure) {
            return failure == null ? SUCCEEDED : FAILED;
        }
    }

    /**
     * Sets an operation's fields on its event.
     *
     * @param <E> the event class
     * @param <T> what the operation returns
     */
    @FunctionalInterface
    public interface Fill<E, T> {
        /**
         * Sets {@code event}'s fields.
         *
         * @param event   the operation's event, about to be committed
         * @param result  what the operation returned, or null if it failed
         * @param failure what the operation threw, or null if it succeeded
         */
        void fill(E event, T result, RuntimeException failure);
    }

    private final System.Logger log;
    private final Supplier<? extends E> newEvent;

    /**
     * An observer logging through {@code log} and recording events made by {@code newEvent} (a
     * constructor reference: it is called only while JFR is in use).
     *
     * @param log      the operations' logger, e.g. {@code System.getLogger("my.logger")}
     * @param newEvent makes a new event, e.g. {@code MyEvent::new}
     */
    public OperationObserver(System.Logger log, Supplier<? extends E> newEvent) {
        this.log = Objects.requireNonNull(log, "log");
        this.newEvent = Objects.requireNonNull(newEvent, "newEvent");
    }

    /**
     * Starts observing one operation.
     *
     * @return a new event, begun, while JFR is in use; otherwise null (and no event is made)
     */
    public E begin() {
        if (!FlightRecorder.isInitialized()) {
            return null;
        }
        E event = newEvent.get();
        event.begin();
        return event;
    }

    /**
     * Ends the operation's event, if it has one, and says whether anything records the operation:
     * the event is to be committed, or the line's level is logged. Build nothing for
     * {@link #report report} unless this is true.
     *
     * @param event   what {@link #begin} returned (may be null)
     * @param outcome how the operation ended (a failure's line is at DEBUG, a success's at TRACE)
     * @return true if {@link #report report} would record anything
     */
    public boolean end(E event, Outcome outcome) {
        if (event != null) {
            event.end();
            if (event.shouldCommit()) {
                return true;
            }
        }
        return log.isLoggable(level(outcome));
    }

    /**
     * Records an operation {@link #end ended}: if its event is to be committed, {@code fill} sets
     * its fields and it is committed; if the level for {@code outcome} is logged, the line
     * {@code line} gives is. Neither callback is called for nothing.
     *
     * @param event   what {@link #begin} returned (may be null)
     * @param outcome how the operation ended: a failure at DEBUG, a success at TRACE
     * @param fill    sets the event's fields
     * @param line    the log line
     */
    public void report(E event, Outcome outcome, Consumer<? super E> fill, Supplier<String> line) {
        if (event != null && event.shouldCommit()) {
            fill.accept(event);
            event.commit();
        }
        Level level = level(outcome);
        if (log.isLoggable(level)) {
            log.log(level, line.get());
        }
    }

    /**
     * Runs {@code call} as one observed operation: it failed if it threw (the exception is
     * rethrown). The callbacks are called only for what records the operation, with its result or
     * its failure.
     *
     * @param <T>  what the call returns
     * @param call the operation
     * @param fill sets the event's fields from the result or the failure (the other one null)
     * @param line the log line from the result or the failure (the other one null)
     * @return what {@code call} returned
     */
    public <T> T observe(Supplier<T> call, Fill<? super E, ? super T> fill,
                         BiFunction<? super T, ? super RuntimeException, String> line) {
        E event = begin();
        T result;
        try {
            result = call.get();
        } catch (RuntimeException failure) {
            if (end(event, Outcome.FAILED)) {
                report(event, Outcome.FAILED, e -> fill.fill(e, null, failure), () -> line.apply(null, failure));
            }
            throw failure;
        }
        if (end(event, Outcome.SUCCEEDED)) {
            report(event, Outcome.SUCCEEDED, e -> fill.fill(e, result, null), () -> line.apply(result, null));
        }
        return result;
    }

    private static Level level(Outcome outcome) {
        return outcome == Outcome.FAILED ? Level.DEBUG : Level.TRACE;
    }
}
