package io.jnetlink.cni.multus;

import java.util.List;

/**
 * One network a pod asks for in its {@code k8s.v1.cni.cncf.io/networks} annotation (Multus's
 * {@code NetworkSelectionElement}).
 *
 * @param name          the NetworkAttachmentDefinition's name
 * @param namespace     its namespace (the pod's when not given)
 * @param interfaceName the interface to create in the pod, or null for {@code net1}, {@code net2}, ...
 * @param ips           addresses asked for (capability {@code ips})
 * @param mac           MAC asked for (capability {@code mac}), or null
 * @param defaultRoute  gateways whose default routes go through this interface ({@code default-route})
 */
public record NetworkSelection(String name, String namespace, String interfaceName, List<String> ips, String mac,
                               List<String> defaultRoute) {

    public NetworkSelection {
        ips = List.copyOf(ips);
        defaultRoute = List.copyOf(defaultRoute);
    }

    /**
     * As the annotation's short form writes it, then what else is asked:
     * {@code kube-system/macvlan0@net1 ips 198.51.100.9/24 mac 02:00:5e:00:53:08 default-route 198.51.100.254}.
     */
    @Override
    public String toString() {
        return qualifiedName() + (interfaceName == null ? "" : "@" + interfaceName)
                + (ips.isEmpty() ? "" : " ips " + String.join(",", ips)) + (mac == null ? "" : " mac " + mac)
                + (defaultRoute.isEmpty() ? "" : " default-route " + String.join(",", defaultRoute));
    }

    /** {@code namespace/name}, as the network-status annotation names it. */
    public String qualifiedName() {
        return namespace + "/" + name;
    }
}
