package io.jnetlink.cni.types;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The CNI model without the kernel: runtime arguments, results in every version, errors. */
class CniTypesTest {

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void aResultReadsAndWritesItsJsonTextWithoutAJsonLibraryAtTheCaller() {
        String text = """
                {"cniVersion":"1.0.0","interfaces":[{"name":"eth0","mac":"02:00:5e:00:53:01","sandbox":"/run/netns/c1"}],
                 "ips":[{"interface":0,"address":"198.51.100.7/24","gateway":"198.51.100.1"}],
                 "routes":[{"dst":"0.0.0.0/0","gw":"198.51.100.1"}],"dns":{}}""";
        CniResult result = CniResult.parse(text);
        assertThat(result.ips()).singleElement().hasToString("198.51.100.7/24 gw 198.51.100.1 on interface 0");
        assertThat(Json.object(result.toJsonText().getBytes(java.nio.charset.StandardCharsets.UTF_8), "text"))
                .isEqualTo(Json.object(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), "text"));
        assertThat(CniResult.parse(result.toJsonText())).isEqualTo(result);
        assertThatThrownBy(() -> CniResult.parse("{\"cniVersion\":\"1.0.0\",\"ips\":[{\"adress\":\"x\"}]}"))
                .isInstanceOf(CniException.class).hasMessageContaining("address");
    }

    @Test
    void missingVariablesAreNamedWithCode4() {
        assertThatThrownBy(() -> fromEnvironment(env("CNI_COMMAND", "DEL", "CNI_PATH", "/x")))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(4);
                    assertThat(e.getMessage()).isEqualTo("required env variables [CNI_CONTAINERID, CNI_IFNAME] missing");
                });
        assertThat(CniArgs.command(env("CNI_COMMAND", "VERSION"))).isEqualTo(CniCommand.VERSION);
        assertThat(fromEnvironment(env("CNI_COMMAND", "DEL", "CNI_CONTAINERID", "c", "CNI_IFNAME", "eth0",
                "CNI_PATH", "/x")).netns()).as("DEL needs no namespace").isEmpty();
    }

    /** The variables as an executable reads and checks them. */
    private static CniArgs fromEnvironment(Map<String, String> env) {
        return CniArgs.fromEnvironment(env).validate(CniArgs.command(env));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "bad id|eth0|CNI_CONTAINERID: invalid characters in containerID",
            "-lead|eth0|CNI_CONTAINERID: invalid characters in containerID",
            "c1|0123456789abcdef|CNI_IFNAME: interface name is too long",
            "c1|a/b|CNI_IFNAME: interface name contains / or : or whitespace characters",
            "c1|..|CNI_IFNAME: interface name is . or ..",
            // counted in bytes, as the kernel counts: 8 characters, 16 bytes (passed when characters were counted)
            "c1|ääääääää|CNI_IFNAME: interface name is too long"})
    void badIdsAndInterfaceNamesAreRefusedNamingTheVariable(String id, String ifName, String message) {
        assertThatThrownBy(() -> new CniArgs(id, "/run/netns/x", ifName, "", "/x").validate(CniCommand.ADD))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(4);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    @Test
    void anUnknownCommandIsReportedBeforeMissingVariables() {
        assertThatThrownBy(() -> fromEnvironment(env("CNI_COMMAND", "ATTACH")))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(4);
                    assertThat(e.getMessage()).isEqualTo("CNI_COMMAND: unknown command \"ATTACH\"");
                });
    }

    @Test
    void aNulInTheInterfaceNameIsRefused() {
        assertThatThrownBy(() -> CniArgs.of("c1", "/run/netns/x", "a\u0000b").withPath("/x").validate(CniCommand.ADD))
                .isInstanceOfSatisfying(CniException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("CNI_IFNAME: interface name contains / or : or whitespace characters"));
    }

    @Test
    void cniArgsArePairs() {
        CniArgs args = new CniArgs("c1", "/n", "eth0", "IgnoreUnknown=1;MAC=02:00:5e:00:53:01;IP=192.0.2.5", "/x");
        assertThat(args.keyValues()).containsExactly(Map.entry("IgnoreUnknown", "1"),
                Map.entry("MAC", "02:00:5e:00:53:01"), Map.entry("IP", "192.0.2.5"));
        assertThatThrownBy(() -> new CniArgs("c1", "/n", "eth0", "novalue", "/x").validate(CniCommand.ADD))
                .isInstanceOfSatisfying(CniException.class, e -> assertThat(e.getMessage()).contains("CNI_ARGS"));
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
