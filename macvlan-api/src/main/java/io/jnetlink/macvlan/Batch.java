package io.jnetlink.macvlan;

import io.jnetlink.core.codec.NetlinkWriter;
import io.jnetlink.core.rtnl.Ifla;
import io.jnetlink.core.rtnl.Rtnetlink;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Changes of one namespace sent together, as {@code ip -batch} runs its lines: one
 * {@code sendmsg} for all, which the kernel carries out in order, acknowledging each on its own.
 * Netlink has no transaction: a request that fails does not stop the ones after it, so a caller
 * that wants all or nothing undoes what was made (deleting a link takes its addresses and routes
 * with it). {@link #execute} throws the first failure by position, named as the single call names
 * it ({@code add address 198.51.100.2/24 on eth0 in network namespace blue failed: EEXIST ...},
 * with the kernel's extended ACK), the later failures suppressed in it.
 *
 * <pre>{@code
 * rt.batch().addAddress(link, Address.parse("198.51.100.2/24")).setUp(link.name())
 *         .addRoute(Route.defaultRoute(IpFamily.IPV4).withGateway("198.51.100.1").withOif(link.index()))
 *         .execute();
 * }</pre>
 *
 * Made by {@link RtNetlink#batch()}; filled and sent by one thread. The values are checked as each
 * request is added; the entry point's lock is held only while the batch is sent.
 */
public final class Batch {

    /**
     * One request: how it is written and how errors name it.
     *
     * @param request   appends the request's message
     * @param operation the request in words, asked for only if it fails
     */
    record Step(Consumer<NetlinkWriter> request, Supplier<String> operation) {
    }

    private final RtNetlink rt;
    private final List<Step> steps = new ArrayList<>();

    Batch(RtNetlink rt) {
        this.rt = rt;
    }

    /** As {@link Links#setArpNotifyOn}: {@code sysctl net.ipv4.conf.<link>.arp_notify=1}. */
    public Batch setArpNotifyOn(String link) {
        Validation.ifname("link name", link);
        steps.add(new Step(w -> Links.writeChange(w, link, a -> Links.writeArpNotify(a, 1)),
                () -> Links.describeChange(link, "set arp_notify 1")));
        return this;
    }

    /** As {@link Addresses#add}: {@code ip address add <address> dev <link>}, the link known (no lookup). */
    public Batch addAddress(Link link, Address address) {
        int index = link.index();
        String name = link.name();
        steps.add(new Step(w -> Addresses.encode(w, address, index, Addresses.ADD),
                () -> Addresses.describe("add", address, name)));
        return this;
    }

    /** As {@link Links#setUp}: {@code ip link set <link> up}. */
    public Batch setUp(String link) {
        Validation.ifname("link name", link);
        steps.add(new Step(w -> Links.writeFlags(w, link, Ifla.IFF_UP), () -> Links.describeUp(link, 0)));
        return this;
    }

    /** As {@link Routes#add}: {@code ip route add ...}; a route naming its device by name is looked up now. */
    public Batch addRoute(Route route) {
        Supplier<String> operation = () -> Routes.describe("add", route); // built only for an error
        int oif = rt.routes().oif(route, operation);
        steps.add(new Step(w -> Routes.encode(w, route, oif, Rtnetlink.RTM_NEWROUTE, Routes.ADD), operation));
        return this;
    }

    /** How many requests the batch holds. */
    public int size() {
        return steps.size();
    }

    /**
     * Sends every request in one {@code sendmsg} and waits for all their ACKs; does nothing for an
     * empty batch.
     *
     * @throws io.jnetlink.core.NetlinkErrorException the first request the kernel refused, named as
     *                                                its single call names it; the other refusals
     *                                                suppressed in it
     */
    public void execute() {
        if (!steps.isEmpty()) {
            rt.execute(List.copyOf(steps));
        }
    }

    @Override
    public String toString() {
        return "Batch[" + steps.size() + " requests in " + rt.where() + "]";
    }
}
