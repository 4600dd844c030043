package io.jnetlink.cni;

import io.jnetlink.cni.types.CniArgs;
import io.jnetlink.cni.types.CniException;
import io.jnetlink.cni.multus.Multus;
import io.jnetlink.cni.multus.NetworkAttachmentDefinition;
import io.jnetlink.cni.libcni.NetworkConfigList;
import io.jnetlink.testkit.Stress;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * Hostile input for every parser of the cni module: 100,000 inputs each (1,000,000 under -Pstress), valid seeds mutated
 * (characters inserted, replaced, deleted, the tail cut) plus random text. Whatever arrives, the
 * only failure that may escape is a {@link CniException} with the spec's code for it, as
 * {@link Parser} lists them per parser (1 version, 4 environment, 6 decoding, 7 config), and a
 * message; never a runtime exception of Java or of a library underneath, never a hang.
 */
class HostileInputTest {

    private static final int EXAMPLES = 100_000 * Stress.scale();
    private static final String ALPHABET = "{}[]\":,\\ \n\t0123456789.-+eE/@=;abcfilnrstuvxyzACDIMNPT_\u0000\u00e9\u2028\ud83d\ude00";

    private static final String CONFIG = """
            {"cniVersion":"1.0.0","name":"macvlan-demo","type":"macvlan","master":"eth0","mode":"bridge","mtu":1400,
             "mac":"02:00:5e:00:53:01","linkInContainer":false,"bcqueuelen":600,
             "runtimeConfig":{"mac":"02:00:5e:00:53:02","ips":["198.51.100.7/24"]},"args":{"cni":{"ips":["198.51.100.8"]}},
             "ipam":{"type":"host-local","subnet":"198.51.100.0/24","rangeStart":"198.51.100.101",
                     "rangeEnd":"198.51.100.200","routes":[{"dst":"0.0.0.0/0"}],"gateway":"198.51.100.254"},
             "dns":{"nameservers":["192.0.2.53"],"search":["example.org"]},
             "prevResult":{"cniVersion":"1.0.0","interfaces":[{"name":"eth0","mac":"02:00:5e:00:53:01","sandbox":"/n"}],
                           "ips":[{"interface":0,"address":"198.51.100.7/24","gateway":"198.51.100.254"}],
                           "routes":[{"dst":"0.0.0.0/0"}]}}""";
    private static final String STATIC_CONFIG = """
            {"cniVersion":"1.0.0","name":"st","type":"macvlan","master":"eth0",
             "ipam":{"type":"static","addresses":[{"address":"192.0.2.7/24","gateway":"192.0.2.1"},{"address":"2001:db8::7/64"}],
                     "routes":[{"dst":"0.0.0.0/0"}]}}""";
    private static final String CONFLIST = """
            {"cniVersion":"1.1.0","name":"chain","disableCheck":false,"plugins":[
              {"type":"macvlan","master":"eth0","capabilities":{"mac":true,"ips":true}},
              {"type":"tuning","mtu":1400,"sysctl":{"net.ipv4.conf.eth0.arp_ignore":"1"}}]}""";
    private static final String SBR_CONFIG = """
            {"cniVersion":"1.0.0","name":"lan-b","type":"sbr","gateway":["198.51.100.1","2001:db8::1"],
             "preserveDefaultRoutes":true,
             "prevResult":{"cniVersion":"1.0.0","interfaces":[{"name":"eth0","sandbox":"/n"}],
                           "ips":[{"interface":0,"address":"198.51.100.7/24"},{"address":"2001:db8::7/64"}],
                           "routes":[{"dst":"0.0.0.0/0","gw":"198.51.100.1"}]}}""";
    private static final String RESULT_1 = """
            {"cniVersion":"1.1.0","interfaces":[{"name":"eth0","mac":"02:00:5e:00:53:01","mtu":1500,"sandbox":"/n"}],
             "ips":[{"interface":0,"address":"198.51.100.7/24","gateway":"198.51.100.254"},
                    {"address":"2001:db8::7/64"}],
             "routes":[{"dst":"0.0.0.0/0","gw":"198.51.100.254"}],"dns":{"nameservers":["192.0.2.53"]}}""";
    private static final String RESULT_02 = """
            {"cniVersion":"0.2.0","ip4":{"ip":"198.51.100.7/24","gateway":"198.51.100.254",
             "routes":[{"dst":"0.0.0.0/0"}]},"ip6":{"ip":"2001:db8::7/64"},"dns":{}}""";
    private static final String CNI_ARGS = "IgnoreUnknown=1;IP=198.51.100.7,2001:db8::7;MAC=02:00:5e:00:53:01;"
            + "K8S_POD_NAMESPACE=pods;K8S_POD_NAME=pod-1";
    private static final String NETWORKS_TEXT = "kube-system/macvlan0@net1, macvlan1 ,other/net-2@net9";
    private static final String NETWORKS_JSON = """
            [{"name":"macvlan0","namespace":"kube-system","interface":"net1","ips":["198.51.100.9/24"],
              "mac":"02:00:5e:00:53:08","default-route":["198.51.100.254"]},{"name":"macvlan1"}]""";

    /** {@code seeds} mutated, or random text. */
    static Gen<String> hostile(String... seeds) {
        Gen<String> mutated = Generate.pick(List.of(seeds)).zip(
                lists().of(Generate.range(0, 1 << 16).zip(Generate.range(0, ALPHABET.length() - 1),
                        Generate.range(0, 3), (p, c, op) -> new int[] {p, c, op})).ofSizeBetween(1, 6),
                HostileInputTest::mutate);
        Gen<String> random = lists().of(Generate.range(0, ALPHABET.length() - 1)).ofSizeBetween(0, 120)
                .map(chars -> {
                    StringBuilder s = new StringBuilder();
                    chars.forEach(i -> s.append(ALPHABET.charAt(i)));
                    return s.toString();
                });
        return Generate.frequency(Pair.of(5, mutated), Pair.of(1, random));
    }

    private static String mutate(String seed, List<int[]> edits) {
        StringBuilder s = new StringBuilder(seed);
        for (int[] e : edits) {
            int at = s.isEmpty() ? 0 : e[0] % (s.length() + 1);
            char c = ALPHABET.charAt(e[1]);
            switch (e[2]) {
                case 0 -> s.insert(at, c);
                case 1 -> {
                    if (at < s.length()) {
                        s.setCharAt(at, c);
                    }
                }
                case 2 -> {
                    if (at < s.length()) {
                        s.deleteCharAt(at);
                    }
                }
                default -> s.setLength(at);
            }
        }
        return s.toString();
    }

    /** Runs {@code parser} on each input: it is taken, or refused with one of the parser's codes. */
    private static void onlyCniErrors(Gen<String> inputs, Parser parser) {
        qt().withExamples(EXAMPLES).withShrinkCycles(200).forAll(inputs)
                .checkAssert(input -> parser.takesOrRefuses(bytes(input)));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void pluginConfigs() {
        onlyCniErrors(hostile(CONFIG, CONFLIST, STATIC_CONFIG), Parser.PLUGIN_CONFIG);
    }

    @Test
    void sbrConfigs() {
        onlyCniErrors(hostile(SBR_CONFIG), Parser.SBR_CONFIG);
    }

    @Test
    void networkConfigLists() {
        onlyCniErrors(hostile(CONFLIST, CONFIG), Parser.CONFIG_LIST);
    }

    @Test
    void results() {
        onlyCniErrors(hostile(RESULT_1, RESULT_02), Parser.RESULT);
    }

    @Test
    void cniArgs() {
        onlyCniErrors(hostile(CNI_ARGS), Parser.CNI_ARGS);
    }

    @Test
    void runtimeEnvironment() {
        onlyCniErrors(hostile("ctr-1.a_b", "eth0", "net1"), Parser.RUNTIME_ENVIRONMENT);
    }

    @Test
    void multusAnnotations() {
        onlyCniErrors(hostile(NETWORKS_TEXT, NETWORKS_JSON), Parser.MULTUS_ANNOTATION);
    }

    @Test
    void networkAttachmentDefinitions() {
        onlyCniErrors(hostile(notesNad()), Parser.NETWORK_ATTACHMENT_DEFINITION);
    }

    /** The notes' NetworkAttachmentDefinition (also a seed of {@code CniParserFuzzTest}). */
    private static String notesNad() {
        try (var in = HostileInputTest.class.getResourceAsStream("CniParserFuzzTestInputs/parsers/nad-notes.yaml")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void deeplyNestedInputIsRefusedNotAStackOverflow() {
        CniArgs add = new CniArgs("ctr1", "/run/netns/x", "eth0", "", "/opt/cni/bin");
        List<Consumer<String>> parsers = List.of(s -> Configs.macvlan(bytes(s), add),
                s -> NetworkConfigList.parse(bytes(s), "f"), s -> Multus.networks(s, "pods"),
                NetworkAttachmentDefinition::parse);
        for (String deep : List.of("[".repeat(200_000), "[".repeat(200_000) + "]".repeat(200_000),
                "{\"a\":".repeat(200_000), "- ".repeat(200_000) + "x", nestedBlockMaps(5_000))) {
            for (Consumer<String> parser : parsers) {
                assertThatThrownBy(() -> parser.accept(deep)).isInstanceOf(CniException.class)
                        .hasMessageNotContaining("Overflow");
            }
        }
    }

    private static String nestedBlockMaps(int depth) {
        StringBuilder yaml = new StringBuilder();
        for (int level = 0; level < depth; level++) {
            yaml.append(" ".repeat(level)).append("k:\n");
        }
        return yaml.append(" ".repeat(depth)).append("v\n").toString();
    }
}
