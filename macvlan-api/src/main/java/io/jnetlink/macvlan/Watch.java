package io.jnetlink.macvlan;

import io.jnetlink.core.DumpInterruptedException;

import java.util.Set;
import java.util.function.Consumer;

/**
 * List-then-watch ({@link RtNetlink#watch}): the objects of the watched {@link EventKind}s as
 * {@code NEW} events, then {@link NetEvent.Synced} ({@code resyncs} 0), then their changes, so
 * that a listener that keeps each object under its identity, putting it on {@code NEW} and
 * {@code CHANGED} and removing it on {@code DELETED}, holds what the kernel holds. The identities:
 * a link by {@link Link#index()}; an address by {@link Address#index()}, {@link Address#address()}
 * and {@link Address#prefixLength()}; a route and a rule by their whole value (a replaced route is
 * the old one {@code DELETED} and the new one {@code NEW}); a neighbour by
 * {@link Neighbour#ifindex()} and {@link Neighbour#destination()}. Routes and neighbours name
 * their link by index only ({@code dev} null), as events do.
 *
 * <pre>{@code
 * Map<Integer, Link> links = new ConcurrentHashMap<>();
 * try (Watch watch = rt.watch(EnumSet.of(EventKind.LINKS), event -> {
 *     if (event instanceof NetEvent.LinkEvent e && e.change() == NetEvent.Change.DELETED) {
 *         links.remove(e.link().index());
 *     } else if (event instanceof NetEvent.LinkEvent e) {
 *         links.put(e.link().index(), e.link());
 *     }
 * })) { ... }
 * }</pre>
 *
 * <p>The events are joined before the listing, so nothing falls between the two (links are always
 * followed, for what they tell of the other kinds, but delivered only if watched); an event that
 * would not change what the listener was given (one already listed) is not passed on. When the
 * kernel drops events ({@link NetEvent.Overflow}, not passed on) the watch lists everything again
 * and delivers the difference, then {@link NetEvent.Synced} with the count of such re-listings;
 * what the kernel changes without an event of its own (the IPv4 routes of a link going down or
 * away, rules naming a link that comes or goes) is listed again the same way. A listener too slow
 * for the kernel's queue sees a coarser history, and what it holds is the kernel's again once it
 * has caught up.
 *
 * <p>Left out: proxy neighbour entries and {@code NOARP} ones (multicast, broadcast), which the
 * kernel makes without an event. Not told apart: routes that differ only in tos, IPv6 source
 * prefix or multipath next hops, which {@link Route} does not hold (such a route may differ from
 * the kernel's until the next re-listing). {@code CHANGED} compares values without what runs on by
 * itself: a link's {@link Link#stats()}, the time left of an address's lifetimes, a neighbour's
 * probes and cache times.
 *
 * <p>As a {@link Subscription}: the listener runs on the watch's thread, a listener that throws
 * stops it ({@link #failure()}), and {@link #close()} is prompt, idempotent and may be called from
 * the listener. A watch holds two netlink sockets, one for events and one for listing.
 */
public final class Watch implements AutoCloseable {

    /** Listings redone when every attempt of a dump was interrupted by changes, before giving up. */
    private static final int LISTING_ROUNDS = 20;

    private final Consumer<NetEvent> listener;
    private final Mirror mirror;
    private final RtNetlink lister;
    private final Subscription subscription;
    private volatile boolean closed;

    /**
     * @param kernelReceiveBuffer bytes the kernel queues for a slow listener before it drops
     *                            events and the watch lists again
     */
    Watch(RtNetlink rt, Set<EventKind> kinds, Consumer<NetEvent> listener, int kernelReceiveBuffer) {
        this.listener = listener;
        this.mirror = new Mirror(kinds);
        this.lister = RtNetlink.open(rt.netns());
        try {
            this.subscription = new Subscription(rt.netns(), mirror.listed(), new Reader(), kernelReceiveBuffer);
        } catch (RuntimeException e) {
            lister.close();
            throw e;
        }
    }

    /** The error that stopped delivery, if any (the listener's exception, a failed listing or socket). */
    public RuntimeException failure() {
        return subscription.failure();
    }

    /** Whether events are still delivered: not closed, not stopped by a failure. */
    public boolean isOpen() {
        return !closed && subscription.isOpen();
    }

    /** Stops delivery and frees both sockets, as {@link Subscription#close()} does. */
    @Override
    public void close() {
        closed = true;
        subscription.close();
    }

    /** The watch's side of the reader: lists first, reconciles each event, lists again after an overflow. */
    private final class Reader implements Subscription.Handler {
        private long resyncs;

        @Override
        public void started() {
            list(mirror.listed());
            deliver(new NetEvent.Synced(0));
        }

        @Override
        public void accept(NetEvent event) {
            if (event instanceof NetEvent.Overflow) {
                list(mirror.listed());
                deliver(new NetEvent.Synced(++resyncs));
                return;
            }
            Set<EventKind> stale = mirror.stale(event);
            if (!stale.isEmpty()) {
                list(stale);
            }
            mirror.apply(event, this::deliver);
        }

        @Override
        public void ended() {
            lister.close();
        }

        private void list(Set<EventKind> kinds) {
            for (int round = 1; !closed; round++) {
                Mirror.Listing listing;
                try {
                    listing = Mirror.Listing.of(lister, kinds);
                } catch (DumpInterruptedException e) {
                    if (round == LISTING_ROUNDS) {
                        throw e;
                    }
                    pause(round);
                    continue;
                }
                mirror.replace(listing, this::deliver);
                return;
            }
        }

        private void deliver(NetEvent event) {
            if (!closed) {
                listener.accept(event);
            }
        }

        /** A little longer each round: the changes that interrupt the dumps may pass. */
        private static void pause(int round) {
            try {
                Thread.sleep(Math.min(100, round * 5L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
