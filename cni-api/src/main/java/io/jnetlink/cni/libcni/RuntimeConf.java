package io.jnetlink.cni.libcni;

import java.util.List;
import java.util.Map;

/**
 * What a runtime knows of the container it attaches, as libcni's {@code RuntimeConf}.
 *
 * @param containerId    the container's id
 * @param netns          its network namespace path
 * @param ifName         the interface to create
 * @param args           {@code CNI_ARGS} as key/value pairs, in order
 * @param capabilityArgs capability arguments ({@code ips}, {@code mac}, {@code portMappings}, ...),
 *                       passed as {@code runtimeConfig} to the plugins that declare the capability
 */
public record RuntimeConf(String containerId, String netns, String ifName, List<Map.Entry<String, String>> args,
                          Map<String, Object> capabilityArgs) {

    public RuntimeConf {
        args = List.copyOf(args);
        capabilityArgs = Map.copyOf(capabilityArgs);
    }

    /** For {@code containerId}'s namespace {@code netns}, interface {@code ifName}, no arguments. */
    public static RuntimeConf of(String containerId, String netns, String ifName) {
        return new RuntimeConf(containerId, netns, ifName, List.of(), Map.of());
    }

    public RuntimeConf withArgs(List<Map.Entry<String, String>> args) {
        return new RuntimeConf(containerId, netns, ifName, args, capabilityArgs);
    }

    public RuntimeConf withCapabilityArgs(Map<String, Object> capabilityArgs) {
        return new RuntimeConf(containerId, netns, ifName, args, capabilityArgs);
    }

    /**
     * The attachment, then what is set of the rest:
     * {@code c1 eth0 in /run/netns/blue, CNI_ARGS IP=192.0.2.7, capabilities {mac=02:00:5e:00:53:01}}.
     */
    @Override
    public String toString() {
        return containerId + " " + ifName + " in " + netns + (args.isEmpty() ? "" : ", CNI_ARGS " + cniArgs())
                + (capabilityArgs.isEmpty() ? "" : ", capabilities " + capabilityArgs);
    }

    /** {@code CNI_ARGS}: the pairs as {@code K=V;K=V}. */
    String cniArgs() {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, String> pair : args) {
            if (!s.isEmpty()) {
                s.append(';');
            }
            s.append(pair.getKey()).append('=').append(pair.getValue());
        }
        return s.toString();
    }
}
