package io.jnetlink.cni.libcni;

import io.jnetlink.cni.types.CniException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Parsing network configs, and finding one in a directory as libcni 1.1.2's {@code LoadConfList}
 * does ({@link ConfFiles}); {@code ConfigLoadingIT} runs these cases and more beside libcni itself.
 */
class NetworkConfigListTest {

    private static final String LIST = "{\"cniVersion\":\"1.0.0\",\"name\":\"net\",\"plugins\":[{\"type\":\"A\"}]}";

    @TempDir
    Path dir;

    @Test
    void filesLoadByNameConfsBecomeListsOfOneAndOtherFilesAreIgnored() throws Exception {
        Files.writeString(dir.resolve("20-b.conflist"), """
                {"cniVersion":"1.0.0","name":"b","disableCheck":true,"plugins":[{"type":"macvlan"},{"type":"tuning"}]}""");
        Files.writeString(dir.resolve("10-a.conf"), "{\"cniVersion\":\"0.4.0\",\"name\":\"a\",\"type\":\"bridge\"}");
        Files.writeString(dir.resolve("30-c.json"), "{\"cniVersion\":\"1.0.0\",\"name\":\"c\",\"type\":\"ptp\"}");
        Files.writeString(dir.resolve("README.txt"), "not a config");
        Files.createDirectory(dir.resolve("99-dir.conf"));

        NetworkConfigList a = NetworkConfigList.load(dir, "a");
        assertThat(a.name()).isEqualTo("a");
        assertThat(a.cniVersion()).isEqualTo("0.4.0");
        assertThat(a.plugins()).singleElement().satisfies(p -> assertThat(p).containsEntry("type", "bridge"));
        NetworkConfigList b = NetworkConfigList.load(dir, "b");
        assertThat(b.disableCheck()).isTrue();
        assertThat(b.plugins()).extracting(p -> p.get("type")).containsExactly("macvlan", "tuning");
        assertThat(b.bytes()).isEqualTo(Files.readAllBytes(dir.resolve("20-b.conflist")));
        assertThat(NetworkConfigList.load(dir, "c").plugins()).singleElement()
                .satisfies(p -> assertThat(p).containsEntry("type", "ptp"));
        assertThatThrownBy(() -> NetworkConfigList.load(dir, "d")).isInstanceOfSatisfying(CniException.class, e -> {
            assertThat(e.code()).isEqualTo(7);
            assertThat(e.getMessage()).isEqualTo("no net configuration with name \"d\" in " + dir);
        });
        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> NetworkConfigList.load(missing, "a")).isInstanceOfSatisfying(CniException.class, e -> {
            assertThat(e.code()).isEqualTo(7);
            assertThat(e.getMessage()).isEqualTo("no net configurations found in " + missing);
        });
    }

    @Test
    void badFilesAreNamedWithTheField() throws Exception {
        Files.writeString(dir.resolve("10-bad.conflist"), "{\"cniVersion\":\"1.0.0\",\"name\":\"x\",\"plugins\":[{}]}");
        assertThatThrownBy(() -> NetworkConfigList.load(dir, "x")).isInstanceOfSatisfying(CniException.class, e -> {
            assertThat(e.code()).isEqualTo(7);
            assertThat(e.getMessage()).isEqualTo(dir.resolve("10-bad.conflist") + ": plugins[0]: type: missing");
        });
        assertThatThrownBy(() -> NetworkConfigList.parse("{\"name\":\"Bad Name\",\"plugins\":[{\"type\":\"t\"}]}"
                .getBytes(), "f")).hasMessage("f: name: invalid characters in network name \"Bad Name\"");
        assertThatThrownBy(() -> NetworkConfigList.parse("{\"name\":\"n\",\"plugins\":[]}".getBytes(), "f"))
                .hasMessage("f: plugins: no plugins in list");
        assertThatThrownBy(() -> NetworkConfigList.parse("{\"name\":\"n\",\"cniVersion\":\"7.0.0\",\"plugins\":[{\"type\":\"t\"}]}"
                .getBytes(), "f")).isInstanceOfSatisfying(CniException.class, e -> assertThat(e.code()).isEqualTo(1));
    }

    @Test
    void aListWinsOverAnEarlierConfAndTheFirstListByByteOrderWins() throws Exception {
        write("00.conf", conf("net", "CONF"));
        write("b.conflist", list("net", "LOWER"));
        write("B.conflist", list("net", "UPPER"));
        write("10.conflist", list("net", "TEN"));
        write("9.conflist", list("net", "NINE"));
        assertThat(types("net")).isEqualTo("TEN");
        Files.delete(dir.resolve("10.conflist"));
        Files.delete(dir.resolve("9.conflist"));
        assertThat(types("net")).isEqualTo("UPPER");
    }

    @Test
    void confsAndJsonsAreOneOrderAndAFileNamedOnlyByItsExtensionCounts() throws Exception {
        write("10.json", conf("net", "JSON10"));
        write("10.conf", conf("net", "CONF10"));
        assertThat(types("net")).isEqualTo("CONF10");
        write("05.json", conf("net", "JSON05"));
        assertThat(types("net")).isEqualTo("JSON05");
        write(".conflist", list("net", "HIDDEN"));
        assertThat(types("net")).isEqualTo("HIDDEN");
    }

    @Test
    void extensionsAreExactAndCaseSensitive() throws Exception {
        write("a.CONFLIST", LIST);
        write("a.Conf", conf("net", "A"));
        write("a.conflist.bak", LIST);
        write("a.conflist~", LIST);
        assertThatThrownBy(() -> NetworkConfigList.load(dir, "net")).hasMessage("no net configurations found in " + dir);
        write("a.conf.conflist", list("net", "LAST"));
        assertThat(types("net")).isEqualTo("LAST");
    }

    @Test
    void readingStopsAtTheMatchAndABrokenFileBeforeItFailsTheLoad() throws Exception {
        write("10.conflist", LIST);
        write("20.conflist", "{");
        write("00.conf", "{");
        assertThat(types("net")).isEqualTo("A");
        assertThatThrownBy(() -> NetworkConfigList.load(dir, "other")).isInstanceOfSatisfying(CniException.class,
                e -> assertThat(e.getMessage()).startsWith(dir.resolve("20.conflist") + ": not valid JSON"));
        Files.delete(dir.resolve("20.conflist"));
        assertThatThrownBy(() -> NetworkConfigList.load(dir, "other")).isInstanceOfSatisfying(CniException.class,
                e -> assertThat(e.getMessage()).startsWith(dir.resolve("00.conf") + ": not valid JSON"));
        write("05.conflist", "{\"name\":\"other\",\"plugins\":[{\"type\":\"X\",\"ipam\":\"host-local\"}]}");
        assertThatThrownBy(() -> NetworkConfigList.load(dir, "net")).isInstanceOfSatisfying(CniException.class,
                e -> assertThat(e.getMessage()).isEqualTo(dir.resolve("05.conflist")
                        + ": plugins[0]: ipam: must be an object, got the string \"host-local\""));
    }

    @Test
    void aBrokenListFailsTheLoadOfANetworkInAConf() throws Exception {
        write("00.conf", conf("net", "A"));
        write("99.conflist", "[]");
        assertThatThrownBy(() -> NetworkConfigList.load(dir, "net")).isInstanceOfSatisfying(CniException.class,
                e -> assertThat(e.getMessage()).startsWith(dir.resolve("99.conflist").toString()));
    }

    @Test
    void namelessConfsArePassedOverButMustParse() throws Exception {
        write("05.conf", "{\"type\":\"X\"}");
        write("06.conf", "{\"name\":\"\",\"type\":\"X\"}");
        write("10.conf", conf("net", "A"));
        assertThat(types("net")).isEqualTo("A");
        write("07.conf", "{\"name\":\"other\"}");
        assertThatThrownBy(() -> NetworkConfigList.load(dir, "net"))
                .hasMessage(dir.resolve("07.conf") + ": type: missing");
    }

    @Test
    void otherNetworksNamesAndVersionsAreNotJudgedButTheMatchIs() throws Exception {
        write("05.conflist", "{\"cniVersion\":\"banana\",\"name\":\"my net\",\"plugins\":[{\"type\":\"X\"}]}");
        write("06.conflist", "{\"name\":\"\",\"plugins\":[{\"type\":\"X\"}]}");
        write("10.conflist", LIST);
        assertThat(types("net")).isEqualTo("A");
        assertThatThrownBy(() -> NetworkConfigList.load(dir, "my net"))
                .hasMessage(dir.resolve("05.conflist") + ": name: invalid characters in network name \"my net\"");
        assertThatThrownBy(() -> NetworkConfigList.load(dir, "")).hasMessage(dir.resolve("06.conflist") + ": name: missing");
        write("04.conflist", "{\"cniVersion\":\"banana\",\"name\":\"net\",\"plugins\":[{\"type\":\"X\"}]}");
        assertThatThrownBy(() -> NetworkConfigList.load(dir, "net")).isInstanceOfSatisfying(CniException.class,
                e -> assertThat(e.code()).isEqualTo(CniException.INCOMPATIBLE_VERSION));
    }

    @Test
    void onlyRealDirectoriesAreLeftOutSymlinksAreFollowedWhenRead() throws Exception {
        Files.createDirectory(dir.resolve("01.conflist"));
        Files.createDirectory(dir.resolve("realdir"));
        write("real.txt", list("net", "LINKED"));
        Files.createSymbolicLink(dir.resolve("10.conflist"), Path.of("real.txt"));
        Files.createSymbolicLink(dir.resolve("20.conflist"), Path.of("nowhere"));
        assertThat(types("net")).isEqualTo("LINKED");
        Files.createSymbolicLink(dir.resolve("05.conflist"), Path.of("nowhere"));
        assertThatThrownBy(() -> NetworkConfigList.load(dir, "net")).isInstanceOfSatisfying(CniException.class, e -> {
            assertThat(e.code()).isEqualTo(CniException.IO_FAILURE);
            assertThat(e.getMessage()).isEqualTo("error reading " + dir.resolve("05.conflist") + ": no such file or directory");
        });
        Files.delete(dir.resolve("05.conflist"));
        Files.createSymbolicLink(dir.resolve("05.conflist"), Path.of("realdir"));
        assertThatThrownBy(() -> NetworkConfigList.load(dir, "net")).isInstanceOfSatisfying(CniException.class, e -> {
            assertThat(e.code()).isEqualTo(CniException.IO_FAILURE);
            assertThat(e.getMessage()).startsWith("error reading " + dir.resolve("05.conflist") + ": ");
        });
    }

    @Test
    void theTwoNotFoundErrorsAreLibcnis() throws Exception {
        write("README", "x");
        assertThatThrownBy(() -> NetworkConfigList.load(dir, "net")).hasMessage("no net configurations found in " + dir);
        write("10.conflist", LIST);
        assertThatThrownBy(() -> NetworkConfigList.load(dir, "other"))
                .hasMessage("no net configuration with name \"other\" in " + dir);
        Files.delete(dir.resolve("10.conflist"));
        write("10.json", conf("net", "A"));
        assertThatThrownBy(() -> NetworkConfigList.load(dir, "other"))
                .hasMessage("no net configuration with name \"other\" in " + dir);
    }

    @Test
    void aDirectoryThatIsAFileFailsTheLoad() throws Exception {
        Path file = Files.writeString(dir.resolve("net.d"), LIST);
        assertThatThrownBy(() -> NetworkConfigList.load(file, "net")).isInstanceOfSatisfying(CniException.class, e -> {
            assertThat(e.code()).isEqualTo(CniException.IO_FAILURE);
            assertThat(e.getMessage()).isEqualTo("error reading " + file + ": not a directory");
        });
    }

    @Test
    void aConfBecomesAListOfOneWithItsNameAndVersionAndNoDisableCheck() throws Exception {
        write("10.conf", "{\"name\":\"net\",\"type\":\"A\",\"disableCheck\":true,\"x\":1}");
        NetworkConfigList net = NetworkConfigList.load(dir, "net");
        assertThat(net.cniVersion()).isEmpty();
        assertThat(net.disableCheck()).isFalse();
        assertThat(net.plugins()).containsExactly(Map.of("name", "net", "type", "A", "disableCheck", true, "x", 1));
        assertThat(new String(net.bytes(), StandardCharsets.UTF_8).replaceAll("\\s", ""))
                .isEqualTo("{\"cniVersion\":\"\",\"name\":\"net\",\"plugins\":[{\"name\":\"net\",\"type\":\"A\","
                        + "\"disableCheck\":true,\"x\":1}]}");
        assertThat(NetworkConfigList.fromConf("{\"cniVersion\":\"0.4.0\",\"name\":\"n\",\"type\":\"A\"}".getBytes(), "f")
                .cniVersion()).isEqualTo("0.4.0");
        assertThatThrownBy(() -> NetworkConfigList.fromConf("{\"type\":\"A\"}".getBytes(), "f")).hasMessage("f: name: missing");
        assertThatThrownBy(() -> NetworkConfigList.fromConf("{\"type\":\"A\",\"nam\":\"n\"}".getBytes(), "f"))
                .hasMessage("f: name: missing (unknown key \"nam\": did you mean \"name\"?)");
    }

    @Test
    void anEmptyOrMissingVersionStaysEmpty() {
        assertThat(NetworkConfigList.parse("{\"name\":\"n\",\"plugins\":[{\"type\":\"A\"}]}".getBytes(), "f").cniVersion())
                .isEmpty();
        assertThat(NetworkConfigList.parse("{\"cniVersion\":\"\",\"name\":\"n\",\"plugins\":[{\"type\":\"A\"}]}".getBytes(), "f")
                .cniVersion()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"name\":\"n\",\"cniVersion\":null,\"plugins\":[{\"type\":\"A\"}]}|f: cniVersion: must be a string, got null",
            "{\"name\":\"n\",\"cniVersion\":1,\"plugins\":[{\"type\":\"A\"}]}|f: cniVersion: must be a string, got the number 1",
            "{\"name\":null,\"plugins\":[{\"type\":\"A\"}]}|f: name: must be a string, got null",
            "{\"plugins\":[{\"type\":\"A\"}]}|f: name: missing",
            "{\"nmae\":\"n\",\"plugins\":[{\"type\":\"A\"}]}|f: name: missing (unknown key \"nmae\": did you mean \"name\"?)",
            "{\"Name\":\"n\",\"plugins\":[{\"type\":\"A\"}]}|f: name: missing (unknown key \"Name\": did you mean \"name\"?)",
            "{\"name\":\"n\",\"plugin\":[{\"type\":\"A\"}]}|f: plugins: missing (unknown key \"plugin\": did you mean \"plugins\"?)",
            "{\"name\":\"n\",\"plugins\":[{\"typ\":\"A\"}]}|f: plugins[0]: type: missing (unknown key \"typ\": did you mean \"type\"?)",
            "{\"name\":\"n\",\"disableCheck\":null,\"plugins\":[{\"type\":\"A\"}]}|f: disableCheck: must be true or false, got null",
            "{\"name\":\"n\",\"disableCheck\":\"true\",\"plugins\":[{\"type\":\"A\"}]}|f: disableCheck: must be true or false, got the string \"true\"",
            "{\"name\":\"n\",\"plugins\":null}|f: plugins: must be a list, got null",
            "{\"name\":\"n\"}|f: plugins: missing",
            "{\"name\":\"n\",\"plugins\":[null]}|f: plugins[0]: must be an object",
            "{\"name\":\"n\",\"plugins\":[{\"type\":\"\"}]}|f: plugins[0]: type: must not be empty",
            "{\"name\":\"n\",\"plugins\":[{\"type\":null}]}|f: plugins[0]: type: missing",
            "{\"name\":\"n\",\"plugins\":[{\"TYPE\":\"A\"}]}|f: plugins[0]: type: missing (unknown key \"TYPE\": did you mean \"type\"?)",
            "{\"name\":\"n\",\"plugins\":[{\"type\":5}]}|f: plugins[0]: type: must be a string, got the number 5",
            "{\"name\":\"n\",\"plugins\":[{\"type\":\"A\",\"name\":5}]}|f: plugins[0]: name: must be a string, got the number 5",
            "{\"name\":\"n\",\"plugins\":[{\"type\":\"A\",\"cniVersion\":1}]}|f: plugins[0]: cniVersion: must be a string, got the number 1",
            "{\"name\":\"n\",\"plugins\":[{\"type\":\"A\",\"capabilities\":[]}]}|f: plugins[0]: capabilities: must be an object, got a list",
            "{\"name\":\"n\",\"plugins\":[{\"type\":\"A\",\"capabilities\":{\"mac\":\"yes\"}}]}|f: plugins[0]: capabilities.mac: must be true or false, got the string \"yes\"",
            "{\"name\":\"n\",\"plugins\":[{\"type\":\"A\",\"ipam\":{\"type\":5}}]}|f: plugins[0]: ipam.type: must be a string, got the number 5",
            "{\"name\":\"n\",\"plugins\":[{\"type\":\"A\",\"dns\":[]}]}|f: plugins[0]: dns: must be an object, got a list",
            "{\"name\":\"n\",\"plugins\":[{\"type\":\"A\",\"dns\":{\"domain\":1}}]}|f: plugins[0]: dns.domain: must be a string, got the number 1",
            "{\"name\":\"n\",\"plugins\":[{\"type\":\"A\",\"dns\":{\"search\":[1]}}]}|f: plugins[0]: dns.search: must be a list of strings, got a list",
            "{\"name\":\"n\",\"plugins\":[{\"type\":\"A\",\"prevResult\":\"x\"}]}|f: plugins[0]: prevResult: must be an object, got the string \"x\""})
    void listsAndPluginsHaveTheTypesLibcniDecodesThemInto(String json, String message) {
        assertThatThrownBy(() -> NetworkConfigList.parse(json.getBytes(StandardCharsets.UTF_8), "f"))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(CniException.INVALID_CONFIG);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    @Test
    void nullsAreAbsentInsideAPlugin() {
        NetworkConfigList list = NetworkConfigList.parse("""
                {"name":"n","plugins":[{"type":"A","name":null,"cniVersion":null,"capabilities":{"mac":null},
                 "ipam":null,"dns":{"nameservers":[null,"192.0.2.53"],"domain":null},"prevResult":null}]}"""
                .getBytes(StandardCharsets.UTF_8), "f");
        assertThat(list.plugins()).singleElement().satisfies(p -> assertThat(p).containsEntry("type", "A"));
    }

    private void write(String name, String content) throws Exception {
        Files.writeString(dir.resolve(name), content);
    }

    private String types(String network) {
        return String.valueOf(NetworkConfigList.load(dir, network).plugins().getFirst().get("type"));
    }

    private static String conf(String name, String type) {
        return "{\"cniVersion\":\"1.0.0\",\"name\":\"" + name + "\",\"type\":\"" + type + "\"}";
    }

    private static String list(String name, String type) {
        return "{\"name\":\"" + name + "\",\"plugins\":[{\"type\":\"" + type + "\"}]}";
    }
}
