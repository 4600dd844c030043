package io.jnetlink.cni;

import io.jnetlink.cni.types.CniArgs;
import io.jnetlink.cni.types.CniException;
import io.jnetlink.cni.plugins.macvlan.MacvlanConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The macvlan plugin's config, read without the kernel: every field checked, requested addresses and MACs in the reference's precedence. */
class MacvlanConfigTest {

    private static final CniArgs ADD = new CniArgs("c1", "/run/netns/x", "eth0", "", "/opt/cni/bin");

    private static MacvlanConfig parse(String json, CniArgs args) {
        return Configs.macvlan(json.getBytes(StandardCharsets.UTF_8), args);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"mode\":\"tunnel\"}|7|mode: unknown macvlan mode \"tunnel\"",
            "{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"mtu\":-1}|7|mtu: invalid MTU -1, must not be negative",
            "{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"mtu\":\"big\"}|7|config.mtu: must be a number, got the string \"big\"",
            "{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"mac\":\"01:00:5e:00:00:01\"}|7|mac: invalid MAC address",
            "{\"cniVersion\":\"1.0.0\",\"name\":\"a/b\"}|7|name: invalid characters found in network name",
            "{\"cniVersion\":\"1.0.0\"}|7|name: missing network name",
            "{\"cniVersion\":\"9.9.9\",\"name\":\"n\"}|1|incompatible CNI versions",
            "{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"ipam\":{\"type\":\"host-local\"},\"runtimeConfig\":{\"ips\":[\"nope\"]}}|7|config.runtimeConfig.ips",
            "[1,2]|6|network config: must be a JSON object",
            "{not json|6|network config: not valid JSON"})
    void badConfigsAreRefusedNamingTheField(String json, int code, String message) {
        assertThatThrownBy(() -> parse(json, ADD)).isInstanceOfSatisfying(CniException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).startsWith(message);
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"mtu\":\"1500\"|config.mtu: must be a number, got the string \"1500\"",
            "\"mtu\":1500.5|config.mtu: must be a whole number, got the number 1500.5",
            "\"linkInContainer\":1|config.linkInContainer: must be true or false, got the number 1",
            "\"linkInContainer\":\"true\"|config.linkInContainer: must be true or false, got the string \"true\"",
            "\"ipam\":[]|config.ipam: must be an object, got a list",
            "\"master\":{}|config.master: must be a string, got an object",
            "\"dns\":{\"nameservers\":\"192.0.2.53\"}|config.dns.nameservers: must be a list, got the string \"192.0.2.53\"",
            "\"dns\":{\"nameservers\":[\"ns1\"]}|config.dns.nameservers: \"ns1\" is not a numeric IPv4 or IPv6 address",
            "\"ipam\":{\"type\":\"host-local\"},\"runtimeConfig\":{\"ips\":[1]}|config.runtimeConfig.ips[0]: must be a string, got the number 1"})
    void aValueOfTheWrongTypeSaysWhatItWas(String field, String message) {
        assertThatThrownBy(() -> parse("{\"cniVersion\":\"1.0.0\",\"name\":\"n\"," + field + "}", ADD))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(CniException.INVALID_CONFIG);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"nmae", "Name", "nme", "names", "NAME"})
    void aMissingNameNamesAMisspeltKey(String key) {
        assertThatThrownBy(() -> parse("{\"cniVersion\":\"1.0.0\",\"type\":\"macvlan\",\"" + key + "\":\"n\"}", ADD))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(CniException.INVALID_CONFIG);
                    assertThat(e.getMessage()).isEqualTo("name: missing network name (unknown key \"" + key
                            + "\": did you mean \"name\"?)");
                });
        assertThatThrownBy(() -> parse("{\"cniVersion\":\"1.0.0\",\"type\":\"macvlan\",\"mode\":\"bridge\"}", ADD))
                .as("keys it knows, and keys not close, are not named").hasMessage("name: missing network name");
    }

    @Test
    void theConfigPrintsWhatIsSet() {
        CniArgs args = new CniArgs("c1", "/n", "eth0", "IP=192.0.2.5", "/x");
        assertThat(parse("""
                {"cniVersion":"1.0.0","name":"lan","master":"eth0","mode":"vepa","mtu":1400,"mac":"02:00:5e:00:53:01",
                 "ipam":{"type":"host-local","subnet":"192.0.2.0/24"},"dns":{"nameservers":["192.0.2.53"]}}""", args))
                .hasToString("network lan: macvlan on eth0 mode vepa mtu 1400 mac 02:00:5e:00:53:01; "
                        + "ipam host-local, requesting 192.0.2.5; dns: nameserver 192.0.2.53");
        assertThat(parse("{\"cniVersion\":\"1.0.0\",\"name\":\"l2\",\"linkInContainer\":true}", ADD))
                .hasToString("network l2: macvlan on the default route's interface in the container mode bridge; no ipam");
    }

    @Test
    void theMacComesFromConfigThenCniArgsThenRuntimeConfig() {
        String config = "{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"mac\":\"02:00:00:00:00:01\"%s}";
        assertThat(parse(config.formatted(""), ADD).mac()).hasToString("02:00:00:00:00:01");
        CniArgs withMac = new CniArgs("c1", "/n", "eth0", "MAC=02:00:00:00:00:02", "/x");
        assertThat(parse(config.formatted(""), withMac).mac()).hasToString("02:00:00:00:00:02");
        assertThat(parse(config.formatted(",\"runtimeConfig\":{\"mac\":\"02:00:00:00:00:03\"}"), withMac).mac())
                .hasToString("02:00:00:00:00:03");
    }

    /** Found in review: a GATEWAY with a static address entry that has no text address was a ClassCastException. */
    @Test
    void aGatewayBesideAMalformedStaticEntryIsAConfigError() {
        CniArgs args = new CniArgs("c1", "/n", "eth0", "GATEWAY=192.0.2.1", "/x");
        for (String entry : new String[] {"{\"address\":7}", "{}"}) {
            MacvlanConfig conf = parse("{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"ipam\":{\"type\":\"static\","
                    + "\"addresses\":[" + entry + "]}}", args);
            assertThatThrownBy(() -> io.jnetlink.ipam.Ipam.open("n", conf.ipam().ipam()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ipam.addresses[0].address");
        }
    }

    @Test
    void requestedAddressesComeFromCniArgsArgsAndRuntimeConfig() {
        CniArgs args = new CniArgs("c1", "/n", "eth0", "IP=192.0.2.5,192.0.2.6", "/x");
        MacvlanConfig conf = parse("{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"ipam\":{\"type\":\"host-local\"},\"args\":{\"cni\":{\"ips\":[\"192.0.2.7\"]}},"
                + "\"runtimeConfig\":{\"ips\":[\"2001:db8::7/64\"]}}", args);
        assertThat(conf.ipam().requested()).extracting(a -> a.getHostAddress())
                .containsExactly("192.0.2.5", "192.0.2.6", "192.0.2.7", "2001:db8:0:0:0:0:0:7");
    }

}
