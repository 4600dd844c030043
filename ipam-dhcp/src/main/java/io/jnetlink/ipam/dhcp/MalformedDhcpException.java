package io.jnetlink.ipam.dhcp;

import io.jnetlink.ipam.IpamException;

/** Bytes that are not a well-formed DHCP message or option; the message says where and why. */
public final class MalformedDhcpException extends IpamException {

    public MalformedDhcpException(String message) {
        super(message);
    }
}
