package io.jnetlink.cni;

import io.jnetlink.cni.plugins.ipam.IpamCniPlugin;
import io.jnetlink.cni.types.CniArgs;
import io.jnetlink.cni.types.CniException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The in-process IPAM plugin's config, refused before any store is opened: what is required
 * (an {@code ipam} object with a {@code type}, the type's own fields) is named, with the unknown
 * key that was probably meant.
 */
class IpamCniPluginConfigTest {

    private static final CniArgs ADD = new CniArgs("c1", "/run/netns/x", "eth0", "", "/nonexistent");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"IPAM\":{\"type\":\"host-local\"}|config.ipam: is required (unknown key \"IPAM\": did you mean \"ipam\"?)",
            "\"ipma\":{\"type\":\"host-local\"}|config.ipam: is required (unknown key \"ipma\": did you mean \"ipam\"?)",
            "\"ipam\":{\"tpye\":\"host-local\"}|config.ipam.type: is required (unknown key \"tpye\": did you mean \"type\"?)",
            "\"ipam\":{\"Type\":\"static\"}|config.ipam.type: is required (unknown key \"Type\": did you mean \"type\"?)",
            "\"ipam\":{}|config.ipam.type: is required",
            "\"other\":1|config.ipam: is required",
            "\"ipam\":{\"type\":\"host-local\",\"subnett\":\"198.51.100.0/24\"}|ipam.ranges: no IP ranges specified (unknown key \"subnett\": did you mean \"subnet\"?)",
            "\"ipam\":{\"type\":\"static\",\"adresses\":[{\"address\":\"192.0.2.7/24\"}]}|ipam.addresses: at least one address is required (unknown key \"adresses\": did you mean \"addresses\"?)",
            "\"ipam\":{\"type\":\"static\",\"addresses\":[{\"adress\":\"192.0.2.7/24\"}]}|ipam.addresses[0].address: is required (unknown key \"adress\": did you mean \"address\"?)"})
    void whatIsRequiredIsNamedWithTheKeyThatWasMeant(String fields, String message) {
        byte[] config = ("{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"type\":\"host-local\"," + fields + "}")
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new IpamCniPlugin().add(ADD, config)).isInstanceOfSatisfying(CniException.class, e -> {
            assertThat(e.code()).isEqualTo(CniException.INVALID_CONFIG);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }
}
