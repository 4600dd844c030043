package io.jnetlink.ipam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An owner's interface name follows the kernel's rule (bytes, not characters); its fields fit a lease record. */
class OwnerTest {

    @Test
    void theInterfaceNameIsCountedInBytesAsTheKernelCountsIt() {
        assertThat(new Owner("c1", "fifteen-bytes-x").ifName()).hasSize(15);
        // 8 characters, 16 bytes in UTF-8: Owner used to count characters and took it
        assertThatThrownBy(() -> new Owner("c1", "ëëëëëëëë")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ifName: \"ëëëëëëëë\" is not an interface name (1-15 bytes, not . or .., "
                        + "no /, :, NUL or whitespace)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a/b", "a:b", "a b", "nul\0x"})
    void namesTheKernelRefusesAreRefused(String ifName) {
        assertThatThrownBy(() -> new Owner("c1", ifName)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("ifName: \"" + ifName + "\" is not an interface name");
    }

    @Test
    void controlCharactersCannotGoIntoALeaseRecord() {
        assertThatThrownBy(() -> new Owner("c1", "eth\u00010")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ifName: \"eth\u00010\" contains whitespace or control characters");
        assertThatThrownBy(() -> new Owner("c\u00011", "eth0"))
                .hasMessageContaining("containerId: \"c\u00011\" contains whitespace or control characters");
        assertThat(new Owner("  c1 ", "eth0").containerId()).isEqualTo("c1");
    }
}
