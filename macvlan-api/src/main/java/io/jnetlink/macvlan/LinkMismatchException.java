package io.jnetlink.macvlan;

import io.jnetlink.core.NetlinkException;

import java.util.List;

/** {@link Links#ensure} found a link of that name that differs from the spec. */
public final class LinkMismatchException extends NetlinkException {

    private final List<String> differences;

    public LinkMismatchException(String name, List<String> differences) {
        super("link " + name + " exists but differs from the requested spec: " + String.join("; ", differences));
        this.differences = List.copyOf(differences);
    }

    /** Each difference as {@code field: wanted X, found Y}. */
    public List<String> differences() {
        return differences;
    }
}
