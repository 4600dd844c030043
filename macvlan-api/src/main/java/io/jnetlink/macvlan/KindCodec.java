package io.jnetlink.macvlan;

import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.NetlinkWriter;

import java.util.List;

/**
 * How one link kind is written into an {@code RTM_NEWLINK} and read back from the kernel's
 * replies: its {@code IFLA_INFO_DATA}, its checks, its differences. Each kind's file holds its
 * implementation next to its {@code IFLA_*} constants; {@link LinkKinds} lists them.
 *
 * @param <S> the kind's spec
 * @param <I> what the kernel reports of it
 */
interface KindCodec<S extends LinkSpec, I extends LinkInfo> {

    /** {@code IFLA_INFO_KIND}, e.g. {@code macvlan}. */
    String kind();

    /** The spec type this codec writes. */
    Class<S> specType();

    /** Checks combinations the kernel would reject, naming field and value, before anything is sent. */
    default void validate(S spec) {
    }

    /** Checks the spec against its parent, once resolved (passthru wants the parent to itself). */
    default void checkParent(S spec, Link parent, Links links) {
    }

    /** Whether the parent's index goes into {@code IFLA_LINK} (true) or into the kind's own data. */
    default boolean parentInIflaLink() {
        return true;
    }

    /** Writes the attributes inside {@code IFLA_INFO_DATA}; writing none leaves the nest out. */
    void writeData(NetlinkWriter w, S spec, int parentIndex);

    /** Reads {@code IFLA_INFO_DATA}; {@code data} is empty when the kernel sent none. */
    I readData(AttributeCursor data);

    /** Adds {@code field: wanted X, found Y} for each kind-specific setting that differs. */
    default void compare(S spec, I info, List<String> differences) {
    }

    /** How errors name the creation, e.g. {@code macvlan mv0 on eth0 mode bridge}. */
    default String describe(S spec) {
        return kind() + " " + spec.name();
    }
}
