package io.jnetlink.cni.libcni;

import io.jnetlink.cni.types.CniException;
import io.jnetlink.cni.types.CniResult;
import io.jnetlink.cni.types.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Symbolic links planted in the result cache lead nowhere: a linked entry is not read (an I/O
 * error naming it, code 5) and not listed as an attachment; DEL removes the link, never its
 * target; and garbage collection ({@link CniRuntime#gc}) removes every link, directory or other
 * entry that is not a regular file (none of which a cache writes), never following a link, while
 * keeping the valid attachments' entries.
 */
class ResultCacheLinksTest {

    private static final String ENTRY = """
            {"kind":"cniCacheV1","containerId":"c1","ifName":"eth0","networkName":"net",
             "result":{"cniVersion":"1.0.0","interfaces":[],"ips":[],"dns":{}}}""";
    /** A 1.0.0 network: GC asks no plugin (that came with 1.1), so the cache is all it touches. */
    private static final NetworkConfigList NET = NetworkConfigList.parse(
            "{\"cniVersion\":\"1.0.0\",\"name\":\"net\",\"plugins\":[{\"type\":\"none\"}]}".getBytes(
                    StandardCharsets.UTF_8), "inline");
    private static final CniResult RESULT = CniResult.fromJson(Json.object(
            "{\"cniVersion\":\"1.0.0\",\"ips\":[{\"address\":\"192.0.2.7/24\"}]}".getBytes(StandardCharsets.UTF_8),
            "result"), "result");

    @TempDir
    Path cacheDir;
    @TempDir
    Path outside;

    @Test
    void aLinkedEntryIsNeitherReadNorListedAndDelRemovesOnlyTheLink() throws IOException {
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

    @Test
    void gcRemovesWhatTheCacheNeverWritesWithoutFollowingLinksAndKeepsTheValidEntries() throws Exception {
        ResultCache cache = new ResultCache(cacheDir);
        RuntimeConf keep = RuntimeConf.of("keep", "", "eth0");
        RuntimeConf stale = RuntimeConf.of("stale", "", "eth0");
        cache.put(NET, keep, RESULT);
        cache.put(NET, stale, RESULT);
        Path results = cacheDir.resolve("results");
        Path file = Files.writeString(outside.resolve("planted"), ENTRY);
        Path dir = Files.createDirectory(outside.resolve("dir"));
        Files.writeString(dir.resolve("inside"), ENTRY);
        Files.createSymbolicLink(results.resolve("net-c1-eth0"), file);
        Files.createSymbolicLink(results.resolve("net-c2-eth0"), dir);
        Files.createSymbolicLink(results.resolve("other-c1-eth0"), file);
        Path planted = Files.createDirectory(results.resolve("net-c3-eth0"));
        Files.createSymbolicLink(planted.resolve("net-c1-eth0"), file);
        Files.createSymbolicLink(planted.resolve("dir"), dir);
        Process fifo = new ProcessBuilder("mkfifo", results.resolve("net-c4-eth0").toString()).inheritIO().start();
        assertThat(fifo.waitFor()).as("mkfifo").isZero();
        List<String> outsideBefore = tree(outside);

        CniRuntime.builder().cacheDir(cacheDir).build().gc(NET, List.of(keep));

        assertThat(tree(results)).as("what GC left in " + results).containsExactly("net-keep-eth0");
        assertThat(tree(outside)).as("nothing outside the cache touched").isEqualTo(outsideBefore);
        assertThat(Files.readString(file)).isEqualTo(ENTRY);
        assertThat(Files.readString(dir.resolve("inside"))).isEqualTo(ENTRY);
        assertThat(cache.get("net", keep, "1.0.0")).contains(RESULT);
    }

    /** Every path below {@code root}, relative to it, links not followed. */
    private static List<String> tree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }
}
