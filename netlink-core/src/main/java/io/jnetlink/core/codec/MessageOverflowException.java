package io.jnetlink.core.codec;

import io.jnetlink.core.NetlinkException;

/** A message does not fit in the buffer it is being written to. */
public final class MessageOverflowException extends NetlinkException {

    public MessageOverflowException(long needed, long position, long capacity) {
        super("netlink message does not fit: " + needed + " more bytes needed at offset " + position
                + " of a " + capacity + "-byte buffer");
    }
}
