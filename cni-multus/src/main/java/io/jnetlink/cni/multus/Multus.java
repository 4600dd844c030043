package io.jnetlink.cni.multus;

import io.jnetlink.cni.libcni.CniRuntime;
import io.jnetlink.cni.libcni.NetworkConfigList;
import io.jnetlink.cni.libcni.RuntimeConf;
import io.jnetlink.cni.types.CniException;
import io.jnetlink.cni.types.CniNames;
import io.jnetlink.cni.types.CniResult;
import io.jnetlink.cni.types.Json;
import io.jnetlink.core.Errno;
import io.jnetlink.core.NetNs;
import io.jnetlink.core.NetlinkErrorException;
import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.core.inet.IpFamily;
import io.jnetlink.core.inet.MacAddress;
import io.jnetlink.core.inet.Prefix;
import io.jnetlink.ipam.ConfigReader;
import io.jnetlink.ipam.JsonValues;
import io.jnetlink.macvlan.Address;
import io.jnetlink.macvlan.Route;
import io.jnetlink.macvlan.RtNetlink;
import io.jnetlink.macvlan.Rule;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Multus's side of attaching pods to more networks: the pod annotations
 * {@code k8s.v1.cni.cncf.io/networks} (a comma list {@code ns/name@ifname} or the JSON form) and
 * {@code v1.multus-cni.io/default-network} read as Multus reads them, turned into runtime calls
 * the way Multus makes them (interfaces {@code net1}, {@code net2}, ... unless named; {@code ips}
 * and {@code mac} as capability arguments; the default route moved when asked), and the
 * {@code k8s.v1.cni.cncf.io/network-status} annotation built from the results. Malformed input is
 * refused with the reason (code 7) before anything is created.
 */
public final class Multus {

    /** The annotation naming a pod's additional networks. */
    public static final String NETWORKS = "k8s.v1.cni.cncf.io/networks";
    /** The annotation replacing a pod's default network. */
    public static final String DEFAULT_NETWORK = "v1.multus-cni.io/default-network";
    /** The annotation Multus writes with what each network gave the pod. */
    public static final String NETWORK_STATUS = "k8s.v1.cni.cncf.io/network-status";

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");

    /**
     * What the pod got from one network.
     *
     * @param selection what the pod asked for
     * @param ifName    the interface made
     * @param result    the network's result
     */
    public record AttachedNetwork(NetworkSelection selection, String ifName, CniResult result) {

        /** {@code kube-system/macvlan0 as net1: <the result>}. */
        @Override
        public String toString() {
            return selection.qualifiedName() + " as " + ifName + ": " + result;
        }
    }

    private Multus() {
    }

    /** The networks {@code annotation} asks for; {@code podNamespace} where none is named. */
    public static List<NetworkSelection> networks(String annotation, String podNamespace) {
        requireLabel("pod namespace", podNamespace, 63);
        if (annotation == null || annotation.isBlank()) {
            throw invalid("annotation " + NETWORKS + ": empty");
        }
        List<NetworkSelection> selections = new ArrayList<>();
        if (annotation.chars().anyMatch(c -> c == '[' || c == '{' || c == '"')) {
            Object parsed = Json.value(annotation.getBytes(StandardCharsets.UTF_8), "annotation " + NETWORKS);
            if (!(parsed instanceof List<?> list)) {
                throw invalid("annotation " + NETWORKS + ": the JSON form must be a list of objects, got "
                        + JsonValues.describe(parsed));
            }
            for (int i = 0; i < list.size(); i++) {
                selections.add(fromJson(list, i, podNamespace));
            }
        } else {
            for (String item : annotation.split(",")) {
                selections.add(fromText(item.strip(), podNamespace));
            }
        }
        Set<String> interfaces = new HashSet<>();
        for (NetworkSelection s : selections) {
            if (s.interfaceName() != null && !interfaces.add(s.interfaceName())) {
                throw invalid("annotation " + NETWORKS + ": interface " + s.interfaceName() + " is asked for twice");
            }
        }
        return selections;
    }

    /** The network {@code v1.multus-cni.io/default-network} names (exactly one). */
    public static NetworkSelection defaultNetwork(String annotation, String podNamespace) {
        List<NetworkSelection> networks = networks(annotation, podNamespace);
        if (networks.size() != 1) {
            throw invalid("annotation " + DEFAULT_NETWORK + ": must name exactly one network, names " + networks.size());
        }
        return networks.getFirst();
    }

    /**
     * Attaches the pod (container {@code containerId}, namespace {@code netns}) to every
     * selected network through {@code runtime}, in order. Every selection is resolved and checked
     * first; if one attachment fails, those made before it are deleted again.
     *
     * @param definitions the NetworkAttachmentDefinitions, by {@code namespace/name}
     */
    public static List<AttachedNetwork> attach(CniRuntime runtime, Map<String, NetworkAttachmentDefinition> definitions,
                                               List<NetworkSelection> selections, String containerId, String netns) {
        List<Planned> plan = plan(definitions, selections, containerId, netns);
        List<AttachedNetwork> attached = new ArrayList<>();
        try {
            for (Planned p : plan) {
                CniResult result = runtime.add(p.network(), p.rt());
                attached.add(new AttachedNetwork(p.selection(), p.rt().ifName(), result));
                if (!p.selection().defaultRoute().isEmpty()) {
                    moveDefaultRoute(netns, p.rt().ifName(), p.selection().defaultRoute());
                }
            }
            return attached;
        } catch (RuntimeException e) {
            for (int i = attached.size() - 1; i >= 0; i--) {
                try {
                    runtime.del(plan.get(i).network(), plan.get(i).rt());
                } catch (RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw e;
        }
    }

    /** Deletes the pod's attachments to the selected networks, in reverse order. */
    public static void detach(CniRuntime runtime, Map<String, NetworkAttachmentDefinition> definitions,
                              List<NetworkSelection> selections, String containerId, String netns) {
        List<Planned> plan = plan(definitions, selections, containerId, netns);
        for (int i = plan.size() - 1; i >= 0; i--) {
            runtime.del(plan.get(i).network(), plan.get(i).rt());
        }
    }

    /** The {@code k8s.v1.cni.cncf.io/network-status} annotation's JSON for {@code attached}. */
    public static String networkStatus(List<AttachedNetwork> attached) {
        List<Object> status = new ArrayList<>();
        for (AttachedNetwork a : attached) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", a.selection().qualifiedName());
            entry.put("interface", a.ifName());
            List<String> ips = new ArrayList<>();
            a.result().ips().forEach(ip -> ips.add(InetAddresses.text(ip.address().address())));
            entry.put("ips", ips);
            a.result().interfaces().stream().filter(i -> i.name().equals(a.ifName()) && i.sandbox() != null)
                    .findFirst().ifPresent(i -> entry.put("mac", i.mac()));
            entry.put("default", !a.selection().defaultRoute().isEmpty());
            entry.put("dns", CniResult.dns(a.result().dns()));
            status.add(entry);
        }
        return Json.write(status);
    }

    /** One attachment to make: which network, with which runtime arguments. */
    private record Planned(NetworkSelection selection, NetworkConfigList network, RuntimeConf rt) {
    }

    private static List<Planned> plan(Map<String, NetworkAttachmentDefinition> definitions,
                                      List<NetworkSelection> selections, String containerId, String netns) {
        List<Planned> plan = new ArrayList<>();
        for (int i = 0; i < selections.size(); i++) {
            NetworkSelection s = selections.get(i);
            NetworkAttachmentDefinition nad = definitions.get(s.qualifiedName());
            if (nad == null) {
                throw invalid("network " + s.qualifiedName() + ": no NetworkAttachmentDefinition of that name");
            }
            Map<String, Object> capabilities = new LinkedHashMap<>();
            if (!s.ips().isEmpty()) {
                capabilities.put("ips", s.ips());
            }
            if (s.mac() != null) {
                capabilities.put("mac", s.mac());
            }
            String ifName = s.interfaceName() != null ? s.interfaceName() : "net" + (i + 1);
            plan.add(new Planned(s, nad.network(), RuntimeConf.of(containerId, netns, ifName)
                    .withCapabilityArgs(capabilities)));
        }
        return plan;
    }

    /**
     * As Multus with {@code default-route}: the pod's default routes replaced by ones through
     * {@code ifName}; and where a rule sends the traffic of one of {@code ifName}'s addresses to a
     * table of its own (sbr chained in the network), that table gets the default route too, which
     * Multus leaves out (multus #706): the address came from the annotation without a gateway. With
     * the interface's subnet route moved out of the main table by sbr, the main table's route is
     * added {@code onlink} (Multus fails there: the kernel finds no route to the gateway).
     */
    private static void moveDefaultRoute(String netns, String ifName, List<String> gateways) {
        try (NetNs ns = NetNs.path(Path.of(netns)); RtNetlink rt = RtNetlink.open(ns)) {
            int index = rt.links().require(ifName).index();
            List<Address> addresses = rt.addresses().list(ifName);
            Set<InetAddress> own = new HashSet<>();
            addresses.forEach(a -> own.add(a.address()));
            for (String text : gateways) {
                InetAddress gateway = InetAddresses.parse("default-route", text);
                IpFamily family = IpFamily.of(gateway);
                List<Route> replaced = rt.routes().defaults(family);
                for (Route route : replaced) {
                    rt.routes().delete(route);
                }
                Route route = Route.defaultRoute(family).withGateway(gateway).withOif(index);
                try {
                    addOnLink(rt, route, addresses);
                    for (Rule rule : rt.rules().list(family)) {
                        if (rule.isFromOneOf(own) && rule.ownTable().isPresent()) {
                            rt.routes().replace(route.withTable(rule.ownTable().getAsLong()));
                        }
                    }
                } catch (RuntimeException e) {
                    for (Route back : replaced) { // the pod keeps the default routes it had
                        try {
                            rt.routes().replace(back);
                        } catch (RuntimeException restore) {
                            e.addSuppressed(restore);
                        }
                    }
                    throw e;
                }
            }
        }
    }

    /**
     * Adds {@code route}; {@code onlink} when the kernel finds no route to its gateway (sbr moved the
     * interface's subnet route out of the main table: ENETUNREACH for IPv4, EHOSTUNREACH for IPv6)
     * though the gateway is in the subnet of one of the interface's {@code addresses}.
     */
    private static void addOnLink(RtNetlink rt, Route route, List<Address> addresses) {
        try {
            rt.routes().add(route);
        } catch (NetlinkErrorException e) {
            int errno = e.errno().number();
            boolean onLink = addresses.stream().anyMatch(a -> new Prefix(a.address(), a.prefixLength())
                    .contains(route.gateway()));
            if ((errno != Errno.ENETUNREACH && errno != Errno.EHOSTUNREACH) || !onLink) {
                throw e;
            }
            rt.routes().add(route.withOnlink());
        }
    }

    private static NetworkSelection fromText(String item, String podNamespace) {
        String namespace = podNamespace;
        String rest = item;
        int slash = item.indexOf('/');
        if (slash >= 0) {
            if (item.indexOf('/', slash + 1) >= 0) {
                throw invalid("network \"" + item + "\": invalid network object (failed at '/')");
            }
            namespace = item.substring(0, slash);
            rest = item.substring(slash + 1);
        }
        String ifName = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            if (rest.indexOf('@', at + 1) >= 0) {
                throw invalid("network \"" + item + "\": invalid network object (failed at '@')");
            }
            ifName = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        return selection(rest, namespace, ifName, List.of(), null, List.of(), "network \"" + item + "\"");
    }

    /** Element {@code i} of the annotation's JSON form, read as Multus's {@code NetworkSelectionElement}. */
    private static NetworkSelection fromJson(List<?> list, int i, String podNamespace) {
        try {
            ConfigReader o = ConfigReader.element("annotation " + NETWORKS, list, i);
            return selection(o.requireString("name"), o.string("namespace", podNamespace), o.string("interface", null),
                    o.strings("ips"), o.string("mac", null), o.strings("default-route"), "annotation " + NETWORKS + "[" + i + "]");
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    private static NetworkSelection selection(String name, String namespace, String ifName, List<String> ips,
                                              String mac, List<String> defaultRoute, String what) {
        requireLabel(what + " name", name, 253);
        requireLabel(what + " namespace", namespace, 63);
        if (ifName != null && CniNames.interfaceNameProblem(ifName) != null) { // it becomes CNI_IFNAME
            throw invalid(what + ": interface name \"" + ifName
                    + "\" must be 1-15 bytes without '/', ':', NUL or whitespace, and not . or ..");
        }
        for (String ip : ips) {
            try {
                InetAddresses.parseWithOptionalLength(what + " ips", ip);
            } catch (IllegalArgumentException e) {
                throw invalid(e.getMessage());
            }
        }
        for (String gw : defaultRoute) {
            try {
                InetAddresses.parse(what + " default-route", gw);
            } catch (IllegalArgumentException e) {
                throw invalid(e.getMessage());
            }
        }
        if (mac != null) {
            try {
                MacAddress.parse(mac).requireUnicast(what + " mac");
            } catch (IllegalArgumentException e) {
                throw invalid(what + " mac: " + e.getMessage());
            }
        }
        return new NetworkSelection(name, namespace, ifName, ips, mac, defaultRoute);
    }

    /** Checks a Kubernetes name: DNS-1123 (a label, or a subdomain when {@code max} allows dots). */
    static void requireLabel(String field, String value, int max) {
        Pattern rule = max > 63 ? SUBDOMAIN : LABEL;
        if (value == null || value.isEmpty() || value.length() > max || !rule.matcher(value).matches()) {
            throw invalid(field + ": \"" + value + "\" is not a valid name (lower case letters, digits and '-'"
                    + (max > 63 ? " or '.'" : "") + ", starting and ending alphanumerically, at most " + max + ")");
        }
    }

    private static CniException invalid(String message) {
        return new CniException(CniException.INVALID_CONFIG, message);
    }
}
