package io.jnetlink.ipam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a config reader says about what the user wrote: a value of the wrong JSON type is named by
 * its type and value, and a missing required field names an unknown key close to it, through
 * every plugin that reads one (host-local, static, the IPAM type), while unknown keys stay allowed.
 */
class ConfigReaderTest {

    private static final Map<String, Object> WRONG_TYPES = Map.of("mtu", "1500", "up", 1, "ipam", List.of(),
            "routes", Map.of(), "name", true, "ratio", 1.5, "search", List.of("a", 7), "nothing", "x");

    @Test
    void aValueOfTheWrongTypeIsNamedByItsTypeAndValue() {
        ConfigReader r = ConfigReader.of("config", WRONG_TYPES);
        assertThatThrownBy(() -> r.number("mtu")).hasMessage("config.mtu: must be a number, got the string \"1500\"");
        assertThatThrownBy(() -> r.integer("mtu", 0, 0, 65535))
                .hasMessage("config.mtu: must be a number, got the string \"1500\"");
        assertThatThrownBy(() -> r.bool("up", false)).hasMessage("config.up: must be true or false, got the number 1");
        assertThatThrownBy(() -> r.object("ipam")).hasMessage("config.ipam: must be an object, got a list");
        assertThatThrownBy(() -> r.list("routes")).hasMessage("config.routes: must be a list, got an object");
        assertThatThrownBy(() -> r.string("name", "")).hasMessage("config.name: must be a string, got the boolean true");
        assertThatThrownBy(() -> r.integer("ratio", 0, 0, 10))
                .hasMessage("config.ratio: must be a whole number, got the number 1.5");
        assertThatThrownBy(() -> r.strings("search")).hasMessage("config.search[1]: must be a string, got the number 7");
        assertThatThrownBy(() -> ConfigReader.element("config.routes", List.of("x"), 0))
                .hasMessage("config.routes[0]: must be an object, got the string \"x\"");
        assertThatThrownBy(() -> r.number("nothing")).hasMessage("config.nothing: must be a number, got the string \"x\"");
    }

    @Test
    void stringsAreQuotedAsJsonWritesThemAndLongOnesCut() {
        assertThat(JsonValues.describe("a\"b\\c\nd\u0001")).isEqualTo("the string \"a\\\"b\\\\c\\nd\\u0001\"");
        assertThat(JsonValues.describe("x".repeat(150))).isEqualTo("the string \"" + "x".repeat(100) + "\"...");
        assertThat(JsonValues.describe(null)).isEqualTo("null");
        assertThat(JsonValues.describe(false)).isEqualTo("the boolean false");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "subnett|subnet",     // one inserted
            "subent|subnet",      // two neighbours swapped
            "sbnet|subnet",       // one deleted
            "Subnet|subnet",      // case
            "SUBNET|subnet",      // case only, however many letters
            "subnets|subnet",
            "rangse|ranges",
            "range|ranges",
            "Ranges|ranges"})
    void hostLocalNamesTheMisspeltKey(String key, String meant) {
        Map<String, Object> ipam = ipam("type", "host-local", key, "198.51.100.0/24");
        assertThatThrownBy(() -> Ipam.open("net", ipam)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ipam.ranges: no IP ranges specified (unknown key \"" + key + "\": did you mean \""
                        + meant + "\"?)");
    }

    @Test
    void keysThatAreNotCloseAreNotNamedAndUnknownKeysStayAllowed() {
        assertThatThrownBy(() -> Ipam.open("net", ipam("type", "host-local", "network", "198.51.100.0/24")))
                .hasMessage("ipam.ranges: no IP ranges specified");
        assertThatThrownBy(() -> Ipam.open("net", ipam("type", "host-local", "snbt", "198.51.100.0/24")))
                .as("three edits away").hasMessage("ipam.ranges: no IP ranges specified");
        IpAllocator allocator = Ipam.open("net", ipam("type", "static", "addresses",
                List.of(Map.of("address", "198.51.100.7/24")), "subnett", "x", "comment", "unknown keys are fine"));
        assertThat(allocator.allocate(new Owner("c1", "eth0")).ips()).hasSize(1);
    }

    @Test
    void theClosestKeyIsNamedAndCaseComesFirst() {
        assertThatThrownBy(() -> Ipam.open("net", ipam("type", "host-local", "sbnt", "x", "subnett", "y")))
                .hasMessageEndingWith("(unknown key \"subnett\": did you mean \"subnet\"?)");
        assertThatThrownBy(() -> Ipam.open("net", ipam("type", "host-local", "subnett", "x", "SUBNET", "y")))
                .hasMessageEndingWith("(unknown key \"SUBNET\": did you mean \"subnet\"?)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "adresses|ipam.addresses: at least one address is required (unknown key \"adresses\": did you mean \"addresses\"?)",
            "Addresses|ipam.addresses: at least one address is required (unknown key \"Addresses\": did you mean \"addresses\"?)",
            "address|ipam.addresses: at least one address is required (unknown key \"address\": did you mean \"addresses\"?)"})
    void staticNamesTheMisspeltAddresses(String key, String message) {
        assertThatThrownBy(() -> Ipam.open("net", ipam("type", "static", key, List.of(Map.of("address", "192.0.2.7/24")))))
                .hasMessage(message);
    }

    @Test
    void staticNamesAMisspeltAddressInAnEntryAndAHostLocalRangeItsSubnet() {
        assertThatThrownBy(() -> Ipam.open("net", ipam("type", "static",
                "addresses", List.of(Map.of("adress", "192.0.2.7/24", "gateway", "192.0.2.1")))))
                .hasMessage("ipam.addresses[0].address: is required (unknown key \"adress\": did you mean \"address\"?)");
        assertThatThrownBy(() -> Ipam.open("net", ipam("type", "host-local",
                "ranges", List.of(List.of(Map.of("Subnet", "198.51.100.0/24", "gateway", "198.51.100.1"))))))
                .hasMessage("ipam.ranges[0][0].subnet: is required (unknown key \"Subnet\": did you mean \"subnet\"?)");
        assertThatThrownBy(() -> Ipam.open("net", ipam("type", "static", "addresses",
                List.of(Map.of("address", "192.0.2.7/24")), "routes", List.of(Map.of("dest", "0.0.0.0/0")))))
                .hasMessage("ipam.routes[0].dst: is required (unknown key \"dest\": did you mean \"dst\"?)");
    }

    @Test
    void theIpamTypeIsRequiredAndAMisspeltOneNamed() {
        assertThatThrownBy(() -> Ipam.open("net", ipam("tpye", "host-local", "subnet", "198.51.100.0/24")))
                .hasMessage("ipam.type: is required (unknown key \"tpye\": did you mean \"type\"?)");
        assertThatThrownBy(() -> Ipam.open("net", ipam("Type", "host-local")))
                .hasMessage("ipam.type: is required (unknown key \"Type\": did you mean \"type\"?)");
        assertThatThrownBy(() -> Ipam.open("net", ipam("subnet", "198.51.100.0/24")))
                .hasMessage("ipam.type: is required");
        assertThatThrownBy(() -> Ipam.open("net", ipam("type", 5)))
                .hasMessage("ipam.type: must be a string, got the number 5");
    }

    @Test
    void keysTheReaderWasAskedAboutAreKnownAndNotNamed() {
        ConfigReader r = ConfigReader.of("x", ipam("nme", "a", "mame", "b"));
        r.string("mame", null);
        assertThatThrownBy(() -> r.requireString("name"))
                .hasMessage("x.name: is required (unknown key \"nme\": did you mean \"name\"?)");
        ConfigReader both = ConfigReader.of("x", ipam("nme", "a"));
        both.has("nme");
        assertThatThrownBy(() -> both.requireString("name")).hasMessage("x.name: is required");
        assertThat(ConfigReader.of("x", ipam("nme", "a")).unknownKeyHint("name", "label"))
                .isEqualTo(" (unknown key \"nme\": did you mean \"name\"?)");
    }

    private static Map<String, Object> ipam(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
