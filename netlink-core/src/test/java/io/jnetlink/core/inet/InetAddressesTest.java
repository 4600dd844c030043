package io.jnetlink.core.inet;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InetAddressesTest {

    private static InetAddress ip(String text) {
        return InetAddresses.parse("ip", text);
    }

    @Test
    void everyIpv4AddressSortsBeforeEveryIpv6Address() {
        List<InetAddress> addresses = new ArrayList<>(List.of(ip("::1"), ip("255.255.255.255"), ip("2001:db8::1"),
                ip("0.0.0.0"), ip("::"), ip("192.0.2.1")));
        addresses.sort(InetAddresses::compare);

        assertThat(addresses).extracting(InetAddresses::text)
                .containsExactly("0.0.0.0", "192.0.2.1", "255.255.255.255", "::", "::1", "2001:db8::1");
        assertThat(InetAddresses.compare(ip("255.255.255.255"), ip("::"))).isNegative();
        assertThat(InetAddresses.compare(ip("::"), ip("255.255.255.255"))).isPositive();
    }

    @Test
    void withinAFamilyAddressesCompareAsUnsignedNumbers() {
        assertThat(InetAddresses.compare(ip("192.0.2.200"), ip("192.0.2.3"))).isPositive();
        assertThat(InetAddresses.compare(ip("2001:db8::ff00"), ip("2001:db8::1"))).isPositive();
        assertThat(InetAddresses.compare(ip("198.51.100.7"), ip("198.51.100.7"))).isZero();
    }

    /** Found by the CNI parsers' fuzzing: these went to a DNS lookup (slow, and a name was never meant). */
    @Test
    void onlyDottedQuadsAndIpv6LiteralsParseAndNothingIsLookedUp() {
        for (String bad : new String[] {"198.51.100", "1.2.3.4.5", "7", "999.1.1.1", "256.0.0.1", "1.2.3.4x", "::g"}) {
            assertThatThrownBy(() -> InetAddresses.parse("f", bad))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("f: \"" + bad + "\"");
        }
        assertThat(InetAddresses.text(InetAddresses.parse("f", "198.51.100.7")))
                .isEqualTo("198.51.100.7");
        assertThat(InetAddresses.text(InetAddresses.parse("f", "2001:db8::7")))
                .isEqualTo("2001:db8::7");
    }
}
