/**
 * The CNI spec for Java programs on both sides of a plugin call, in libcni's packages:
 * {@link io.jnetlink.cni.types} (the spec's model), {@link io.jnetlink.cni.skel} (the plugin SPI and
 * any plugin as an executable), {@link io.jnetlink.cni.invoke} (running plugin executables) and
 * {@link io.jnetlink.cni.libcni} (the runtime: chains, the result cache, configuration loading,
 * cnitool). Needs neither macvlan-api nor attach.
 */
module io.jnetlink.cni.api {
    requires transitive io.jnetlink.ipam;
    requires jdk.jfr;
    requires com.fasterxml.jackson.jr.ob;
    requires com.fasterxml.jackson.core;

    exports io.jnetlink.cni.types;
    exports io.jnetlink.cni.skel;
    exports io.jnetlink.cni.invoke;
    exports io.jnetlink.cni.libcni;
}
