package io.jnetlink.cni;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Loading network configs from a directory as the reference library does. */
class NetworkConfigListTest {

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

        assertThat(NetworkConfigList.loadAll(dir)).extracting(NetworkConfigList::name).containsExactly("a", "b", "c");
        NetworkConfigList a = NetworkConfigList.load(dir, "a");
        assertThat(a.cniVersion()).isEqualTo("0.4.0");
        assertThat(a.plugins()).singleElement().satisfies(p -> assertThat(p).containsEntry("type", "bridge"));
        assertThat(NetworkConfigList.load(dir, "b").disableCheck()).isTrue();
        assertThat(NetworkConfigList.loadAll(dir.resolve("missing"))).isEmpty();
    }

    @Test
    void badFilesAreNamedWithTheField() throws Exception {
        Files.writeString(dir.resolve("10-bad.conflist"), "{\"cniVersion\":\"1.0.0\",\"name\":\"x\",\"plugins\":[{}]}");
        assertThatThrownBy(() -> NetworkConfigList.loadAll(dir)).isInstanceOfSatisfying(CniException.class, e -> {
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
}
