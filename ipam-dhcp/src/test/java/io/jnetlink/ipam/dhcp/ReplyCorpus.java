package io.jnetlink.ipam.dhcp;

import io.jnetlink.attach.MacvlanAttacher;
import io.jnetlink.core.NetNs;
import io.jnetlink.core.posix.PacketSocket;
import io.jnetlink.ipam.Owner;
import io.jnetlink.macvlan.RtNetlink;
import io.jnetlink.testkit.Sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes the seeds of {@link DhcpParserFuzzTest}: real ISC dhcpd replies (OFFER, ACK, the ACKs of
 * renewals) captured on a sandbox LAN ({@link DhcpLan}) through a second packet socket on the
 * container's interface while a lease is acquired, renewed and released. Run by hand:
 * {@code java -cp <test class path> --enable-native-access=ALL-UNNAMED io.jnetlink.ipam.dhcp.ReplyCorpus <dir>}.
 */
public final class ReplyCorpus {

    private ReplyCorpus() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        try (Sandbox box = Sandbox.create(); DhcpLan lan = new DhcpLan(box)) {
            lan.iscServer(4, "");
            lan.renewer(box.directory("leases"));
            MacvlanAttacher attacher = lan.attacher(DhcpLan.ipam(Map.of("timeout", 5)));
            NetNs container = lan.container("c1");
            Owner owner = new Owner("ctr-corpus", "eth0");
            List<byte[]> replies = new ArrayList<>();
            AtomicBoolean done = new AtomicBoolean();
            // the interface appears during attach: capture from a thread that waits for it
            Thread capture = new Thread(() -> {
                try {
                    int index;
                    while (true) {
                        try (RtNetlink inside = RtNetlink.open(container)) {
                            var link = inside.links().get("eth0");
                            if (link.isPresent()) {
                                index = link.get().index();
                                break;
                            }
                        }
                        Thread.sleep(5);
                    }
                    int i = index;
                    try (PacketSocket socket = container.call(() -> PacketSocket.open(i))) {
                        byte[] buffer = new byte[65536];
                        while (!done.get()) {
                            int n = socket.receive(buffer, Duration.ofMillis(200));
                            byte[] payload = n < 0 ? null : IpUdp.unwrap(buffer, n, DhcpMessage.CLIENT_PORT);
                            if (payload != null) {
                                synchronized (replies) {
                                    replies.add(payload);
                                }
                            }
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            capture.start();
            var endpoint = lan.attach(attacher, container, owner);
            Thread.sleep(5000); // two renewals of a 4 s lease
            attacher.detach(container, owner);
            done.set(true);
            capture.join();
            int n = 0;
            for (byte[] reply : replies) {
                DhcpMessage m = DhcpMessage.parse(reply, 0, reply.length);
                String name = "isc-" + m.type().map(t -> t.name().toLowerCase()).orElse("bootp") + "-" + (n++);
                Files.write(out.resolve(name), reply);
                System.out.println(name + ": " + m);
            }
            System.out.println("attached " + endpoint.addresses());
        }
        DhcpRenewer.running().ifPresent(DhcpRenewer::close);
    }
}
