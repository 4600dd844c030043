package io.jnetlink.core.posix;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The lock excludes a second descriptor, a waiting thread and another process's {@code flock(1)}. */
class FileLockTest {

    private static final Set<PosixFilePermission> MODE = PosixFilePermissions.fromString("rwxr-x---");

    @TempDir
    Path temp;

    @Test
    void aSecondDescriptorIsExcludedUntilTheFirstIsReleased() throws IOException {
        Path file = temp.resolve("lock");
        try (FileLock first = FileLock.exclusive(file, MODE)) {
            assertThat(first.file()).isEqualTo(file);
            assertThat(FileLock.tryExclusive(file, MODE)).as("while held").isEmpty();
        }
        Optional<FileLock> second = FileLock.tryExclusive(file, MODE);
        assertThat(second).as("once released").isPresent();
        second.get().close();
    }

    @Test
    void aWaitingHolderGetsTheLockWhenItIsReleased() throws Exception {
        Path file = temp.resolve("lock");
        FileLock first = FileLock.exclusive(file, MODE);
        CompletableFuture<FileLock> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return FileLock.exclusive(file, MODE);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        assertThat(waiting).as("waits while the lock is held").isNotDone();
        first.close();
        try (FileLock second = waiting.get(10, TimeUnit.SECONDS)) {
            assertThat(second.file()).isEqualTo(file);
        }
    }

    @Test
    void anotherProcessesFlockIsExcluded() throws Exception {
        boolean flock = Files.isExecutable(Path.of("/usr/bin/flock"));
        // skipped with the reason elsewhere; CI has util-linux and skips nothing (testkit's rule; core cannot use testkit)
        assertThat(flock || !"true".equalsIgnoreCase(System.getenv("CI"))).as("CI must have util-linux flock(1)").isTrue();
        assumeTrue(flock, "util-linux flock(1) is not installed");
        Path file = temp.resolve("lock");
        try (FileLock ignored = FileLock.exclusive(file, MODE)) {
            assertThat(flockNonBlocking(file)).as("flock(1) while we hold it").isEqualTo(75);
        }
        assertThat(flockNonBlocking(file)).as("flock(1) once released").isZero();
    }

    @Test
    void createsTheFileWithTheModeLessTheUmask() throws IOException {
        Path file = temp.resolve("lock");
        try (FileLock ignored = FileLock.exclusive(file, MODE)) {
            // the owner's bits survive any umask a user may sensibly have
            assertThat(Files.getPosixFilePermissions(file)).isSubsetOf(MODE)
                    .contains(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                            PosixFilePermission.OWNER_EXECUTE);
        }
        assertThat(file).exists();
    }

    @Test
    void aPlantedLinkIsRefusedNotFollowed() throws IOException {
        Path target = Files.writeString(temp.resolve("target"), "x");
        Path link = Files.createSymbolicLink(temp.resolve("lock"), target);
        assertThatThrownBy(() -> FileLock.exclusive(link, MODE)).isInstanceOf(FileSystemException.class)
                .hasMessageContaining(link.toString()).hasMessageContaining("open failed: ELOOP");
        Path dangling = Files.createSymbolicLink(temp.resolve("dangling"), temp.resolve("nowhere"));
        assertThatThrownBy(() -> FileLock.exclusive(dangling, MODE)).hasMessageContaining("ELOOP");
        assertThat(temp.resolve("nowhere")).as("not created through the link").doesNotExist();
    }

    @Test
    void closingTwiceDoesNothing() throws IOException {
        FileLock lock = FileLock.exclusive(temp.resolve("lock"), MODE);
        lock.close();
        lock.close();
        assertThat(lock.toString()).contains("released");
    }

    /** The exit code of {@code flock -n -E 75 file true}: 75 if the lock is held elsewhere. */
    private static int flockNonBlocking(Path file) throws Exception {
        Process flock = new ProcessBuilder("/usr/bin/flock", "-n", "-E", "75", file.toString(), "true")
                .redirectErrorStream(true).start();
        assertThat(flock.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return flock.exitValue();
    }
}
