package io.jnetlink.core.posix;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Files by name in an open directory, on a real file system: with unnamed files and with the named fallback. */
class DirectoryTest {

    private static final String SECRET = "outside the tree";

    @TempDir
    Path temp;

    @Test
    void createNewWritesWholeFilesOnceAndLeavesNoTemporaryFile() throws IOException {
        for (boolean named : new boolean[] {false, true}) {
            Path where = Files.createDirectory(temp.resolve(named ? "named" : "unnamed"));
            try (Directory dir = Directory.open(where)) {
                if (named) {
                    dir.withoutUnnamedFiles();
                }
                assertThat(dir.createNew("192.0.2.7", bytes("c1\r\neth0"))).isTrue();
                assertThat(dir.createNew("192.0.2.7", bytes("c2\r\neth0"))).as("taken: nothing written").isFalse();
                assertThat(Files.readString(where.resolve("192.0.2.7"))).isEqualTo("c1\r\neth0");
                assertThat(Files.getPosixFilePermissions(where.resolve("192.0.2.7")))
                        .as("0644 less the umask").doesNotContain(java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE);
                try (var files = Files.list(where)) {
                    assertThat(files.map(p -> p.getFileName().toString())).containsExactly("192.0.2.7");
                }
            }
        }
    }

    @Test
    void overwriteWritesInPlaceShorterOrLongerWithoutWritingThroughAPlantedLink() throws IOException {
        Path outside = Files.writeString(temp.resolve("outside"), SECRET);
        Path where = Files.createDirectory(temp.resolve("net"));
        Files.createSymbolicLink(where.resolve("last_reserved_ip.0"), outside);
        try (Directory dir = Directory.open(where)) {
            dir.overwrite("last_reserved_ip.0", bytes("192.0.2.10"));
            Object inode = Files.getAttribute(where.resolve("last_reserved_ip.0"), "unix:ino");
            dir.overwrite("last_reserved_ip.0", bytes("192.0.2.9"));
            assertThat(Files.readString(where.resolve("last_reserved_ip.0"))).as("shorter: no old tail").isEqualTo("192.0.2.9");
            dir.overwrite("last_reserved_ip.0", bytes("192.0.2.250"));
            assertThat(Files.getAttribute(where.resolve("last_reserved_ip.0"), "unix:ino")).as("in place").isEqualTo(inode);
            dir.overwrite("absent-before", bytes("x"));
        }
        assertThat(Files.isSymbolicLink(where.resolve("last_reserved_ip.0"))).isFalse();
        assertThat(Files.readString(where.resolve("last_reserved_ip.0"))).isEqualTo("192.0.2.250");
        assertThat(Files.readString(where.resolve("absent-before"))).isEqualTo("x");
        assertThat(Files.readString(outside)).isEqualTo(SECRET);
    }

    @Test
    void theNamedFallbackReplacesATemporaryFileACrashLeftAndNeverFollowsOne() throws IOException {
        Path outside = Files.writeString(temp.resolve("outside"), SECRET);
        Path where = Files.createDirectory(temp.resolve("net"));
        Files.createSymbolicLink(where.resolve(Directory.FALLBACK_TEMP), outside);
        try (Directory dir = Directory.open(where)) {
            dir.withoutUnnamedFiles();
            assertThat(dir.createNew("a", bytes("1"))).isTrue();
            Files.writeString(where.resolve(Directory.FALLBACK_TEMP), "half written");
            assertThat(dir.createNew("b", bytes("2"))).isTrue();
        }
        assertThat(Files.readString(where.resolve("a"))).isEqualTo("1");
        assertThat(Files.readString(where.resolve("b"))).isEqualTo("2");
        assertThat(Files.exists(where.resolve(Directory.FALLBACK_TEMP), LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.readString(outside)).isEqualTo(SECRET);
    }

    @Test
    void listGivesNamesAndKindsWithoutFollowingAndReadRefusesLinks() throws IOException {
        Path outside = Files.writeString(temp.resolve("outside"), SECRET);
        Path where = Files.createDirectory(temp.resolve("net"));
        Files.writeString(where.resolve("192.0.2.2"), "c1\r\neth0");
        Files.createSymbolicLink(where.resolve("192.0.2.3"), outside);
        Files.createDirectory(where.resolve("sub"));
        try (Directory dir = Directory.open(where)) {
            assertThat(dir.list()).containsExactlyInAnyOrder(
                    new Directory.Entry("192.0.2.2", Directory.Kind.REGULAR),
                    new Directory.Entry("192.0.2.3", Directory.Kind.SYMBOLIC_LINK),
                    new Directory.Entry("sub", Directory.Kind.OTHER));
            assertThat(dir.list()).as("listing again starts over").hasSize(3);
            assertThat(new String(dir.read("192.0.2.2"), StandardCharsets.UTF_8)).isEqualTo("c1\r\neth0");
            assertThatThrownBy(() -> dir.read("192.0.2.3")).isInstanceOf(FileSystemException.class)
                    .hasMessageContaining("ELOOP");
            assertThatThrownBy(() -> dir.read("absent")).isInstanceOf(NoSuchFileException.class);
            assertThat(dir.delete("192.0.2.3")).isTrue();
            assertThat(dir.delete("192.0.2.3")).isFalse();
        }
        assertThat(Files.readString(outside)).isEqualTo(SECRET);
    }

    @Test
    void manyEntriesAreListedAcrossSeveralReads() throws IOException {
        Path where = Files.createDirectory(temp.resolve("many"));
        try (Directory dir = Directory.open(where)) {
            for (int i = 0; i < 2000; i++) {
                assertThat(dir.createNew("198.18." + (i / 250) + "." + (i % 250), bytes("c" + i))).isTrue();
            }
            assertThat(dir.list()).hasSize(2000).allMatch(e -> e.kind() == Directory.Kind.REGULAR);
        }
    }

    @Test
    void aLinkOrAFileWhereTheDirectoryBelongsIsRefused() throws IOException {
        Path real = Files.createDirectory(temp.resolve("real"));
        Path link = Files.createSymbolicLink(temp.resolve("link"), real);
        Path file = Files.writeString(temp.resolve("file"), "x");
        assertThatThrownBy(() -> Directory.open(link)).as("O_NOFOLLOW with O_DIRECTORY")
                .isInstanceOf(FileSystemException.class).hasMessageContaining("ENOTDIR");
        assertThatThrownBy(() -> Directory.open(file)).isInstanceOf(FileSystemException.class).hasMessageContaining("ENOTDIR");
        assertThatThrownBy(() -> Directory.open(temp.resolve("absent"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void lockExcludesAnotherHolderAndRefusesALink() throws IOException {
        Path where = Files.createDirectory(temp.resolve("net"));
        Set<java.nio.file.attribute.PosixFilePermission> mode = PosixFilePermissions.fromString("rwxr-x---");
        try (Directory dir = Directory.open(where); FileLock held = dir.lock("lock", mode)) {
            assertThat(FileLock.tryExclusive(where.resolve("lock"), mode)).as("held by the directory's lock").isEmpty();
            assertThat(held.file()).isEqualTo(where.resolve("lock"));
        }
        assertThat(FileLock.tryExclusive(where.resolve("lock"), mode)).isPresent().get().satisfies(FileLock::close);
        Files.createSymbolicLink(where.resolve("linked-lock"), where.resolve("lock"));
        try (Directory dir = Directory.open(where)) {
            assertThatThrownBy(() -> dir.lock("linked-lock", mode)).isInstanceOf(FileSystemException.class)
                    .hasMessageContaining("ELOOP");
        }
    }

    @Test
    void aClosedDirectoryRefusesWork() throws IOException {
        Directory dir = Directory.open(temp);
        dir.close();
        dir.close();
        assertThatThrownBy(dir::list).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
