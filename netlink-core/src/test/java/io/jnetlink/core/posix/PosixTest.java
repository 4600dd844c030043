package io.jnetlink.core.posix;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading and deleting without following links, against planted links on a real file system. */
class PosixTest {

    private static final String SECRET = "outside the tree";

    @TempDir
    Path temp;

    @Test
    void writesAnExistingFileInOneWriteButNeverCreatesOneNorFollowsALink() throws IOException {
        Path setting = Files.writeString(temp.resolve("setting"), "1\n");
        assertThat(Posix.tryWriteExisting(setting, "0\n".getBytes())).isZero();
        assertThat(Files.readString(setting)).isEqualTo("0\n");
        assertThat(Posix.tryWriteExisting(temp.resolve("missing"), "0".getBytes())).isEqualTo(-2); // ENOENT
        assertThat(temp.resolve("missing")).doesNotExist();
        Path link = Files.createSymbolicLink(temp.resolve("link"), setting);
        assertThat(Posix.tryWriteExisting(link, "2".getBytes())).isEqualTo(-40); // ELOOP
        assertThat(Files.readString(setting)).isEqualTo("0\n");
    }

    @Test
    void extendedAttributesReadAsTextAndAbsentOnesAreEmpty() throws IOException {
        try (java.net.ServerSocket listening = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             java.util.stream.Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            java.util.List<String> protocols = new java.util.ArrayList<>();
            for (Path fd : fds.toList()) {
                Posix.extendedAttribute(fd, "system.sockprotoname").ifPresent(protocols::add);
            }
            assertThat(protocols).as("the protocols of this JVM's sockets").anyMatch(p -> p.startsWith("TCP"));
            assertThat(listening.isBound()).isTrue();
        }
        Path plain = Files.writeString(temp.resolve("plain"), "x");
        assertThat(Posix.extendedAttribute(plain, "user.jnltest")).isEmpty();
        assertThat(Posix.extendedAttribute(temp.resolve("missing"), "user.jnltest")).isEmpty();
    }

    @Test
    void readsAFileWhole() throws IOException {
        byte[] content = new byte[20_000]; // more than one read
        Arrays.fill(content, (byte) 'x');
        content[content.length - 1] = 'y';
        Path file = Files.write(temp.resolve("f"), content);
        assertThat(Posix.readNoFollow(file)).isEqualTo(content);
        assertThat(Posix.readNoFollow(Files.writeString(temp.resolve("empty"), ""))).isEmpty();
    }

    @Test
    void aPlantedLinkIsRefusedWithEloop() throws IOException {
        Path target = Files.writeString(temp.resolve("secret"), SECRET);
        Path link = Files.createSymbolicLink(temp.resolve("lease"), target);
        assertThatThrownBy(() -> Posix.readNoFollow(link)).isInstanceOf(FileSystemException.class)
                .hasMessageContaining(link.toString()).hasMessageContaining("open failed: ELOOP");
        assertThat(Files.readString(target)).isEqualTo(SECRET);
    }

    @Test
    void aMissingFileIsNoSuchFile() {
        Path missing = temp.resolve("missing");
        assertThatThrownBy(() -> Posix.readNoFollow(missing)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("ENOENT");
    }

    @Test
    void aDirectoryCannotBeRead() {
        assertThatThrownBy(() -> Posix.readNoFollow(temp)).isInstanceOf(FileSystemException.class)
                .hasMessageContaining("read failed: EISDIR");
    }

    @Test
    void deletesATreeButNotWhatItsLinksPointTo() throws IOException {
        Path outside = Files.createDirectory(temp.resolve("outside"));
        Path secret = Files.writeString(outside.resolve("secret"), SECRET);
        Path tree = Files.createDirectories(temp.resolve("tree/a/b/c"));
        Files.writeString(tree.resolve("file"), "x");
        Files.writeString(temp.resolve("tree/a/file"), "x");
        Files.createSymbolicLink(temp.resolve("tree/a/b/to-dir"), outside);
        Files.createSymbolicLink(temp.resolve("tree/a/to-file"), secret);
        Files.createSymbolicLink(temp.resolve("tree/dangling"), temp.resolve("nowhere"));

        Posix.deleteRecursively(temp.resolve("tree"));

        assertThat(temp.resolve("tree")).doesNotExist();
        assertThat(Files.readString(secret)).as("the linked file is untouched").isEqualTo(SECRET);
        try (var files = Files.list(outside)) {
            assertThat(files).as("the linked directory is untouched").containsExactly(secret);
        }
    }

    @Test
    void aRootThatIsALinkLosesOnlyTheLink() throws IOException {
        Path outside = Files.createDirectory(temp.resolve("outside"));
        Path secret = Files.writeString(outside.resolve("secret"), SECRET);
        Path root = Files.createSymbolicLink(temp.resolve("root"), outside);

        Posix.deleteRecursively(root);

        assertThat(Files.exists(root, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.readString(secret)).isEqualTo(SECRET);
    }

    @Test
    void aMissingRootOrAFileIsFine() throws IOException {
        Posix.deleteRecursively(temp.resolve("missing"));
        Path file = Files.writeString(temp.resolve("file"), "x");
        Posix.deleteRecursively(file);
        assertThat(file).doesNotExist();
    }
}
