package io.jnetlink.core.inet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parsing and printing MAC addresses (moved here from macvlan-api's ValidationTest with MacAddress). */
class MacAddressTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "02:00:00:00:00", "02:00:00:00:00:00:01", "02:00:00:00:00:zz", "0200.0000.0001"})
    void malformedMacsAreRejected(String mac) {
        assertThatThrownBy(() -> MacAddress.parse(mac)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("MAC address:");
    }

    @Test
    void macParsesAndPrints() {
        assertThat(MacAddress.parse("02-00-5E-00-53-01").toString()).isEqualTo("02:00:5e:00:53:01");
        MacAddress random = MacAddress.randomLocal();
        assertThat(random.isMulticast()).isFalse();
        assertThat(random.value() & (1L << 41)).isNotZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"00:00:00:00:00:00", "01:00:5e:00:00:01", "ff:ff:ff:ff:ff:ff", "03:00:00:00:00:01"})
    void nonUnicastMacsAreRefusedNamingTheField(String mac) {
        assertThatThrownBy(() -> MacAddress.parse(mac).requireUnicast("mac"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("mac: " + mac).hasMessageContaining("not a unicast address");
    }

    @Test
    void moreThan48BitsAreRefused() {
        assertThatThrownBy(() -> new MacAddress(1L << 48)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("wider than 48 bits");
        assertThat(MacAddress.parse("00:00:00:00:00:00").isZero()).isTrue();
    }
}
