/** CNI macvlan plugin: spec model, exec entry point and in-process API. */
module io.jnetlink.cni {
    requires io.jnetlink.attach;
}
