package io.jnetlink.cni.plugins.macvlan;

import io.jnetlink.cni.plugins.ipam.IpamRequest;
import io.jnetlink.cni.skel.CniCall;
import io.jnetlink.cni.types.CniException;
import io.jnetlink.cni.types.CniNames;
import io.jnetlink.cni.types.CniResult;
import io.jnetlink.core.inet.MacAddress;
import io.jnetlink.ipam.ConfigReader;
import io.jnetlink.ipam.Dns;
import io.jnetlink.macvlan.MacvlanMode;

import java.util.Map;

/**
 * The macvlan plugin's network config as the reference plugin reads it, checked field by field
 * (code 7 naming the field and value; code 6 for bytes that are not a JSON object; code 1 for a
 * version the plugin does not speak).
 *
 * @param cniVersion      {@code cniVersion}
 * @param name            {@code name}, the network's name
 * @param master          {@code master}, the parent link; null for the default route's interface
 * @param mode            {@code mode} ({@code bridge} when absent)
 * @param mtu             {@code mtu}, 0 for the master's
 * @param mac             the MAC from {@code mac}, CNI_ARGS {@code MAC}, or {@code runtimeConfig.mac}, in
 *                        the reference's precedence (last wins); null for a random one
 * @param linkInContainer {@code linkInContainer}: look the master up inside the container
 * @param bcQueueLen      {@code bcqueuelen} (our extension: the macvlan broadcast queue), or null
 * @param ipam            what is asked of IPAM ({@code ipam} null for a layer-2 only interface)
 * @param dns             {@code dns}, copied into the ADD result as the reference does (IPAM's if none)
 * @param prevResult      {@code prevResult} (for CHECK), or null
 * @param raw             the whole config, as parsed
 */
public record MacvlanConfig(String cniVersion, String name, String master, MacvlanMode mode, int mtu, MacAddress mac,
                     boolean linkInContainer, Integer bcQueueLen, IpamRequest ipam, Dns dns,
                     CniResult prevResult, Map<String, Object> raw) {

    /** Parses the config of {@code call}. */
    public static MacvlanConfig parse(CniCall call) {
        Map<String, Object> raw = call.json();
        ConfigReader r = ConfigReader.of("config", raw);
        try {
            String version = call.cniVersion();
            String name = r.string("name", "");
            if (name.isEmpty()) {
                throw new CniException(CniException.INVALID_CONFIG, "name: missing network name"
                        + r.unknownKeyHint("name"));
            }
            if (!CniNames.isValidName(name)) {
                throw new CniException(CniException.INVALID_CONFIG, "name: invalid characters found in network name",
                        name);
            }
            String master = r.string("master", "");
            String modeText = r.string("mode", "");
            MacvlanMode mode = modeText.isEmpty() ? MacvlanMode.BRIDGE : MacvlanMode.parse(modeText)
                    .filter(m -> m != MacvlanMode.SOURCE)
                    .orElseThrow(() -> new CniException(CniException.INVALID_CONFIG, "mode: unknown macvlan mode \""
                            + modeText + "\"", "one of bridge, private, vepa, passthru"));
            int mtu = (int) r.integer("mtu", 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
            if (mtu < 0) {
                throw new CniException(CniException.INVALID_CONFIG, "mtu: invalid MTU " + mtu + ", must not be negative");
            }
            long queue = r.integer("bcqueuelen", -1, -1, 0xffff_ffffL);
            ConfigReader runtime = r.object("runtimeConfig");
            Map<String, String> env = call.args().keyValues();
            String macText = r.string("mac", "");
            if (env.containsKey("MAC") && !env.get("MAC").isEmpty()) {
                macText = env.get("MAC");
            }
            if (runtime != null && !runtime.string("mac", "").isEmpty()) {
                macText = runtime.string("mac", "");
            }
            MacAddress mac = macText.isEmpty() ? null : mac(macText);
            IpamRequest ipam = IpamRequest.of(r, env);
            ConfigReader prev = r.object("prevResult");
            return new MacvlanConfig(version, name, master.isEmpty() ? null : master, mode, mtu, mac,
                    r.bool("linkInContainer", false), queue < 0 ? null : (int) Math.min(queue, Integer.MAX_VALUE),
                    ipam, r.dns("dns"),
                    prev == null ? null : CniResult.fromJson(asMap(raw.get("prevResult")), "prevResult"), raw);
        } catch (IllegalArgumentException e) {
            throw new CniException(CniException.INVALID_CONFIG, e.getMessage());
        }
    }

    /**
     * The network and what is set of the link and its addresses, as {@code ip link} and the
     * config name them: {@code network lan: macvlan on eth0 mode bridge mtu 1400; ipam host-local}
     * ({@code master} absent: {@code on the default route's interface}).
     */
    @Override
    public String toString() {
        return "network " + name + ": macvlan on " + (master == null ? "the default route's interface" : master)
                + (linkInContainer ? " in the container" : "") + " mode " + mode.ipName()
                + (mtu == 0 ? "" : " mtu " + mtu) + (mac == null ? "" : " mac " + mac)
                + (bcQueueLen == null ? "" : " bcqueuelen " + bcQueueLen) + "; " + ipam
                + (dns.isEmpty() ? "" : "; dns: " + dns) + (prevResult == null ? "" : "; prevResult " + prevResult);
    }

    /** The IPAM plugin's type, or null for none. */
    public String ipamType() {
        return ipam.type();
    }

    private static MacAddress mac(String text) {
        try {
            return MacAddress.parse(text).requireUnicast("mac");
        } catch (IllegalArgumentException e) {
            throw new CniException(CniException.INVALID_CONFIG, "mac: invalid MAC address \"" + text + "\"",
                    e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }
}
