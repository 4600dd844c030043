package io.jnetlink.macvlan;

import io.jnetlink.core.Errno;
import io.jnetlink.core.NetNs;
import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.core.SyscallException;
import io.jnetlink.core.codec.MessageCursor;
import io.jnetlink.core.codec.Netlink;
import io.jnetlink.core.rtnl.IfInfoMsg;
import io.jnetlink.core.rtnl.Rtnetlink;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Link and address events of one namespace, read on a background platform thread from a socket
 * of their own and passed to a listener in order. Overflow is reported as
 * {@link NetEvent.Overflow}. {@link #close()} stops the thread and frees the socket.
 */
public final class Subscription implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    private final NetlinkSocket socket;
    private final Consumer<NetEvent> listener;
    private final LinkCodec links = new LinkCodec();
    private final Addresses.Decoder addresses = new Addresses.Decoder();
    private final Thread reader;
    private volatile boolean closed;
    private volatile RuntimeException failure;

    /**
     * @param kernelReceiveBuffer bytes the kernel queues for a slow listener before it drops
     *                            events and reports overflow
     */
    Subscription(NetNs netns, Consumer<NetEvent> listener, int kernelReceiveBuffer) {
        this.listener = listener;
        NetlinkSocket.Options defaults = NetlinkSocket.Options.DEFAULTS;
        this.socket = NetlinkSocket.open(Netlink.NETLINK_ROUTE, netns,
                new NetlinkSocket.Options(defaults.receiveBufferSize(), POLL, kernelReceiveBuffer));
        try {
            socket.joinGroup(Rtnetlink.RTNLGRP_LINK);
            socket.joinGroup(Rtnetlink.RTNLGRP_IPV4_IFADDR);
            socket.joinGroup(Rtnetlink.RTNLGRP_IPV6_IFADDR);
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

    @Override
    public void close() {
        closed = true;
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            socket.close();
        }
    }

    private void run() {
        while (!closed) {
            try {
                socket.receiveNotifications(this::dispatch);
            } catch (SyscallException e) {
                if (e.errno().number() == Errno.ENOBUFS) {
                    listener.accept(new NetEvent.Overflow());
                } else {
                    failure = e;
                    return;
                }
            } catch (RuntimeException e) {
                failure = e;
                return;
            }
        }
    }

    private void dispatch(MessageCursor m) {
        switch (m.type()) {
            case Rtnetlink.RTM_NEWLINK -> listener.accept(new NetEvent.LinkEvent(
                    IfInfoMsg.change(m) == -1 ? NetEvent.Change.NEW : NetEvent.Change.CHANGED, links.decode(m)));
            case Rtnetlink.RTM_DELLINK -> listener.accept(new NetEvent.LinkEvent(NetEvent.Change.DELETED,
                    links.decode(m)));
            case Rtnetlink.RTM_NEWADDR, Rtnetlink.RTM_DELADDR -> {
                Address address = addresses.decode(m);
                if (address != null) {
                    listener.accept(new NetEvent.AddressEvent(m.type() == Rtnetlink.RTM_NEWADDR
                            ? NetEvent.Change.NEW : NetEvent.Change.DELETED, address));
                }
            }
            default -> { }
        }
    }
}
