package io.jnetlink.core.posix;

import io.jnetlink.core.Errno;
import io.jnetlink.core.internal.Syscalls;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An open directory whose files are read, written and listed by name relative to it
 * ({@code openat}, {@code linkat}, {@code unlinkat}, {@code getdents64}), never following a
 * symbolic link, and with as few system calls as each step needs: the shape of a small on-disk
 * store in a shared directory, such as host-local's. The directory itself is opened with
 * {@code O_NOFOLLOW}, so a link in its place is refused.
 *
 * <p>New files are written whole or not at all: the content goes to an unnamed file in the
 * directory ({@code O_TMPFILE}) that is linked under its name when complete, so a crash never
 * leaves a partial file, and nothing needs cleaning up after one. Where the file system has no unnamed files,
 * a named temporary file ({@value #FALLBACK_TEMP}) is written and linked instead, under the
 * caller's lock.
 *
 * <pre>{@code
 * try (Directory dir = Directory.open(Path.of("/var/lib/cni/networks/mynet"));
 *      FileLock lock = dir.lock("lock", PosixFilePermissions.fromString("rwxr-x---"))) {
 *     boolean mine = dir.createNew("192.0.2.7", "ctr1\r\neth0".getBytes(UTF_8));
 * }
 * }</pre>
 */
public final class Directory implements AutoCloseable {

    /** The temporary file written where unnamed files are not supported. */
    public static final String FALLBACK_TEMP = ".jnetlink-write.tmp";

    private static final int LIST_CHUNK = 32768;
    private static final int FILE_MODE = 0644; // less the umask, as os.OpenFile(name, ..., 0o644)
    private static final byte DT_UNKNOWN = 0;
    private static final byte DT_REG = 8;
    private static final byte DT_LNK = 10;

    /** What a directory entry is, from {@code d_type} ({@code lstat} where the file system does not say). */
    public enum Kind {
        REGULAR, SYMBOLIC_LINK, OTHER
    }

    /** One entry of {@link #list()}. */
    public record Entry(String name, Kind kind) {
    }

    private final Path path;
    private final int fd;
    private boolean closed;
    /** False once the file system refused an unnamed file: it will not take one later. */
    private boolean unnamedFiles = true;

    private Directory(Path path, int fd) {
        this.path = path;
        this.fd = fd;
    }

    /**
     * Opens the directory {@code path}.
     *
     * @throws java.nio.file.NoSuchFileException if it does not exist
     * @throws java.nio.file.FileSystemException naming the call and errno: {@code ENOTDIR} for a symbolic
     *                                           link (even to a directory) or another kind of file
     */
    public static Directory open(Path path) throws IOException {
        int fd = Syscalls.tryOpen(path.toString(),
                Syscalls.O_RDONLY | Syscalls.O_DIRECTORY | Syscalls.O_NOFOLLOW | Syscalls.O_CLOEXEC, 0);
        if (fd < 0) {
            throw FileFailure.of(path, "open", -fd);
        }
        return new Directory(path, fd);
    }

    /** The directory's path, as opened. */
    public Path path() {
        return path;
    }

    /**
     * Locks the file {@code name} here exclusively ({@code flock}), creating it with
     * {@code modeIfCreated} (less the umask) if absent, as {@link FileLock#exclusive} does.
     */
    public FileLock lock(String name, Set<PosixFilePermission> modeIfCreated) throws IOException {
        return FileLock.exclusiveAt(fd(), path.resolve(name), name, modeIfCreated);
    }

    /** The entries, without {@code .} and {@code ..}, in the order the file system gives them. */
    public List<Entry> list() throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Syscalls.newErrnoState(arena);
            MemorySegment buffer = arena.allocate(LIST_CHUNK, 8);
            long rewound = Syscalls.trySeek(state, fd(), 0);
            if (rewound < 0) {
                throw FileFailure.of(path, "lseek", (int) -rewound);
            }
            while (true) {
                long n = Syscalls.tryGetdents64(state, fd, buffer);
                if (n < 0) {
                    throw FileFailure.of(path, "getdents64", (int) -n);
                }
                if (n == 0) {
                    return entries;
                }
                for (long at = 0; at < n; ) {
                    int length = Short.toUnsignedInt(buffer.get(ValueLayout.JAVA_SHORT, at + 16));
                    byte type = buffer.get(ValueLayout.JAVA_BYTE, at + 18);
                    String name = buffer.getString(at + 19, StandardCharsets.UTF_8);
                    if (!name.equals(".") && !name.equals("..")) {
                        entries.add(new Entry(name, kind(name, type)));
                    }
                    at += length;
                }
            }
        }
    }

    /**
     * The content of the file {@code name}, opened with {@code O_NOFOLLOW}.
     *
     * @throws java.nio.file.NoSuchFileException if there is none
     * @throws java.nio.file.FileSystemException {@code ELOOP} if it is a symbolic link
     */
    public byte[] read(String name) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Syscalls.newErrnoState(arena);
            int file = Syscalls.tryOpenat(state, fd(), arena.allocateFrom(name),
                    Syscalls.O_RDONLY | Syscalls.O_NOFOLLOW | Syscalls.O_CLOEXEC, 0);
            if (file < 0) {
                throw FileFailure.of(path.resolve(name), "open", -file);
            }
            try {
                return Posix.readAll(path.resolve(name), file, arena);
            } finally {
                Syscalls.tryClose(state, file);
            }
        }
    }

    /**
     * Creates the file {@code name} holding {@code content} (mode 0644 less the umask), whole or not
     * at all; false, writing nothing, if a file (or link) of that name exists.
     */
    public boolean createNew(String name, byte[] content) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Syscalls.newErrnoState(arena);
            int rc = linkNew(arena, state, name, content);
            if (rc == -Errno.EEXIST) {
                return false;
            }
            if (rc < 0) {
                throw FileFailure.of(path.resolve(name), "linkat", -rc);
            }
            return true;
        }
    }

    /**
     * Writes the file {@code name} holding {@code content}, replacing a file (or link) of that name
     * at once: a reader sees the old content or the new, never a mix, and a crash leaves one of
     * them. The content is written whole under the name {@code .<name>.new} and renamed over
     * {@code name}; callers writing the same name hold a lock.
     */
    public void replace(String name, byte[] content) throws IOException {
        String temporary = "." + name + ".new";
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Syscalls.newErrnoState(arena);
            MemorySegment temp = arena.allocateFrom(temporary);
            int rc = linkNew(arena, state, temporary, content);
            if (rc == -Errno.EEXIST) { // left by a crash
                Syscalls.tryUnlinkat(state, fd, temp);
                rc = linkNew(arena, state, temporary, content);
            }
            if (rc < 0) {
                throw FileFailure.of(path.resolve(temporary), "linkat", -rc);
            }
            rc = Syscalls.tryRenameat(state, fd, temp, arena.allocateFrom(name));
            if (rc < 0) {
                Syscalls.tryUnlinkat(state, fd, temp);
                throw FileFailure.of(path.resolve(name), "renameat2", -rc);
            }
        }
    }

    /**
     * Writes {@code content} over the file {@code name} in place (created, mode 0644 less the umask,
     * if absent): no new file and no change to the directory, for
     * a small record that is only a hint, where a crash that left a mix of old and new would be
     * harmless. A symbolic link in its place is removed, never written through.
     */
    public void overwrite(String name, byte[] content) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Syscalls.newErrnoState(arena);
            MemorySegment target = arena.allocateFrom(name);
            int flags = Syscalls.O_WRONLY | Syscalls.O_CREAT | Syscalls.O_NOFOLLOW | Syscalls.O_CLOEXEC;
            int file = Syscalls.tryOpenat(state, fd(), target, flags, FILE_MODE);
            if (file == -Errno.ELOOP) { // a link planted where the file belongs
                Syscalls.tryUnlinkat(state, fd, target);
                file = Syscalls.tryOpenat(state, fd, target, flags | Syscalls.O_EXCL, FILE_MODE);
            }
            if (file < 0) {
                throw FileFailure.of(path.resolve(name), "open", -file);
            }
            try {
                write(name, state, file, arena.allocateFrom(ValueLayout.JAVA_BYTE, content));
                long size = Syscalls.trySeekEnd(state, file);
                if (size != content.length) { // a longer old tail to drop (ftruncate journals even when nothing changes)
                    int rc = Syscalls.tryFtruncate(state, file, content.length);
                    if (rc < 0) {
                        throw FileFailure.of(path.resolve(name), "ftruncate", -rc);
                    }
                }
            } finally {
                Syscalls.tryClose(state, file);
            }
        }
    }

    /** Removes the file (or link) {@code name}; false if there was none. */
    public boolean delete(String name) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Syscalls.newErrnoState(arena);
            int rc = Syscalls.tryUnlinkat(state, fd(), arena.allocateFrom(name));
            if (rc == -Errno.ENOENT) {
                return false;
            }
            if (rc < 0) {
                throw FileFailure.of(path.resolve(name), "unlinkat", -rc);
            }
            return true;
        }
    }

    /** Closes the directory; closing again does nothing. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try (Arena arena = Arena.ofConfined()) {
                Syscalls.tryClose(Syscalls.newErrnoState(arena), fd);
            }
        }
    }

    @Override
    public String toString() {
        return "Directory[" + path + (closed ? ", closed]" : "]");
    }

    /** Makes the directory use named temporary files, as on a file system without unnamed ones. */
    void withoutUnnamedFiles() {
        unnamedFiles = false;
    }

    private int fd() {
        if (closed) {
            throw new IllegalStateException("directory " + path + " is closed");
        }
        return fd;
    }

    /** Writes {@code content} to a new file and links it as {@code name}: 0 or -errno of linkat. */
    private int linkNew(Arena arena, MemorySegment state, String name, byte[] content) throws IOException {
        MemorySegment target = arena.allocateFrom(name);
        MemorySegment data = arena.allocateFrom(ValueLayout.JAVA_BYTE, content);
        if (unnamedFiles) {
            int file = Syscalls.tryOpenat(state, fd(), arena.allocateFrom("."),
                    Syscalls.O_TMPFILE | Syscalls.O_WRONLY | Syscalls.O_CLOEXEC, FILE_MODE);
            if (file >= 0) {
                try {
                    write(name, state, file, data);
                    int rc = Syscalls.tryLinkat(state, file, arena.allocateFrom(""), fd, target, Syscalls.AT_EMPTY_PATH);
                    if (rc == -Errno.ENOENT || rc == -Errno.EPERM) { // AT_EMPTY_PATH needs CAP_DAC_READ_SEARCH
                        rc = Syscalls.tryLinkat(state, Syscalls.AT_FDCWD, arena.allocateFrom("/proc/self/fd/" + file),
                                fd, target, Syscalls.AT_SYMLINK_FOLLOW);
                    }
                    return rc;
                } finally {
                    Syscalls.tryClose(state, file);
                }
            }
            if (file != -Errno.EOPNOTSUPP && file != -Errno.EISDIR && file != -Errno.EINVAL) {
                throw FileFailure.of(path.resolve(name), "open(O_TMPFILE)", -file);
            }
            unnamedFiles = false; // this file system has none
        }
        return linkNamed(arena, state, name, data, target);
    }

    /** As {@link #linkNew} through the named temporary file {@value #FALLBACK_TEMP}, removed again. */
    private int linkNamed(Arena arena, MemorySegment state, String name, MemorySegment data, MemorySegment target)
            throws IOException {
        MemorySegment temp = arena.allocateFrom(FALLBACK_TEMP);
        int flags = Syscalls.O_WRONLY | Syscalls.O_CREAT | Syscalls.O_EXCL | Syscalls.O_NOFOLLOW | Syscalls.O_CLOEXEC;
        int file = Syscalls.tryOpenat(state, fd(), temp, flags, FILE_MODE);
        if (file == -Errno.EEXIST) { // left by a crash: every writer holds the caller's lock
            Syscalls.tryUnlinkat(state, fd, temp);
            file = Syscalls.tryOpenat(state, fd, temp, flags, FILE_MODE);
        }
        if (file < 0) {
            throw FileFailure.of(path.resolve(FALLBACK_TEMP), "open", -file);
        }
        try {
            try {
                write(name, state, file, data);
            } finally {
                Syscalls.tryClose(state, file);
            }
            return Syscalls.tryLinkat(state, fd, temp, fd, target, 0);
        } finally {
            Syscalls.tryUnlinkat(state, fd, temp);
        }
    }

    private void write(String name, MemorySegment state, int file, MemorySegment data) throws IOException {
        for (long written = 0; written < data.byteSize(); ) {
            long n = Syscalls.tryWrite(state, file, data.asSlice(written));
            if (n < 0) {
                throw FileFailure.of(path.resolve(name), "write", (int) -n);
            }
            written += n;
        }
    }

    private Kind kind(String name, byte type) {
        if (type == DT_REG) {
            return Kind.REGULAR;
        }
        if (type == DT_LNK) {
            return Kind.SYMBOLIC_LINK;
        }
        if (type != DT_UNKNOWN) {
            return Kind.OTHER;
        }
        Path file = path.resolve(name); // a file system that does not fill in d_type
        if (Files.isSymbolicLink(file)) {
            return Kind.SYMBOLIC_LINK;
        }
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? Kind.REGULAR : Kind.OTHER;
    }
}
