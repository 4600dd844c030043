package io.jnetlink.core;

import io.jnetlink.core.internal.Syscalls;
import io.jnetlink.core.posix.Capability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.stream.Stream;

/**
 * An open handle on a network namespace (a file descriptor on its nsfs inode), for the current
 * namespace, a named one under {@code /run/netns}, a path or a process. Named namespaces are
 * created and deleted exactly as {@code ip netns add/del} do, so each side sees the other's.
 * {@link #call} runs code inside the namespace on a fresh platform thread, leaving the caller's
 * thread where it is ({@link NetNsThread} does the same on a thread kept for many calls). Handles
 * are thread-safe; {@link #close} releases the descriptor and never deletes the namespace
 * ({@link #delete} does that for a named one).
 *
 * <p>Failures are put in words: {@code network namespace blue does not exist}, {@code ... already
 * exists}, or which capability a refused step needs ({@code CAP_SYS_ADMIN} to create, mount or
 * enter a namespace), each ending with the call and the errno's name.
 */
public final class NetNs implements AutoCloseable {

    /** Where {@code ip netns} keeps named namespaces. */
    public static final Path RUN_NETNS = Path.of("/run/netns");
    private static final int NAME_MAX = 255;

    private static final String THREAD_SELF = "/proc/thread-self/ns/net";

    private final int fd;
    private final String path; // what it was opened from; null for current()
    private final NetNsId id;
    private volatile String description; // null for the current namespace until asked for: see identify()
    private volatile boolean closed;

    private NetNs(int fd, String path, String description) {
        this.fd = fd;
        this.path = path;
        this.description = description;
        long[] devIno = Syscalls.fstatDevIno(fd);
        this.id = new NetNsId(devIno[0], devIno[1]);
    }

    /**
     * The namespace of the calling thread. Opening it needs no privilege; its
     * {@link #description()} is its {@code ip netns} name if it has one.
     */
    public static NetNs current() {
        return open(THREAD_SELF, null);
    }

    /**
     * A named namespace, as listed by {@code ip netns list}.
     *
     * @throws SyscallException saying {@code network namespace <name> does not exist} (ENOENT)
     */
    public static NetNs named(String name) {
        validateName(name);
        return open(RUN_NETNS.resolve(name).toString(), name);
    }

    /**
     * The namespace bound at {@code path} (a bind mount, or {@code /proc/<pid>/ns/net}).
     *
     * @throws IllegalArgumentException naming the path if it is not a network namespace file
     */
    public static NetNs path(Path path) {
        return open(path.toString(), path.toString());
    }

    /** The namespace of process {@code pid}. */
    public static NetNs pid(long pid) {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid: must be positive, got " + pid);
        }
        return open("/proc/" + pid + "/ns/net", "pid " + pid);
    }

    /**
     * Creates a named namespace as {@code ip netns add} does: a shared mount on
     * {@code /run/netns}, an empty file {@code /run/netns/<name>} created exclusively, and a new
     * namespace bind-mounted on it. On any failure nothing is left behind. An interrupt does not
     * abandon the creation half-way: the namespace is made and returned, and the thread's
     * interrupt flag stays set.
     *
     * <p>The namespace outlives the returned handle: closing it releases the descriptor only, as
     * with {@code ip netns add}; {@link #delete(String)} removes the name.
     *
     * @throws SyscallException {@code network namespace <name> already exists} (EEXIST), or
     *                          naming {@code CAP_SYS_ADMIN} when the process may not create it
     */
    public static NetNs create(String name) {
        validateName(name);
        String what = "create network namespace " + name;
        makeRunNetnsShared(what);
        String target = RUN_NETNS.resolve(name).toString();
        int created = Syscalls.tryOpen(target, Syscalls.O_RDONLY | Syscalls.O_CREAT | Syscalls.O_EXCL | Syscalls.O_CLOEXEC, 0);
        if (created < 0) {
            throw new SyscallException("create " + target, -created, switch (-created) {
                case Errno.EEXIST -> "network namespace " + name + " already exists";
                case Errno.EACCES, Errno.EPERM -> what + ": this process may not write " + RUN_NETNS
                        + " (creating a named network namespace needs root, with CAP_SYS_ADMIN)";
                default -> what + ": cannot create " + target;
            });
        }
        Syscalls.close(created);
        try {
            inFreshThread("netns-create-" + name, () -> {
                refusedWithoutSysAdmin(what, "unshare(CLONE_NEWNET)",
                        () -> Syscalls.unshare(Syscalls.CLONE_NEWNET));
                refusedWithoutSysAdmin(what, "mount " + target,
                        () -> Syscalls.mount(THREAD_SELF, target, "none", Syscalls.MS_BIND, 0));
                return null;
            });
            return named(name);
        } catch (RuntimeException | Error e) {
            try {
                Syscalls.umount2(target, Syscalls.MNT_DETACH, Errno.EINVAL);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup); // keep the original failure in front
            }
            deleteQuietly(Path.of(target), e);
            throw e;
        }
    }

    /**
     * Deletes a named namespace as {@code ip netns del} does: detaches the bind mount and removes
     * the file. The namespace itself lives on while processes or handles still use it.
     */
    public static void delete(String name) {
        validateName(name);
        Path target = RUN_NETNS.resolve(name);
        if (!Files.exists(target)) {
            throw new SyscallException("delete " + target, Errno.ENOENT, "network namespace " + name + " does not exist");
        }
        refusedWithoutSysAdmin("delete network namespace " + name, "umount " + target,
                () -> Syscalls.umount2(target.toString(), Syscalls.MNT_DETACH, Errno.EINVAL));
        try {
            Files.delete(target);
        } catch (IOException e) {
            throw new NetlinkException("delete network namespace " + name + ": cannot remove " + target, e);
        }
    }

    /** Whether a named namespace exists. */
    public static boolean exists(String name) {
        validateName(name);
        return Files.exists(RUN_NETNS.resolve(name));
    }

    /** Names of the namespaces under {@code /run/netns}, sorted. */
    public static List<String> list() {
        if (!Files.isDirectory(RUN_NETNS)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(RUN_NETNS)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new NetlinkException("list " + RUN_NETNS, e);
        }
    }

    /**
     * Checks a namespace name as {@code ip netns} does: 1 to 255 bytes, no {@code /}, not
     * {@code .} or {@code ..}, no NUL.
     *
     * @throws IllegalArgumentException naming the value and the rule it breaks
     */
    public static void validateName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("network namespace name: must not be empty");
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\0') >= 0 || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("network namespace name: \"" + name
                    + "\" must not contain '/' or NUL and must not be \".\" or \"..\"");
        }
        if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > NAME_MAX) {
            throw new IllegalArgumentException("network namespace name: \"" + name + "\" is longer than "
                    + NAME_MAX + " bytes");
        }
    }

    /** Code to run inside a namespace: returns a {@code T} or throws an {@code X}. */
    @FunctionalInterface
    public interface Task<T, X extends Exception> {
        T run() throws X;
    }

    /**
     * Runs {@code task} inside this namespace on a new platform thread and returns its result,
     * or throws what it threw. The calling thread's namespace never changes. Entering another
     * namespace needs {@code CAP_SYS_ADMIN}; without it this throws a {@link SyscallException}
     * saying so (no thread enters when the caller's thread is in this namespace already).
     *
     * @throws X what {@code task} throws
     */
    public <T, X extends Exception> T call(Task<T, X> task) throws X {
        int nsFd = fd();
        boolean here = isCallersThreadIn();
        try {
            return onFreshThread("netns-" + description(), () -> {
                if (!here) {
                    enter(nsFd, "run code");
                }
                return task.run();
            });
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            @SuppressWarnings("unchecked") X thrown = (X) e; // only the task throws checked exceptions
            throw thrown;
        }
    }

    /**
     * Runs {@code task} with the calling thread in this namespace: at once if it is there
     * already (no privilege needed), else on a fresh thread that enters it first.
     */
    <T> T inside(String purpose, Callable<T> task) {
        if (isCallersThreadIn()) {
            try {
                return task.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(purpose + ": " + e, e);
            }
        }
        int nsFd = fd();
        return inFreshThread("enter-" + description(), () -> {
            enter(nsFd, purpose);
            return task.call();
        });
    }

    /** Whether the calling thread is in this namespace now. */
    public boolean isCallersThreadIn() {
        NetNs entered = NetNsThread.entered();
        if (entered != null) { // a step of a NetNsThread: its thread is where the step entered
            return entered.isSameAs(this);
        }
        return isAt(Path.of(THREAD_SELF));
    }

    /** Whether {@code path} leads to this namespace (same nsfs device and inode); false if it cannot be seen. */
    private boolean isAt(Path path) {
        try {
            Map<String, Object> stat = Files.readAttributes(path, "unix:dev,ino");
            return id.device() == ((Number) stat.get("dev")).longValue()
                    && id.inode() == ((Number) stat.get("ino")).longValue();
        } catch (IOException | RuntimeException e) {
            return false; // gone meanwhile, or not ours to see
        }
    }

    /** {@code setns} into the namespace at {@code nsFd}, naming the capability if refused. */
    void enter(int nsFd, String purpose) {
        refusedWithoutSysAdmin(purpose + " in network namespace " + description(), "setns",
                () -> Syscalls.setns(nsFd, Syscalls.CLONE_NEWNET));
    }

    /** The descriptor, e.g. for {@code IFLA_NET_NS_FD}; valid until {@link #close}. */
    public int fd() {
        if (closed) {
            throw new IllegalStateException("network namespace handle " + description + " is closed");
        }
        return fd;
    }

    /** The namespace's identity (device and inode of its nsfs file). */
    public NetNsId id() {
        return id;
    }

    /** Whether both handles refer to the same namespace. */
    public boolean isSameAs(NetNs other) {
        return id.equals(other.id);
    }

    /**
     * The file this handle was opened from ({@code /run/netns/<name>}, the path given, or
     * {@code /proc/<pid>/ns/net}), to open the namespace again later; empty for {@link #current()}.
     */
    public Optional<Path> path() {
        return Optional.ofNullable(path).map(Path::of);
    }

    /**
     * How this handle was opened: a name, a path or {@code pid N}; for {@link #current()}, its
     * {@code ip netns} name if it has one, else {@code net:[<inode>]} as {@code /proc/self/ns/net}
     * links to it, marked {@code (pid 1's)} when it is the host's.
     */
    public String description() {
        String d = description;
        if (d == null) {
            d = identify();
            description = d;
        }
        return d;
    }

    /** As {@code ip netns identify}: the name under /run/netns bound to this namespace, else its inode. */
    private String identify() {
        for (String name : list()) {
            if (isAt(RUN_NETNS.resolve(name))) {
                return name;
            }
        }
        String inode = "net:[" + id.inode() + "]";
        return isAt(Path.of("/proc/1/ns/net")) ? inode + " (pid 1's)" : inode;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Syscalls.close(fd);
        }
    }

    @Override
    public String toString() {
        return "NetNs[" + description() + ", " + id + "]";
    }

    /** Runs a namespace step; an EPERM comes out naming the capability it needs. */
    private static void refusedWithoutSysAdmin(String what, String call, Runnable step) {
        try {
            step.run();
        } catch (SyscallException e) {
            if (e.errno().number() != Errno.EPERM) {
                throw e;
            }
            throw new SyscallException(call, Errno.EPERM, Capability.SYS_ADMIN.explainMissing(what)
                    .orElse(what + ": refused although this process has CAP_SYS_ADMIN"
                            + " (the namespace may belong to another user namespace)"));
        }
    }

    /**
     * Opens {@code path} and checks that it is a network namespace file, naming the path if not;
     * {@code description} null describes the caller's own (see {@link #identify()}).
     */
    private static NetNs open(String path, String description) {
        int fd = Syscalls.tryOpen(path, Syscalls.O_RDONLY | Syscalls.O_CLOEXEC, 0);
        if (fd < 0) {
            String what = description == null ? "the caller's network namespace"
                    : "network namespace " + (description.equals(path) ? path : description);
            throw new SyscallException("open " + path, -fd, switch (-fd) {
                case Errno.ENOENT -> description != null && description.startsWith("pid ")
                        ? "there is no process " + description.substring(4)
                        : what + " does not exist";
                case Errno.EACCES, Errno.EPERM -> what + ": this process may not open " + path;
                default -> "cannot open " + what;
            });
        }
        try {
            int type = Syscalls.namespaceType(fd);
            if (type != Syscalls.CLONE_NEWNET) {
                String what = description == null || description.equals(path) ? path : description + " (" + path + ")";
                throw new IllegalArgumentException("network namespace " + what + ": is "
                        + (type < 0 ? "not a namespace file (NS_GET_NSTYPE: " + new Errno(-type) + ")"
                        : "a " + namespaceKind(type) + " namespace, not a network namespace"));
            }
            return new NetNs(fd, description == null ? null : path, description);
        } catch (RuntimeException e) {
            Syscalls.close(fd);
            throw e;
        }
    }

    private static String namespaceKind(int cloneFlag) {
        return switch (cloneFlag) {
            case 0x00020000 -> "mount";
            case 0x02000000 -> "cgroup";
            case 0x04000000 -> "UTS";
            case 0x08000000 -> "IPC";
            case 0x10000000 -> "user";
            case 0x20000000 -> "PID";
            case 0x00000080 -> "time";
            default -> "type 0x" + Integer.toHexString(cloneFlag);
        };
    }

    /** As iproute2: make /run/netns a shared mount point, bind-mounting it on itself if needed. */
    private static void makeRunNetnsShared(String what) {
        try {
            Files.createDirectories(RUN_NETNS);
        } catch (IOException e) {
            throw new NetlinkException(what + ": cannot create " + RUN_NETNS + " (" + e.getMessage() + ")", e);
        }
        String dir = RUN_NETNS.toString();
        String needs = what + ": mounting " + dir;
        refusedWithoutSysAdmin(needs, "mount " + dir, () -> {
            if (Syscalls.mount("none", dir, "none", Syscalls.MS_SHARED | Syscalls.MS_REC, Errno.EINVAL) == Errno.EINVAL) {
                Syscalls.mount(dir, dir, "none", Syscalls.MS_BIND | Syscalls.MS_REC, 0);
                Syscalls.mount("none", dir, "none", Syscalls.MS_SHARED | Syscalls.MS_REC, 0);
            }
        });
    }

    /**
     * Runs {@code task} on a new platform thread and waits for it to end. Namespace changes die
     * with the thread, so nothing needs switching back. An interrupt of the caller is passed on
     * to the task's thread, which is still waited for (a namespace operation is never abandoned
     * half-way); the caller's interrupt flag is set again on return.
     */
    static <T> T onFreshThread(String name, Callable<T> task) throws Exception {
        FutureTask<T> future = new FutureTask<>(task);
        Thread thread = Thread.ofPlatform().name("jnetlink-" + name).daemon().start(future);
        awaitEnd(thread, thread::interrupt);
        try {
            return future.get(); // done: returns at once
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw (Error) cause;
        }
    }

    /**
     * Waits for {@code thread} to end, however often the caller is interrupted meanwhile (each
     * interrupt runs {@code onInterrupt}); the caller's interrupt flag is set again on return.
     */
    static void awaitEnd(Thread thread, Runnable onInterrupt) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
                onInterrupt.run();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** As {@link #onFreshThread} for a task that throws only unchecked exceptions. */
    static <T> T inFreshThread(String name, Callable<T> task) {
        try {
            return onFreshThread(name, task);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(name + ": " + e, e);
        }
    }

    private static void deleteQuietly(Path path, Throwable failure) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
