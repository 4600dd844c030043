package io.jnetlink.ipam.hostlocal;

import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.ipam.IpamException;
import io.jnetlink.ipam.Lease;
import io.jnetlink.ipam.Owner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Symbolic links planted in a host-local data directory lead nowhere: nothing outside it is
 * read, written or removed, whether the link stands where a lease, {@code last_reserved_ip}, the
 * lock or the network directory belongs.
 */
class PlantedLinksTest {

    private static final String SECRET = "secret-holder\r\neth0";

    @TempDir
    Path dataDir;
    @TempDir
    Path outside;

    private Path network() throws IOException {
        return Files.createDirectories(dataDir.resolve("net1"));
    }

    private HostLocalAllocator allocator() {
        return new HostLocalAllocator(HostLocalConfig.of("net1", dataDir, "192.0.2.0/29"));
    }

    private Path secret() throws IOException {
        return Files.writeString(outside.resolve("secret"), SECRET);
    }

    @Test
    void aLinkWhereALeaseBelongsIsNeitherReadNorItsTargetRemoved() throws IOException {
        Path target = secret();
        Files.createSymbolicLink(network().resolve("192.0.2.2"), target);
        try (HostLocalAllocator allocator = allocator()) {
            Lease planted = allocator.list().getFirst();
            assertThat(planted.isSound()).isFalse();
            assertThat(planted.problem()).contains("symbolic link");
            assertThat(planted.containerId()).as("the target's content was not read").isNull();

            String got = InetAddresses.text(allocator.allocate(new Owner("c1", "eth0")).ips().getFirst().address().address());
            assertThat(got).as("the planted name counts as taken").isEqualTo("192.0.2.3");

            assertThat(allocator.garbageCollect(Set.of(new Owner("c1", "eth0"))))
                    .extracting(l -> InetAddresses.text(l.address())).containsExactly("192.0.2.2");
        }
        assertThat(Files.exists(network().resolve("192.0.2.2"), LinkOption.NOFOLLOW_LINKS)).as("the link is gone").isFalse();
        assertThat(Files.readString(target)).as("its target is untouched").isEqualTo(SECRET);
    }

    @Test
    void aLinkedLastReservedIpIsNotFollowedAndIsReplacedNotWrittenThrough() throws IOException {
        Path target = Files.writeString(outside.resolve("last"), "192.0.2.5");
        Files.createSymbolicLink(network().resolve("last_reserved_ip.0"), target);
        try (HostLocalAllocator allocator = allocator()) {
            String got = InetAddresses.text(allocator.allocate(new Owner("c1", "eth0")).ips().getFirst().address().address());
            assertThat(got).as("the link's target was not read: allocation starts from the beginning (.1 is the gateway; following it would give .6)").isEqualTo("192.0.2.2");
        }
        Path last = network().resolve("last_reserved_ip.0");
        assertThat(Files.isSymbolicLink(last)).isFalse();
        assertThat(Files.readString(last)).isEqualTo("192.0.2.2");
        assertThat(Files.readString(target)).isEqualTo("192.0.2.5");
    }

    @Test
    void aLinkWhereTheTemporaryFileBelongsIsNotWrittenThroughAndGarbageCollectionRemovesIt() throws IOException {
        Path target = secret();
        Files.createSymbolicLink(network().resolve(DiskLeaseStore.TEMP_FILE), target);
        try (HostLocalAllocator allocator = allocator()) {
            String got = InetAddresses.text(allocator.allocate(new Owner("c1", "eth0")).ips().getFirst().address().address());
            assertThat(got).isEqualTo("192.0.2.2");
            allocator.garbageCollect(Set.of(new Owner("c1", "eth0")));
        }
        assertThat(Files.readString(network().resolve("192.0.2.2"))).isEqualTo("c1\r\neth0");
        assertThat(Files.exists(network().resolve(DiskLeaseStore.TEMP_FILE), LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.readString(target)).as("its target is untouched").isEqualTo(SECRET);
    }

    @Test
    void aLinkedLockIsRefused() throws IOException {
        Path target = secret();
        Path lock = Files.createSymbolicLink(network().resolve("lock"), target);
        try (HostLocalAllocator allocator = allocator()) {
            assertThatThrownBy(() -> allocator.allocate(new Owner("c1", "eth0")))
                    .isInstanceOf(IpamException.class).hasMessageContaining("lock").hasMessageContaining("ELOOP");
            assertThat(Files.readString(target)).isEqualTo(SECRET);
            try (var files = Files.list(network())) {
                assertThat(files.map(f -> f.getFileName().toString())).containsExactly("lock");
            }
        } finally {
            Files.delete(lock); // so the temporary directory's clean-up meets no link
        }
    }

    @Test
    void aLinkedNetworkDirectoryIsRefused() throws IOException {
        Path network = Files.createSymbolicLink(dataDir.resolve("net1"), outside);
        try (HostLocalAllocator allocator = allocator()) {
            assertThatThrownBy(() -> allocator.allocate(new Owner("c1", "eth0")))
                    .isInstanceOf(IpamException.class).hasMessageContaining("symbolic link");
            assertThatThrownBy(allocator::list).isInstanceOf(IpamException.class);
            try (var files = Files.list(outside)) {
                assertThat(files).as("nothing written through the link").isEmpty();
            }
        } finally {
            Files.delete(network);
        }
    }
}
