package io.jnetlink.macvlan;

import io.jnetlink.core.Errno;
import io.jnetlink.core.NetNs;
import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.core.SyscallException;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageCursor;
import io.jnetlink.core.codec.Netlink;
import io.jnetlink.core.rtnl.IfInfoMsg;
import io.jnetlink.core.rtnl.Rtnetlink;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Link, address, route and rule events of one namespace ({@code ip monitor link address route rule}),
 * or those of the {@link EventKind}s asked for, read on a background platform thread from a socket
 * of their own and passed to a listener in order. Overflow is reported as
 * {@link NetEvent.Overflow}, once the events still queued then are dropped too: they are older than
 * the listing a listener makes on it, and the kernel reports no later loss until its queue has been
 * emptied. A listener that throws stops delivery; {@link #failure()} says why.
 * {@link #close()} is prompt (it wakes the reader rather than waiting for a timeout), may be
 * called from the listener itself, and is idempotent; the socket is gone once the reader is.
 */
public final class Subscription implements AutoCloseable {

    /** What {@link RtNetlink#subscribe(Consumer)} watches: links, addresses, routes and rules. */
    static final Set<EventKind> DEFAULT_KINDS = Collections.unmodifiableSet(
            EnumSet.of(EventKind.LINKS, EventKind.ADDRESSES, EventKind.ROUTES, EventKind.RULES));

    /** The reader blocks until an event or {@link #close()}; this only bounds one wait. */
    private static final Duration WAIT = Duration.ofHours(1);

    /**
     * What the reader drives, on its thread: a listener, or a {@link Watch}'s reconciliation, which
     * lists when the reader starts and frees its own socket when the reader ends.
     */
    interface Handler extends Consumer<NetEvent> {
        /** Runs first, the groups already joined; what it throws stops the reader, as a listener's exception does. */
        default void started() {
        }

        /** Runs last, however the reader ends. */
        default void ended() {
        }
    }

    private final NetlinkSocket socket;
    private final Handler listener;
    private final LinkCodec links = new LinkCodec();
    private final Addresses.Decoder addresses = new Addresses.Decoder();
    private final AttributeCursor routeAttributes = new AttributeCursor();
    private final AttributeCursor ruleAttributes = new AttributeCursor();
    private final AttributeCursor neighbourAttributes = new AttributeCursor();
    private final Thread reader;
    private volatile boolean closed;
    private volatile RuntimeException failure;

    /**
     * @param kernelReceiveBuffer bytes the kernel queues for a slow listener before it drops
     *                            events and reports overflow
     */
    Subscription(NetNs netns, Consumer<NetEvent> listener, int kernelReceiveBuffer) {
        this(netns, DEFAULT_KINDS, listener, kernelReceiveBuffer);
    }

    /**
     * @param kinds               what to watch (not empty)
     * @param kernelReceiveBuffer bytes the kernel queues for a slow listener before it drops
     *                            events and reports overflow
     */
    Subscription(NetNs netns, Set<EventKind> kinds, Consumer<NetEvent> listener, int kernelReceiveBuffer) {
        this(netns, kinds, (Handler) listener::accept, kernelReceiveBuffer);
    }

    /**
     * @param kinds               what to watch (not empty)
     * @param handler             what the reader drives
     * @param kernelReceiveBuffer bytes the kernel queues for a slow listener before it drops
     *                            events and reports overflow
     */
    Subscription(NetNs netns, Set<EventKind> kinds, Handler handler, int kernelReceiveBuffer) {
        this.listener = handler;
        NetlinkSocket.Options defaults = NetlinkSocket.Options.DEFAULTS;
        this.socket = NetlinkSocket.open(Netlink.NETLINK_ROUTE, netns,
                new NetlinkSocket.Options(defaults.receiveBufferSize(), WAIT, kernelReceiveBuffer));
        try {
            for (EventKind kind : kinds) {
                for (int group : kind.groups()) {
                    socket.joinGroup(group);
                }
            }
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
        this.reader = Thread.ofPlatform().daemon().name("jnetlink-events-" + netns.description()).start(this::run);
    }

    /** The error that stopped delivery, if any (a listener's exception or a socket failure). */
    public RuntimeException failure() {
        return failure;
    }

    public boolean isOpen() {
        return !closed;
    }

    /**
     * Stops delivery: wakes the reader and, unless called from the listener (on the reader's own
     * thread), waits for it to end, which closes the socket.
     */
    @Override
    public void close() {
        closed = true;
        socket.cancelReceive();
        if (Thread.currentThread() == reader) {
            return; // the reader closes the socket once the listener returns
        }
        boolean interrupted = false;
        while (reader.isAlive()) {
            try {
                reader.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            listener.started();
            while (!closed) {
                try {
                    socket.receiveNotifications(this::dispatch);
                } catch (SyscallException e) {
                    if (e.errno().number() != Errno.ENOBUFS) {
                        throw e;
                    }
                    socket.discardNotifications(); // else the kernel reports no later loss
                    listener.accept(new NetEvent.Overflow());
                }
            }
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            closed = true;
            try {
                listener.ended();
            } finally {
                socket.close();
            }
        }
    }

    private void dispatch(MessageCursor m) {
        if (closed) {
            return;
        }
        switch (m.type()) {
            case Rtnetlink.RTM_NEWLINK -> listener.accept(new NetEvent.LinkEvent(
                    IfInfoMsg.change(m) == -1 ? NetEvent.Change.NEW : NetEvent.Change.CHANGED, links.decode(m)));
            case Rtnetlink.RTM_DELLINK -> listener.accept(new NetEvent.LinkEvent(NetEvent.Change.DELETED, links.decode(m)));
            case Rtnetlink.RTM_NEWADDR, Rtnetlink.RTM_DELADDR -> {
                Address address = addresses.decode(m);
                if (address != null) {
                    listener.accept(new NetEvent.AddressEvent(m.type() == Rtnetlink.RTM_NEWADDR
                            ? NetEvent.Change.NEW : NetEvent.Change.DELETED, address));
                }
            }
            case Rtnetlink.RTM_NEWROUTE -> listener.accept(new NetEvent.RouteEvent(
                    (m.flags() & Netlink.NLM_F_REPLACE) != 0 ? NetEvent.Change.CHANGED : NetEvent.Change.NEW,
                    Routes.decode(m, routeAttributes)));
            case Rtnetlink.RTM_DELROUTE -> listener.accept(new NetEvent.RouteEvent(NetEvent.Change.DELETED,
                    Routes.decode(m, routeAttributes)));
            case Rtnetlink.RTM_NEWRULE, Rtnetlink.RTM_DELRULE -> {
                Rule rule = Rules.decode(m, ruleAttributes);
                if (rule != null) {
                    listener.accept(new NetEvent.RuleEvent(m.type() == Rtnetlink.RTM_NEWRULE
                            ? NetEvent.Change.NEW : NetEvent.Change.DELETED, rule));
                }
            }
            case Rtnetlink.RTM_NEWNEIGH, Rtnetlink.RTM_DELNEIGH -> {
                Neighbour neighbour = Neighbours.decode(m, neighbourAttributes);
                if (neighbour != null) {
                    listener.accept(new NetEvent.NeighbourEvent(m.type() == Rtnetlink.RTM_NEWNEIGH
                            ? NetEvent.Change.NEW : NetEvent.Change.DELETED, neighbour));
                }
            }
            default -> { }
        }
    }
}
