package io.jnetlink.macvlan;

import io.jnetlink.core.NetNs;
import io.jnetlink.core.inet.IpFamily;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Collectors;

/**
 * Run by {@link UnprivilegedAccessTest} as an unprivileged user inside a sandbox namespace: reads
 * what any user may read, then tries what needs privileges, one {@code key=value} line each.
 */
public final class UnprivilegedProbe {

    private UnprivilegedProbe() {
    }

    public static void main(String[] args) throws Exception {
        String otherNamespace = args[0];
        try (RtNetlink rt = RtNetlink.open()) {
            System.out.println("links=" + rt.links().list().stream().map(Link::name).sorted()
                    .collect(Collectors.joining(",")));
            System.out.println("addresses=" + rt.addresses().list().stream().map(Address::toString).sorted()
                    .collect(Collectors.joining(",")));
            System.out.println("routes=" + rt.routes().list(IpFamily.IPV4).stream().map(Route::toString)
                    .collect(Collectors.joining(",")));
            BlockingQueue<NetEvent> events = new LinkedBlockingQueue<>();
            try (Subscription subscription = rt.subscribe(events::add)) {
                System.out.println("subscribed=" + subscription.isOpen());
            }
            System.out.println("create=" + failure(() -> rt.links().create(Macvlan.of("mv9", "parent0"))));
            System.out.println("setUp=" + failure(() -> {
                rt.links().setDown("parent0");
                return null;
            }));
        }
        System.out.println("enter=" + failure(() -> {
            try (NetNs other = NetNs.named(otherNamespace); RtNetlink rt = RtNetlink.open(other)) {
                return rt.links().list();
            }
        }));
        System.out.println("createNetns=" + failure(() -> NetNs.create(otherNamespace + "x")));
    }

    private static String failure(java.util.concurrent.Callable<?> attempt) {
        try {
            attempt.call();
            return "succeeded";
        } catch (Exception e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
