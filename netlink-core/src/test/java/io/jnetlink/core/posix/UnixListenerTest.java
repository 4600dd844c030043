package io.jnetlink.core.posix;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.EOFException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link UnixListener} and {@link UnixConnection} against Java's own unix socket client. */
class UnixListenerTest {

    @TempDir
    Path dir;

    @Test
    void aConnectionKnowsItsPeersPidAndUidAndCarriesBytesBothWays() throws Exception {
        Path path = dir.resolve("s.sock");
        try (UnixListener listener = UnixListener.bind(path, PosixFilePermissions.fromString("rw-------"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-------");
            try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(path));
                 UnixConnection server = listener.accept()) {
                assertThat(server.peer().pid()).isEqualTo(ProcessHandle.current().pid());
                assertThat(server.peer().uid()).isEqualTo((int) Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
                client.write(ByteBuffer.wrap("ping".getBytes(StandardCharsets.US_ASCII)));
                byte[] got = new byte[4];
                server.readFully(got);
                assertThat(new String(got, StandardCharsets.US_ASCII)).isEqualTo("ping");
                server.write("pong".getBytes(StandardCharsets.US_ASCII));
                ByteBuffer answer = ByteBuffer.allocate(4);
                while (answer.hasRemaining()) {
                    client.read(answer);
                }
                assertThat(new String(answer.array(), StandardCharsets.US_ASCII)).isEqualTo("pong");
                client.close();
                assertThatThrownBy(() -> server.readFully(new byte[1])).isInstanceOf(EOFException.class);
            }
        }
        assertThat(path).as("removed on close").doesNotExist();
    }

    @Test
    void aReadTimesOutAndAWriteToAPeerThatLeftFailsWithoutASignal() throws Exception {
        Path path = dir.resolve("t.sock");
        try (UnixListener listener = UnixListener.bind(path, PosixFilePermissions.fromString("rw-------"));
             SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(path));
             UnixConnection server = listener.accept()) {
            server.setTimeout(Duration.ofMillis(200));
            assertThatThrownBy(() -> server.read(new byte[1], 0, 1)).isInstanceOf(java.net.SocketTimeoutException.class);
            client.close();
            assertThatThrownBy(() -> {
                for (int i = 0; i < 100; i++) {
                    server.write(new byte[65536]);
                }
            }).hasMessageContaining("EPIPE");
        }
    }

    @Test
    void shutdownWakesAThreadBlockedInAccept() throws Exception {
        try (UnixListener listener = UnixListener.bind(dir.resolve("w.sock"), PosixFilePermissions.fromString("rw-------"))) {
            CompletableFuture<Throwable> blocked = CompletableFuture.supplyAsync(() -> {
                try {
                    listener.accept().close();
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            });
            Thread.sleep(200); // let it block in accept(2); the assertion holds either way
            listener.shutdown();
            assertThat(blocked.get(10, TimeUnit.SECONDS)).isInstanceOf(AsynchronousCloseException.class);
        }
    }

    @Test
    void aStaleSocketIsReplacedButALiveOneOrAnotherFileIsNot() throws Exception {
        Path path = dir.resolve("x.sock");
        UnixListener first = UnixListener.bind(path, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> UnixListener.bind(path, PosixFilePermissions.fromString("rw-------")))
                .isInstanceOf(FileAlreadyExistsException.class).hasMessageContaining("another process accepts");
        first.shutdown(); // the file stays, nobody accepts: what a killed daemon leaves
        try (UnixListener second = UnixListener.bind(path, PosixFilePermissions.fromString("rw-------"))) {
            try (SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                client.connect(UnixDomainSocketAddress.of(path));
                second.accept().close();
            }
        } finally {
            first.close();
        }
        Path file = Files.writeString(dir.resolve("plain"), "data");
        assertThatThrownBy(() -> UnixListener.bind(file, PosixFilePermissions.fromString("rw-------")))
                .isInstanceOf(FileAlreadyExistsException.class).hasMessageContaining("not a socket");
        assertThat(Files.readString(file)).isEqualTo("data");
    }
}
