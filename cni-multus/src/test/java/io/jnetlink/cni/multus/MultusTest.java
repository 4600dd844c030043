package io.jnetlink.cni.multus;

import io.jnetlink.cni.types.CniException;
import io.jnetlink.cni.types.CniResult;
import io.jnetlink.cni.libcni.CniRuntime;
import io.jnetlink.cni.types.Json;
import io.jnetlink.cni.libcni.NetworkConfigList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Multus's annotations and NetworkAttachmentDefinitions, read as Multus reads them. */
class MultusTest {

    /** The notes' NetworkAttachmentDefinition, as written there. */
    static final String NOTES_NAD = """
            apiVersion: "k8s.cni.cncf.io/v1"
            kind: NetworkAttachmentDefinition
            metadata:
              name: macvlan0
              namespace: kube-system
            spec:
              config: '{
                "cniVersion": "0.3.0",
                "type": "macvlan",
                "master": "eth0",
                "mode": "bridge",
                "ipam": {
                      "type": "host-local",
                      "subnet": "172.16.0.0/16",
                      "rangeStart": "172.16.123.101",
                      "rangeEnd": "172.16.123.200",
                      "routes": [
                        { "dst": "0.0.0.0/0" }
                      ],
                      "gateway": "172.16.0.254"
                 }
              }'
            """;

    @Test
    void theNotesDefinitionParses() {
        NetworkAttachmentDefinition nad = NetworkAttachmentDefinition.parse(NOTES_NAD);
        assertThat(nad.qualifiedName()).isEqualTo("kube-system/macvlan0");
        NetworkConfigList network = nad.network();
        assertThat(network.name()).isEqualTo("macvlan0");
        assertThat(network.cniVersion()).isEqualTo("0.3.0");
        assertThat(network.plugins()).singleElement().satisfies(p -> assertThat(p).containsEntry("master", "eth0"));
    }

    @Test
    void theSameDefinitionInJsonParsesTheSame() {
        String json = """
                {"apiVersion":"k8s.cni.cncf.io/v1","kind":"NetworkAttachmentDefinition",
                 "metadata":{"name":"macvlan0","namespace":"kube-system"},
                 "spec":{"config":"{\\"cniVersion\\":\\"1.0.0\\",\\"plugins\\":[{\\"type\\":\\"macvlan\\"}]}"}}""";
        NetworkAttachmentDefinition nad = NetworkAttachmentDefinition.parse(json);
        assertThat(nad.qualifiedName()).isEqualTo("kube-system/macvlan0");
        assertThat(nad.network().plugins()).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "kind: ConfigMap|apiVersion/kind",
            "apiVersion: k8s.cni.cncf.io/v1\\nkind: NetworkAttachmentDefinition\\nmetadata: {name: Bad_Name}\\nspec: {config: '{}'}|metadata.name",
            "apiVersion: k8s.cni.cncf.io/v1\\nkind: NetworkAttachmentDefinition\\nmetadata: {name: ok}\\nspec: {}|spec.config",
            "apiVersion: k8s.cni.cncf.io/v1\\nkind: NetworkAttachmentDefinition\\nmetadata: {name: ok}\\nspec: {config: 'not json'}|spec.config",
            "{unclosed|not YAML"})
    void badDefinitionsAreRefusedWithTheReason(String manifest, String reason) {
        assertThatThrownBy(() -> NetworkAttachmentDefinition.parse(manifest.replace("\\n", "\n")))
                .isInstanceOf(CniException.class).hasMessageContaining(reason);
    }

    @Test
    void malformedYamlTheParserDoesNotCatchIsRefusedToo() {
        // found by HostileInputTest under -Pstress: a double-quoted scalar whose unicode escape is cut short
        assertThatThrownBy(() -> NetworkAttachmentDefinition.parse("{\"\\u"))
                .isInstanceOf(CniException.class).hasMessageContaining("not YAML");
        assertThatThrownBy(() -> NetworkAttachmentDefinition.parse("[".repeat(200_000)))
                .isInstanceOf(CniException.class).hasMessageContaining("not YAML");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{a: |at line 1, column 4: expected the node content, but found '<stream end>' (in a flow node)",
            "a: [1,2|at line 1, column 8: expected ',' or ']', but got <stream end> (in a flow sequence from line 1, column 4)",
            "a: b: c|at line 1, column 5: mapping values are not allowed here",
            "a: 1\\na: 2|at line 2, column 1: found duplicate key a (in a mapping from line 1, column 1)",
            "a: *x|at line 1, column 4: found undefined alias x",
            "key: 'open|at line 1, column 11: found unexpected end of stream (in a quoted scalar from line 1, column 6)",
            "a: !!int x|: a value cannot be read as its tag says (such as !!int, !!float or !!binary)",
            "a: !!str [1]|: a value cannot be read as its tag says (such as !!int, !!float or !!binary)",
            "%YAML 9.9\\n---\\na|: YAML version 9.9 is not supported (1.x is)"})
    void yamlThatDoesNotParseIsNamedByPlaceInOurWords(String manifest, String reason) {
        assertThatThrownBy(() -> NetworkAttachmentDefinition.parse(manifest.replace("\\n", "\n")))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(CniException.DECODING_FAILURE);
                    assertThat(e.getMessage()).isEqualTo("NetworkAttachmentDefinition: not YAML or JSON"
                            + (reason.startsWith(":") ? "" : " ") + reason);
                });
    }

    @Test
    void aDefinitionNamesWhatIsMissingAndAKeyCloseToIt() {
        String head = "apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\n";
        assertThatThrownBy(() -> NetworkAttachmentDefinition.parse(head + "metdata: {name: ok}\nspec: {config: '{}'}"))
                .hasMessage("NetworkAttachmentDefinition.metadata: is required (unknown key \"metdata\": did you mean \"metadata\"?)");
        assertThatThrownBy(() -> NetworkAttachmentDefinition.parse(head + "metadata: {Name: ok}\nspec: {config: '{}'}"))
                .hasMessage("NetworkAttachmentDefinition.metadata.name: is required (unknown key \"Name\": did you mean \"name\"?)");
        assertThatThrownBy(() -> NetworkAttachmentDefinition.parse(head + "metadata: {name: ok}\nspec: {confg: '{}'}"))
                .hasMessage("NetworkAttachmentDefinition.spec.config: is required (unknown key \"confg\": did you mean \"config\"?)");
        assertThatThrownBy(() -> NetworkAttachmentDefinition.parse(head + "metadata: {name: ok}\nspec: {config: 7}"))
                .hasMessage("NetworkAttachmentDefinition.spec.config: must be a string, got the number 7");
        assertThatThrownBy(() -> NetworkAttachmentDefinition.parse(head + "? [a]\n: 1\n7: x\nmetdata: {}"))
                .as("keys that are not strings").hasMessage("NetworkAttachmentDefinition.metadata: is required "
                        + "(unknown key \"metdata\": did you mean \"metadata\"?)");
        assertThatThrownBy(() -> NetworkAttachmentDefinition.parse("[1]"))
                .hasMessage("NetworkAttachmentDefinition: must be an object, got a list");
        assertThatThrownBy(() -> Multus.networks("[{\"nmae\":\"n\"}]", "pods"))
                .hasMessage("annotation k8s.v1.cni.cncf.io/networks[0].name: is required (unknown key \"nmae\": did you mean \"name\"?)");
        assertThatThrownBy(() -> Multus.networks("[{\"name\":\"n\",\"ips\":\"198.51.100.9/24\"}]", "pods"))
                .hasMessage("annotation k8s.v1.cni.cncf.io/networks[0].ips: must be a list, got the string \"198.51.100.9/24\"");
        assertThatThrownBy(() -> Multus.networks("[{bad", "pods"))
                .hasMessage("annotation k8s.v1.cni.cncf.io/networks: not valid JSON at line 1, column 3: "
                        + "unexpected character ('b' (code 98)): was expecting double-quote to start field name");
    }

    @Test
    void selectionsAndAttachmentsPrintAsTheAnnotationWritesThem() {
        assertThat(new NetworkSelection("macvlan0", "kube-system", "net1", List.of("198.51.100.9/24"),
                "02:00:5e:00:53:08", List.of("198.51.100.254"))).hasToString(
                "kube-system/macvlan0@net1 ips 198.51.100.9/24 mac 02:00:5e:00:53:08 default-route 198.51.100.254");
        NetworkSelection plain = new NetworkSelection("macvlan1", "pods", null, List.of(), null, List.of());
        assertThat(plain).hasToString("pods/macvlan1");
        CniResult result = new CniResult("1.0.0", List.of(new CniResult.Interface("net1", null, null, "/run/netns/pod1")),
                List.of(new CniResult.Ip(0, io.jnetlink.core.inet.Prefix.parse("198.51.100.108/24"), null)), List.of(), null);
        assertThat(new Multus.AttachedNetwork(plain, "net1", result))
                .hasToString("pods/macvlan1 as net1: cniVersion 1.0.0: net1 sandbox /run/netns/pod1; 198.51.100.108/24 on net1");
    }

    @Test
    void theCommaFormNamesNamespaceNameAndInterface() {
        List<NetworkSelection> n = Multus.networks(" kube-system/macvlan0 , macvlan1@eth5,other/net-2@net9 ", "pods");
        assertThat(n).extracting(NetworkSelection::qualifiedName, NetworkSelection::interfaceName).containsExactly(
                org.assertj.core.groups.Tuple.tuple("kube-system/macvlan0", null),
                org.assertj.core.groups.Tuple.tuple("pods/macvlan1", "eth5"),
                org.assertj.core.groups.Tuple.tuple("other/net-2", "net9"));
    }

    @Test
    void theJsonFormCarriesIpsMacAndDefaultRoute() {
        List<NetworkSelection> n = Multus.networks("""
                [{"name":"macvlan0","namespace":"kube-system","ips":["198.51.100.108/24"],
                  "mac":"02:00:5e:00:53:08","interface":"net7","default-route":["198.51.100.254"]},
                 {"name":"macvlan1"}]""", "pods");
        assertThat(n.get(0)).isEqualTo(new NetworkSelection("macvlan0", "kube-system", "net7",
                List.of("198.51.100.108/24"), "02:00:5e:00:53:08", List.of("198.51.100.254")));
        assertThat(n.get(1)).isEqualTo(new NetworkSelection("macvlan1", "pods", null, List.of(), null, List.of()));
        NetworkSelection seed = Multus.defaultNetwork(
                "[{\"name\":\"macvlan0\",\"namespace\":\"kube-system\",\"ips\":[\"172.16.123.108\"]}]", "pods");
        assertThat(seed.ips()).containsExactly("172.16.123.108");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Macvlan0|is not a valid name",
            "a/b/c|failed at '/'",
            "n@a@b|failed at '@'",
            "n@averyveryverylongname|interface name",
            "n@ääääääää|interface name",                   // 16 bytes: counted in bytes, as the kernel counts
            "n@x,m@x|asked for twice",
            "[{\"name\":\"n\",\"ips\":[\"300.1.1.1\"]}]|ips",
            "[{\"name\":\"n\",\"mac\":\"zz:00:5e:00:53:08\"}]|mac",
            "[{\"name\":\"n\",\"mac\":\"01:00:5e:00:53:08\"}]|not a unicast",
            "[{\"namespace\":\"x\"}]|name: is required",
            "[1,2]|must be an object",
            "{\"name\":\"n\"}|must be a list",
            "[{bad json|not valid JSON"})
    void malformedAnnotationsAreRefusedWithTheReason(String annotation, String reason) {
        assertThatThrownBy(() -> Multus.networks(annotation, "pods")).isInstanceOfSatisfying(CniException.class,
                e -> assertThat(e.getMessage()).contains(reason));
    }

    @Test
    void anUnknownNetworkIsRefusedBeforeAnythingIsCreated() {
        CniRuntime nothingRuns = CniRuntime.builder().cacheDir(java.nio.file.Path.of("/nonexistent"))
                .timeout(java.time.Duration.ofSeconds(1)).build();
        assertThatThrownBy(() -> Multus.attach(nothingRuns, Map.of(), Multus.networks("kube-system/macvlan0", "pods"),
                "pod1", "/run/netns/none")).isInstanceOfSatisfying(CniException.class,
                e -> assertThat(e.getMessage()).contains("kube-system/macvlan0").contains("no NetworkAttachmentDefinition"));
    }

    @Test
    void networkStatusListsEachNetworksInterfaceAddressesAndMac() throws Exception {
        CniResult result = new CniResult("1.0.0",
                List.of(new CniResult.Interface("net1", "02:00:5e:00:53:08", null, "/run/netns/pod1")),
                List.of(new CniResult.Ip(0, io.jnetlink.core.inet.Prefix.parse("198.51.100.108/24"),
                        InetAddress.getByName("198.51.100.254"))), List.of(), null);
        String status = Multus.networkStatus(List.of(new Multus.AttachedNetwork(
                Multus.networks("kube-system/macvlan0", "pods").getFirst(), "net1", result)));
        assertThat(Json.object(("{\"s\":" + status + "}").getBytes(), "status").get("s")).isEqualTo(List.of(
                Map.of("name", "kube-system/macvlan0", "interface", "net1", "ips", List.of("198.51.100.108"),
                        "mac", "02:00:5e:00:53:08", "default", false, "dns", Map.of())));
    }
}
