package io.jnetlink.testkit.core;

import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.Netlink;
import io.jnetlink.core.codec.NetlinkWriter;
import io.jnetlink.core.rtnl.IfInfoMsg;
import io.jnetlink.core.rtnl.Ifla;
import io.jnetlink.core.rtnl.Rtnetlink;

import java.util.Map;
import java.util.TreeMap;

/** The namespace's links read with a raw dump, as the core tests need them. */
final class LinkDump {

    private LinkDump() {
    }

    /** Dumps the namespace's links: name to MTU. */
    static Map<String, Integer> dumpNamesAndMtu(NetlinkSocket socket, NetlinkWriter w) {
        w.reset();
        long message = w.beginMessage(Rtnetlink.RTM_GETLINK, Netlink.NLM_F_DUMP);
        w.ifinfomsg(Rtnetlink.AF_UNSPEC, 0, 0, 0, 0);
        w.endMessage(message);
        Map<String, Integer> links = new TreeMap<>();
        AttributeCursor attrs = new AttributeCursor();
        socket.dump(w, m -> {
            m.attributes(IfInfoMsg.SIZE, attrs);
            String name = attrs.find(Ifla.IFLA_IFNAME) ? attrs.string() : null;
            int mtu = attrs.find(Ifla.IFLA_MTU) ? attrs.u32() : -1;
            links.put(name, mtu);
            return null;
        });
        return links;
    }
}
