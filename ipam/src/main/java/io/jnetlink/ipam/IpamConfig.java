package io.jnetlink.ipam;

/** The configuration of one IPAM plugin; {@link #type()} selects the {@link IpamPlugin}. */
public interface IpamConfig {

    /** The plugin's type name, as in a CNI config's {@code ipam.type}. */
    String type();

    /** The CNI network name the config belongs to, if it knows it (used in events and logs). */
    default String network() {
        return "";
    }
}
