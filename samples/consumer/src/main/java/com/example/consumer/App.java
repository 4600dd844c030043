package com.example.consumer;

import io.jnetlink.core.NetNs;
import io.jnetlink.macvlan.Link;
import io.jnetlink.macvlan.Macvlan;
import io.jnetlink.macvlan.MacvlanMode;
import io.jnetlink.macvlan.RtNetlink;
import io.jnetlink.macvlan.Veth;

/** Creates a macvlan on a veth parent inside a throwaway namespace, prints it, and cleans up. */
public final class App {

    private App() {
    }

    public static void main(String[] args) {
        String sandbox = "jnltest-consumer-" + ProcessHandle.current().pid();
        NetNs.create(sandbox).close();
        try (RtNetlink rt = RtNetlink.openNamed(sandbox)) {
            rt.links().create(Veth.of("eth0", "eth0-peer"));
            Link link = rt.links().create(Macvlan.of("macvlan1", "eth0").withMode(MacvlanMode.BRIDGE));
            if (!(link.info() instanceof Macvlan.Info info) || info.mode().orElse(null) != MacvlanMode.BRIDGE) {
                throw new IllegalStateException("unexpected link: " + link);
            }
            System.out.println("consumer: created " + link.name() + " " + link.mac() + " mode "
                    + info.mode().orElseThrow().ipName() + " in " + sandbox);
        } finally {
            NetNs.delete(sandbox);
        }
    }
}
