/** CNI macvlan plugin: spec model, exec entry point and in-process API. */
module io.jnetlink.cni {
    requires io.jnetlink.core;
    requires io.jnetlink.macvlan;
    requires io.jnetlink.ipam;
}
