package io.jnetlink.macvlan;

import io.jnetlink.core.inet.IpFamily;
import io.jnetlink.testkit.Command;
import io.jnetlink.testkit.NetworkSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.Inet4Address;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dumps far larger than one receive buffer: 5,000 links, 3,000 addresses and 3,000 routes come
 * back complete (each exactly once, as created) and consistent (every address and route names
 * a link of the same dump), and agree with {@code ip}'s count of the same namespace.
 */
@NetworkSandbox
@ExtendWith(Topology.Parameter.class)
class LargeDumpTest {

    private static final int LINKS = 5_000;
    private static final int ADDRESSES = 3_000;
    private static final int ROUTES = 3_000;

    @Test
    void dumpsOfThousandsOfLinksAddressesAndRoutesAreCompleteAndConsistent(Topology t) {
        List<String> names = IntStream.range(0, LINKS).mapToObj(i -> "big" + i).toList();
        assertThat(t.rt.bulk().createAll(names.stream().map(n -> Macvlan.of(n, "parent0")).toList())
                .allSucceeded()).isTrue();
        Map<String, String> addressOf = new HashMap<>();
        for (int i = 0; i < ADDRESSES; i++) {
            String address = "198.19." + (i / 250) + "." + (i % 250 + 1);
            t.rt.addresses().add(names.get(i), Address.parse(address + "/32"));
            addressOf.put(address, names.get(i));
        }
        int parent = t.links().require("parent0").index();
        Set<String> routes = new HashSet<>();
        for (int i = 0; i < ROUTES; i++) {
            String destination = "198.18." + (i / 250) + "." + (i % 250 + 1) + "/32";
            t.rt.routes().add(Route.to(destination).withOif(parent));
            routes.add(destination);
        }

        List<Link> links = t.links().list();
        Map<Integer, String> nameOf = new HashMap<>();
        for (Link link : links) {
            assertThat(nameOf.put(link.index(), link.name())).as("index %d twice", link.index()).isNull();
        }
        assertThat(links).extracting(Link::name).doesNotHaveDuplicates()
                .containsAll(names).contains("lo", "parent0", "peer0").hasSize(LINKS + 3);
        assertThat(links).filteredOn(l -> l.name().startsWith("big"))
                .allSatisfy(l -> assertThat(l.parentIndex()).isEqualTo(parent));
        assertThat(Command.check("ip", "-n", t.name(), "-o", "link", "show").lines().count())
                .as("links ip counts").isEqualTo(links.size());

        List<Address> ours = t.rt.addresses().list().stream()
                .filter(a -> a.address() instanceof Inet4Address && a.address().getHostAddress().startsWith("198.19."))
                .toList();
        assertThat(ours).hasSize(ADDRESSES);
        assertThat(ours).allSatisfy(a -> assertThat(nameOf.get(a.index()))
                .isEqualTo(addressOf.get(a.address().getHostAddress())));

        List<Route> main = t.rt.routes().list(IpFamily.IPV4).stream()
                .filter(r -> r.destination().toString().startsWith("198.18.")).toList();
        assertThat(main).extracting(r -> r.destination().toString()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(routes);
        assertThat(main).allSatisfy(r -> assertThat(r.oif()).isEqualTo(parent));
        assertThat(Command.check("ip", "-n", t.name(), "-4", "-o", "address", "show").lines()
                .filter(l -> l.contains(" 198.19.")).count()).as("addresses ip counts").isEqualTo(ADDRESSES);
    }
}
