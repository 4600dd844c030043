package io.jnetlink.testkit;

/**
 * A veth pair in a test's sandbox namespace, both ends up: {@code name} is the parent to put
 * macvlan children on, {@code peer} its other end (e.g. to plug into a bridge). A parameter of
 * tests under {@link NetworkSandbox}; {@link VethNames} names it.
 *
 * @param name the parent's interface name
 * @param peer the name of the pair's other end
 */
public record VethParent(String name, String peer) {

    /** The parent's name without {@link VethNames}. */
    static final String DEFAULT_NAME = "parent0";

    /** The other end's name without {@link VethNames}. */
    static final String DEFAULT_PEER = "peer0";

    /** {@code parent0}/{@code peer0}. */
    static final VethParent DEFAULT = new VethParent(DEFAULT_NAME, DEFAULT_PEER);
}
