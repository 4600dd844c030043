package io.jnetlink.core.codec;

import io.jnetlink.core.NetlinkException;

/** Bytes that do not form valid netlink messages or attributes. */
public final class MalformedMessageException extends NetlinkException {

    public MalformedMessageException(String message) {
        super(message);
    }
}
