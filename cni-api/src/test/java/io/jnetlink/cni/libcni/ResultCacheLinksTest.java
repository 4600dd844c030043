package io.jnetlink.cni.libcni;

import io.jnetlink.cni.types.CniException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Symbolic links planted in the result cache lead nowhere: a linked entry is not read (an I/O
 * error naming it, code 5), not listed as an attachment, and garbage collection removes the link,
 * never its target.
 */
class ResultCacheLinksTest {

    private static final String ENTRY = """
            {"kind":"cniCacheV1","containerId":"c1","ifName":"eth0","networkName":"net",
             "result":{"cniVersion":"1.0.0","interfaces":[],"ips":[],"dns":{}}}""";

    @TempDir
    Path cacheDir;
    @TempDir
    Path outside;

    @Test
    void aLinkedEntryIsNeitherReadNorListedAndGcRemovesOnlyTheLink() throws IOException {
        Path target = Files.writeString(outside.resolve("planted"), ENTRY);
        Path results = Files.createDirectories(cacheDir.resolve("results"));
        Path link = Files.createSymbolicLink(results.resolve("net-c1-eth0"), target);
        ResultCache cache = new ResultCache(cacheDir);
        RuntimeConf rt = RuntimeConf.of("c1", "", "eth0");

        assertThatThrownBy(() -> cache.get("net", rt, "1.0.0")).isInstanceOf(CniException.class)
                .hasMessageContaining("reading cached result " + link)
                .satisfies(e -> assertThat(((CniException) e).code()).isEqualTo(CniException.IO_FAILURE));
        assertThat(cache.attachments("net")).isEmpty();

        cache.remove("net", rt);
        assertThat(Files.exists(link, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.readString(target)).isEqualTo(ENTRY);
        assertThat(cache.attachments("net")).isEqualTo(List.of());
    }
}
