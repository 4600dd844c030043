package io.jnetlink.macvlan;

/**
 * What the kernel reports of a link as a port of its master ({@code IFLA_INFO_SLAVE_DATA}):
 * {@link BridgePort} for a bridge port, {@link Other} for other masters.
 */
public sealed interface PortInfo permits BridgePort, PortInfo.Other {

    /**
     * A port of a master this library does not model (a bond, a VRF, ...).
     *
     * @param kind its {@code IFLA_INFO_SLAVE_KIND}
     */
    record Other(String kind) implements PortInfo {

        /** {@code <kind>_slave}, as {@code ip -d link} names a port it does not detail. */
        @Override
        public String toString() {
            return kind + "_slave";
        }
    }
}
