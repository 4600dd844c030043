/**
 * The CNI macvlan plugin, in process ({@link io.jnetlink.cni.MacvlanPlugin}) and as an executable
 * ({@link io.jnetlink.cni.MacvlanMain}): the spec's model (config, result, errors, runtime
 * arguments) and the plugin's ADD, DEL, CHECK, STATUS, GC and VERSION.
 */
module io.jnetlink.cni {
    requires transitive io.jnetlink.attach;
    requires jdk.jfr;
    requires com.fasterxml.jackson.jr.ob;
    requires org.snakeyaml.engine.v2;

    exports io.jnetlink.cni;
}
