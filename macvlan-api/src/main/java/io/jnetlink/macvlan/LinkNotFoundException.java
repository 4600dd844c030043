package io.jnetlink.macvlan;

import io.jnetlink.core.NetlinkException;

/** A link named in a request does not exist in the namespace it was looked for in. */
public final class LinkNotFoundException extends NetlinkException {

    public LinkNotFoundException(String what, String name, String namespace) {
        super(what + ": no link named \"" + name + "\" in network namespace " + namespace);
    }
}
