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
