package io.jnetlink.macvlan;

import io.jnetlink.core.codec.NetlinkWriter;
import io.jnetlink.core.inet.MacAddress;

import java.util.List;
import java.util.function.Consumer;

import static io.jnetlink.core.rtnl.Ifla.IFLA_INFO_DATA;
import static io.jnetlink.core.rtnl.Ifla.IFLA_INFO_KIND;
import static io.jnetlink.core.rtnl.Ifla.IFLA_LINKINFO;

/**
 * What only macvlans and macvtaps have: changing the mode of an existing one, and the source-MAC
 * list of source mode ({@code ip link set <name> type macvlan mode ... | macaddr ...}).
 */
public final class MacvlanLinks {

    private final RtNetlink rt;

    MacvlanLinks(RtNetlink rt) {
        this.rt = rt;
    }

    /** Changes the mode of an existing macvlan ({@code ip link set <name> type macvlan mode <mode>}). */
    public void setMode(String name, MacvlanMode mode) {
        Link link = requireMacvlan(name);
        change(link, "set mode " + mode.ipName(), w -> w.putU32(Macvlan.IFLA_MACVLAN_MODE, mode.kernelValue()));
    }

    /** Adds one MAC to a source-mode macvlan's list ({@code macaddr add}). */
    public void addSourceMac(String name, MacAddress mac) {
        sourceMacs(name, Macvlan.MACVLAN_MACADDR_ADD, List.of(mac.requireUnicast("source mac")),
                "add source mac " + mac);
    }

    /** Removes one MAC from a source-mode macvlan's list ({@code macaddr del}). */
    public void deleteSourceMac(String name, MacAddress mac) {
        sourceMacs(name, Macvlan.MACVLAN_MACADDR_DEL, List.of(mac), "delete source mac " + mac);
    }

    /** Empties a source-mode macvlan's list ({@code macaddr flush}). */
    public void flushSourceMacs(String name) {
        sourceMacs(name, Macvlan.MACVLAN_MACADDR_FLUSH, List.of(), "flush source macs");
    }

    /** Replaces a source-mode macvlan's list ({@code macaddr set}). */
    public void setSourceMacs(String name, List<MacAddress> macs) {
        macs.forEach(mac -> mac.requireUnicast("source mac"));
        sourceMacs(name, Macvlan.MACVLAN_MACADDR_SET, macs, "set source macs " + macs);
    }

    private void sourceMacs(String name, int operation, List<MacAddress> macs, String what) {
        Link link = requireMacvlan(name);
        if (link.macvlan().modeValue() != MacvlanMode.SOURCE.kernelValue()) {
            throw new IllegalArgumentException("source macs of " + name + ": only a macvlan/macvtap in mode SOURCE has "
                    + "a source MAC list; it is in mode " + link.macvlan().mode().map(MacvlanMode::ipName)
                    .orElse(String.valueOf(link.macvlan().modeValue())));
        }
        change(link, what, w -> Macvlan.writeSourceMacs(w, operation, macs));
    }

    private Link requireMacvlan(String name) {
        Link link = rt.links().require(name);
        if (!(link.info() instanceof Macvlan.Info)) {
            throw new IllegalArgumentException("link " + name + ": is a " + link.kind() + " link, not a macvlan/macvtap");
        }
        return link;
    }

    private void change(Link link, String what, Consumer<NetlinkWriter> data) {
        rt.links().change(link.name(), what, w -> {
            long info = w.beginNest(IFLA_LINKINFO);
            w.putString(IFLA_INFO_KIND, link.kind());
            long nested = w.beginNest(IFLA_INFO_DATA);
            data.accept(w);
            w.endNest(nested);
            w.endNest(info);
        });
    }
}
