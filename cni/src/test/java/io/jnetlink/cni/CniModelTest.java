package io.jnetlink.cni;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The CNI model without the kernel: runtime arguments, configs, results in every version, errors. */
class CniModelTest {

    private static final CniArgs ADD = new CniArgs("ADD", "c1", "/run/netns/x", "eth0", "", "/opt/cni/bin");

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void missingVariablesAreNamedWithCode4() {
        assertThatThrownBy(() -> CniArgs.fromEnvironment(env("CNI_COMMAND", "DEL", "CNI_PATH", "/x")))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(4);
                    assertThat(e.getMessage()).isEqualTo("required env variables [CNI_CONTAINERID, CNI_IFNAME] missing");
                });
        assertThat(CniArgs.fromEnvironment(env("CNI_COMMAND", "VERSION")).command()).isEqualTo("VERSION");
        assertThat(CniArgs.fromEnvironment(env("CNI_COMMAND", "DEL", "CNI_CONTAINERID", "c", "CNI_IFNAME", "eth0",
                "CNI_PATH", "/x")).netns()).as("DEL needs no namespace").isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "bad id|eth0|CNI_CONTAINERID: invalid characters in containerID",
            "-lead|eth0|CNI_CONTAINERID: invalid characters in containerID",
            "c1|0123456789abcdef|CNI_IFNAME: interface name is too long",
            "c1|a/b|CNI_IFNAME: interface name contains / or : or whitespace characters",
            "c1|..|CNI_IFNAME: interface name is . or .."})
    void badIdsAndInterfaceNamesAreRefusedNamingTheVariable(String id, String ifName, String message) {
        assertThatThrownBy(() -> new CniArgs("ADD", id, "/run/netns/x", ifName, "", "/x").validate())
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(4);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    @Test
    void cniArgsArePairs() {
        CniArgs args = new CniArgs("ADD", "c1", "/n", "eth0", "IgnoreUnknown=1;MAC=02:00:5e:00:53:01;IP=192.0.2.5", "/x");
        assertThat(args.keyValues()).containsExactly(Map.entry("IgnoreUnknown", "1"),
                Map.entry("MAC", "02:00:5e:00:53:01"), Map.entry("IP", "192.0.2.5"));
        assertThatThrownBy(() -> new CniArgs("ADD", "c1", "/n", "eth0", "novalue", "/x").validate())
                .isInstanceOfSatisfying(CniException.class, e -> assertThat(e.getMessage()).contains("CNI_ARGS"));
    }

    private static MacvlanConfig parse(String json, CniArgs args) {
        return MacvlanConfig.parse(json.getBytes(StandardCharsets.UTF_8), args);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"mode\":\"tunnel\"}|7|mode: unknown macvlan mode \"tunnel\"",
            "{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"mtu\":-1}|7|mtu: invalid MTU -1, must not be negative",
            "{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"mtu\":\"big\"}|7|config.mtu: must be a number, got big",
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

    @Test
    void theMacComesFromConfigThenCniArgsThenRuntimeConfig() {
        String config = "{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"mac\":\"02:00:00:00:00:01\"%s}";
        assertThat(parse(config.formatted(""), ADD).mac()).hasToString("02:00:00:00:00:01");
        CniArgs withMac = new CniArgs("ADD", "c1", "/n", "eth0", "MAC=02:00:00:00:00:02", "/x");
        assertThat(parse(config.formatted(""), withMac).mac()).hasToString("02:00:00:00:00:02");
        assertThat(parse(config.formatted(",\"runtimeConfig\":{\"mac\":\"02:00:00:00:00:03\"}"), withMac).mac())
                .hasToString("02:00:00:00:00:03");
    }

    /** Found in review: a GATEWAY with a static address entry that has no text address was a ClassCastException. */
    @Test
    void aGatewayBesideAMalformedStaticEntryIsAConfigError() {
        CniArgs args = new CniArgs("ADD", "c1", "/n", "eth0", "GATEWAY=192.0.2.1", "/x");
        for (String entry : new String[] {"{\"address\":7}", "{}"}) {
            MacvlanConfig conf = parse("{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"ipam\":{\"type\":\"static\","
                    + "\"addresses\":[" + entry + "]}}", args);
            assertThatThrownBy(() -> io.jnetlink.ipam.Ipam.open("n", conf.ipam().ipam()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ipam.addresses[0].address");
        }
    }

    @Test
    void requestedAddressesComeFromCniArgsArgsAndRuntimeConfig() {
        CniArgs args = new CniArgs("ADD", "c1", "/n", "eth0", "IP=192.0.2.5,192.0.2.6", "/x");
        MacvlanConfig conf = parse("{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"ipam\":{\"type\":\"host-local\"},\"args\":{\"cni\":{\"ips\":[\"192.0.2.7\"]}},"
                + "\"runtimeConfig\":{\"ips\":[\"2001:db8::7/64\"]}}", args);
        assertThat(conf.ipam().requested()).extracting(a -> a.getHostAddress())
                .containsExactly("192.0.2.5", "192.0.2.6", "192.0.2.7", "2001:db8:0:0:0:0:0:7");
    }

    @Test
    void resultsConvertBetweenVersionsAsTheReferenceLibraryDoes() {
        String v1 = """
                {"cniVersion":"1.0.0","interfaces":[{"name":"eth0","mac":"02:00:5e:00:53:01","sandbox":"/run/netns/x"}],
                 "ips":[{"interface":0,"address":"192.0.2.7/24","gateway":"192.0.2.1"},
                        {"interface":0,"address":"2001:db8::7/64"}],
                 "routes":[{"dst":"0.0.0.0/0"},{"dst":"198.51.100.0/24","gw":"192.0.2.254"}],
                 "dns":{"nameservers":["192.0.2.53"]}}""";
        CniResult result = CniResult.fromJson(Json.object(v1.getBytes(), "r"), "r");

        Map<String, Object> as040 = result.withVersion("0.4.0").toJson();
        assertThat(Json.write(as040)).contains("\"version\" : \"4\"").contains("\"version\" : \"6\"");
        Map<String, Object> as020 = result.withVersion("0.2.0").toJson();
        assertThat(as020).containsKeys("ip4", "ip6", "dns").doesNotContainKeys("ips", "interfaces");
        assertThat(Json.write(as020)).contains("\"ip\" : \"192.0.2.7/24\"").contains("\"dst\" : \"198.51.100.0/24\"");
        assertThat(CniResult.fromJson(as020, "r").ips()).hasSize(2);

        CniResult back = CniResult.fromJson(result.withVersion("0.3.1").toJson(), "r");
        assertThat(back.withVersion("1.0.0")).isEqualTo(result);
        Map<String, Object> as110 = new CniResult("1.1.0", List.of(new CniResult.Interface("eth0", null, 1400, null)),
                List.of(), List.of(), null).toJson();
        assertThat(Json.write(as110)).contains("\"mtu\" : 1400").contains("\"dns\" : { }");
        assertThat(Json.write(as110.get("interfaces"))).doesNotContain("sandbox");
    }

    @Test
    void errorsCarryTheSpecsFields() {
        CniException e = new CniException(7, "mode: unknown macvlan mode \"x\"", "one of bridge, private, vepa, passthru");
        assertThat(e.toJson("1.0.0")).containsExactly(Map.entry("cniVersion", "1.0.0"), Map.entry("code", 7),
                Map.entry("msg", "mode: unknown macvlan mode \"x\""),
                Map.entry("details", "one of bridge, private, vepa, passthru"));
    }
}
