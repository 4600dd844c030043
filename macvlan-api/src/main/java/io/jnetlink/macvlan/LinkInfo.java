package io.jnetlink.macvlan;

/**
 * What the kernel reports of a link's kind ({@code IFLA_INFO_DATA}): one record per kind this
 * library models, {@link Other} for the rest.
 */
public sealed interface LinkInfo permits Macvlan.Info, Veth.Info, Bridge.Info, Vxlan.Info, LinkInfo.Other {

    /**
     * A link of a kind this library does not model, or of none.
     *
     * @param kind its {@code IFLA_INFO_KIND}, or null for a device without one ({@code lo}, a NIC)
     */
    record Other(String kind) implements LinkInfo {
    }
}
