package io.jnetlink.ipam;

import io.jnetlink.core.inet.InetAddresses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one lease-record format every store writes and reads. */
class LeaseRecordTest {

    private static final InetAddress ADDRESS = InetAddresses.parse("ip", "198.51.100.7");

    @Test
    void writesTheReferencesRecordAndTheSharedStoresRecord() {
        Owner owner = new Owner("c1", "eth0");
        assertThat(LeaseRecord.of(owner).text()).isEqualTo("c1\r\neth0");
        assertThat(LeaseRecord.of(owner, "host-a").text()).isEqualTo("c1\r\neth0\r\nhost-a");
        assertThat(LeaseRecord.parse("c1\r\neth0\r\nhost-a")).isEqualTo(LeaseRecord.of(owner, "host-a"));
        assertThat(LeaseRecord.parse("legacy")).isEqualTo(new LeaseRecord("legacy", null, null));
        assertThat(LeaseRecord.parse(" c1\r\neth0\n")).as("surrounding whitespace is trimmed, as the reference does")
                .isEqualTo(LeaseRecord.of(owner));
    }

    @ParameterizedTest
    @ValueSource(strings = {"c1\r\n\r\nhost-a", "c 1\r\neth0\r\nhost-a", "c1\r\neth0\r\nhost-a\r\nextra",
            "c1\r\neth0\r\nhost a", "x\ny\nz", "c1\r\neth\u00010", "c1\r\neth0\r\n\r\nhost-a"})
    void unreadableRecordsAreDamagedLeases(String text) {
        Lease lease = LeaseRecord.lease(ADDRESS, text, "lease record k");
        assertThat(lease.isSound()).isFalse();
        assertThat(lease.problem()).startsWith("unreadable lease record k: \"");
        assertThat(lease.containerId()).isNull();
        assertThatThrownBy(() -> LeaseRecord.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEmptyRecordIsDamagedAsEmpty() {
        assertThat(LeaseRecord.lease(ADDRESS, " \r\n", "lease file f").problem()).isEqualTo("empty lease file f");
    }

    @Test
    void soundRecordsNameTheirHolder() {
        assertThat(LeaseRecord.lease(ADDRESS, "c1\r\neth0\r\nhost-a", "k"))
                .isEqualTo(new Lease(ADDRESS, "c1", "eth0", null));
        assertThat(LeaseRecord.lease(ADDRESS, "legacy", "k")).isEqualTo(new Lease(ADDRESS, "legacy", null, null));
    }

    @Test
    void fieldsAreCheckedOnWriting() {
        assertThatThrownBy(() -> new LeaseRecord("c1", null, "host-a")).hasMessageContaining("needs an ifName");
        assertThatThrownBy(() -> LeaseRecord.of(new Owner("c1", "eth0"), "host a"))
                .hasMessage("host: \"host a\" contains whitespace or control characters");
        assertThatThrownBy(() -> LeaseRecord.requireField("etcd.hostId", ""))
                .hasMessage("etcd.hostId: must not be empty");
    }
}
