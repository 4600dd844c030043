/**
 * Multus's side of CNI for Java runtimes: the pod annotations and NetworkAttachmentDefinitions
 * read as Multus reads them, pods attached to each selected network through
 * {@link io.jnetlink.cni.libcni.CniRuntime}, and the network-status annotation
 * ({@link io.jnetlink.cni.multus.Multus}).
 */
module io.jnetlink.cni.multus {
    requires transitive io.jnetlink.cni.api;
    requires io.jnetlink.macvlan;
    requires org.snakeyaml.engine.v2;

    exports io.jnetlink.cni.multus;
}
