package io.jnetlink.core.posix;

import io.jnetlink.core.Errno;
import io.jnetlink.core.SyscallException;
import io.jnetlink.core.internal.Syscalls;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * A listening unix stream socket whose connections tell who is at the other end
 * ({@link UnixConnection#peer()}, {@code SO_PEERCRED}: the peer's pid, which Java's own unix
 * channels do not give). {@link #accept()} blocks; {@link #shutdown()} from another thread wakes it
 * and makes it fail, so a server can stop accepting and still finish what it has.
 */
public final class UnixListener implements AutoCloseable {

    /** {@code sizeof(struct sockaddr_un)}: a family and 108 bytes of path, NUL included. */
    private static final int SOCKADDR_UN = 110;
    private static final int BACKLOG = 128;

    private final int fd;
    private final Path path;
    private final AtomicBoolean shutDown = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    private UnixListener(int fd, Path path) {
        this.fd = fd;
        this.path = path;
    }

    /**
     * Listens on a new socket file at {@code path} with {@code mode}. A socket file left there by a
     * process that is gone (nothing accepts on it) is replaced; one that is served is not.
     *
     * @throws FileAlreadyExistsException if a live socket or something other than a socket is there
     * @throws IOException                naming the call and the errno if binding fails
     */
    public static UnixListener bind(Path path, Set<PosixFilePermission> mode) throws IOException {
        byte[] name = path.toString().getBytes(StandardCharsets.UTF_8);
        if (name.length >= SOCKADDR_UN - 2) {
            throw new IOException(path + ": a unix socket's path must be shorter than 108 bytes, this is "
                    + name.length);
        }
        removeStale(path);
        int fd = Syscalls.socket(Syscalls.AF_UNIX, Syscalls.SOCK_STREAM | Syscalls.SOCK_CLOEXEC, 0);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment address = arena.allocate(SOCKADDR_UN);
            address.set(JAVA_SHORT, 0, (short) Syscalls.AF_UNIX);
            MemorySegment.copy(name, 0, address, JAVA_BYTE, 2, name.length);
            Syscalls.bind(fd, address);
            Files.setPosixFilePermissions(path, mode);
            Syscalls.listen(fd, BACKLOG);
            return new UnixListener(fd, path);
        } catch (SyscallException e) {
            Syscalls.close(fd);
            throw FileFailure.of(path, e.call(), e.errno().number());
        } catch (IOException | RuntimeException e) {
            Syscalls.close(fd);
            throw e;
        }
    }

    /**
     * Takes over a socket this process was given already listening, e.g. descriptor 3 from systemd's
     * socket activation ({@code LISTEN_FDS}); {@link #close()} then leaves its file in place.
     */
    public static UnixListener inherited(int fd) {
        return new UnixListener(fd, null);
    }

    private static void removeStale(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther()) {
            throw new FileAlreadyExistsException(path.toString(), null, "not a socket; not replaced");
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(path));
            throw new FileAlreadyExistsException(path.toString(), null, "another process accepts on this socket");
        } catch (SocketException refused) {
            Files.deleteIfExists(path); // ECONNREFUSED: nobody listens; its owner is gone
        }
    }

    /** The socket file, or null for an inherited socket. */
    public Path path() {
        return path;
    }

    /**
     * Waits for the next connection.
     *
     * @throws AsynchronousCloseException after {@link #shutdown()}
     * @throws IOException                naming the errno if {@code accept} fails otherwise
     */
    public UnixConnection accept() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Syscalls.newErrnoState(arena);
            while (true) {
                int rc = Syscalls.tryAccept(state, fd);
                if (shutDown.get()) {
                    if (rc >= 0) {
                        Syscalls.close(rc);
                    }
                    throw new AsynchronousCloseException();
                }
                if (rc >= 0) {
                    return new UnixConnection(rc);
                }
                if (-rc != Errno.ECONNABORTED) { // a client that gave up before we took it: take the next
                    throw new SocketException("accept on " + (path != null ? path : "inherited socket " + fd)
                            + " failed: " + new Errno(-rc));
                }
            }
        }
    }

    /** Stops accepting: a thread blocked in {@link #accept()} (and every later call) fails at once. */
    public void shutdown() {
        if (shutDown.compareAndSet(false, true)) {
            Syscalls.tryShutdown(fd, Syscalls.SHUT_RDWR);
        }
    }

    /** Shuts down, closes the socket and removes its file (not an inherited socket's); idempotent. */
    @Override
    public void close() throws IOException {
        shutdown();
        if (closed.compareAndSet(false, true)) {
            Syscalls.close(fd);
            if (path != null) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Override
    public String toString() {
        return path != null ? "unix listener on " + path : "inherited unix listener (descriptor " + fd + ")";
    }
}
