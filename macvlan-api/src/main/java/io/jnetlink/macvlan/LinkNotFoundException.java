package io.jnetlink.macvlan;

import io.jnetlink.core.NetlinkException;

/**
 * A link named in a request does not exist in the namespace it was looked for in. The message
 * says what needed it: {@code add address 192.0.2.10/24 on nosuch0: no link named "nosuch0" in
 * network namespace blue}.
 */
public final class LinkNotFoundException extends NetlinkException {

    private final String operation;
    private final String name;
    private final String namespace;

    /**
     * @param operation what needed the link, e.g. {@code add address 192.0.2.10/24 on eth9} or a
     *                  field such as {@code master}
     * @param name      the name looked for
     * @param namespace the namespace's description ({@link io.jnetlink.core.NetNs#description()})
     */
    public LinkNotFoundException(String operation, String name, String namespace) {
        super(operation + ": no link named \"" + name + "\" in network namespace " + namespace);
        this.operation = operation;
        this.name = name;
        this.namespace = namespace;
    }

    /** The same failure, said as {@code operation} (a field name, e.g. {@code master}) needing the link. */
    public LinkNotFoundException withOperation(String operation) {
        LinkNotFoundException e = new LinkNotFoundException(operation, name, namespace);
        e.initCause(this);
        return e;
    }

    /** What needed the link. */
    public String operation() {
        return operation;
    }

    /** The name that was looked for. */
    public String name() {
        return name;
    }

    /** Where it was looked for. */
    public String namespace() {
        return namespace;
    }
}
