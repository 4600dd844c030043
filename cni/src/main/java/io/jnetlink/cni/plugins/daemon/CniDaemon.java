package io.jnetlink.cni.plugins.daemon;

import io.jnetlink.cni.skel.CniExecutable;
import io.jnetlink.cni.types.CniException;
import io.jnetlink.cni.types.Json;
import io.jnetlink.core.NetNs;
import io.jnetlink.core.posix.PeerCredentials;
import io.jnetlink.core.posix.UnixConnection;
import io.jnetlink.core.posix.UnixListener;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

/**
 * The CNI daemon: serves every plugin of this module ({@link Plugins}) on a unix socket, so a call
 * costs a connection instead of a JVM start. A shim ({@code target/bin/macvlan} and one per plugin)
 * forwards its {@code CNI_*} variables and stdin ({@link Frames}); the daemon runs the call as the
 * executable would, in the caller's network namespace (the peer's pid from {@code SO_PEERCRED}),
 * and answers with what the executable would print and its exit code.
 * <p>
 * Only root and the daemon's own user are served (the peer's uid from {@code SO_PEERCRED}); the
 * socket is made 0600 and a directory it creates 0700. At most {@link DaemonSettings#concurrency()}
 * calls run at once; a call not answered within {@link DaemonSettings#timeout()} is answered with
 * code 11, and an ADD that succeeds after its caller stopped waiting (or whose caller is gone) is
 * deleted again. {@link #close()} stops accepting, finishes the calls in flight and returns.
 *
 * <pre>{@code
 * try (CniDaemon daemon = CniDaemon.start(DaemonSettings.defaults(System.getenv()))) {
 *     daemon.awaitClose();
 * }
 * }</pre>
 */
public final class CniDaemon implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("io.jnetlink.cni.daemon");
    /** How long a client may take to send its request, and to take the answer. */
    private static final Duration IO_TIMEOUT = Duration.ofSeconds(10);

    private final DaemonSettings settings;
    private final UnixListener listener;
    private final Plugins plugins;
    private final DaemonStats stats = new DaemonStats();
    private final NetNs own = NetNs.current();
    private final int ownUid;
    private final ExecutorService workers;
    private final ExecutorService connections;
    private final Semaphore connectionSlots;
    private final Thread acceptor;
    private final Object closing = new Object();
    private boolean closed; // guarded by closing

    private CniDaemon(DaemonSettings settings, UnixListener listener) throws IOException {
        this.settings = settings;
        this.listener = listener;
        this.plugins = new Plugins(settings.dhcpLeases());
        this.ownUid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        this.workers = Executors.newFixedThreadPool(settings.concurrency(), named("jnetlink-cni-worker-"));
        this.connectionSlots = new Semaphore(4 * settings.concurrency() + 16);
        this.connections = Executors.newCachedThreadPool(named("jnetlink-cni-connection-"));
        this.acceptor = named("jnetlink-cni-accept-").newThread(this::acceptLoop);
        acceptor.start();
    }

    /**
     * Listens on {@code settings}' socket (a stale socket file of a daemon that is gone is
     * replaced; a directory it has to create is made 0700) and starts serving.
     */
    public static CniDaemon start(DaemonSettings settings) throws IOException {
        Path dir = settings.socket().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
        return new CniDaemon(settings, UnixListener.bind(settings.socket(), PosixFilePermissions.fromString("rw-------")));
    }

    /** Serves on a socket this process was given listening (systemd's socket activation). */
    public static CniDaemon start(DaemonSettings settings, UnixListener inherited) throws IOException {
        return new CniDaemon(settings, inherited);
    }

    /** The socket served, or null for an inherited one. */
    public Path socket() {
        return listener.path();
    }

    /** The plugins served, by the names their shims send. */
    public SortedSet<String> plugins() {
        return plugins.names();
    }

    /** What the {@code stats} request answers: counts and latency percentiles per plugin and command. */
    public Map<String, Object> stats() {
        return stats.toJson();
    }

    private void acceptLoop() {
        while (true) {
            UnixConnection connection;
            try {
                connectionSlots.acquire();
                connection = listener.accept();
            } catch (AsynchronousCloseException | InterruptedException stopped) {
                connectionSlots.release();
                return;
            } catch (IOException e) {
                connectionSlots.release();
                LOG.log(WARNING, "accept failed, serving on: " + e.getMessage());
                continue;
            }
            try {
                connections.execute(() -> {
                    try (connection) {
                        serve(connection);
                    } finally {
                        connectionSlots.release();
                    }
                });
            } catch (RuntimeException rejected) { // closing
                connection.close();
                connectionSlots.release();
                return;
            }
        }
    }

    /** One connection: one request, one answer. */
    private void serve(UnixConnection connection) {
        long start = System.nanoTime();
        PeerCredentials peer = connection.peer();
        byte kind = Frames.CALL;
        try {
            connection.setTimeout(IO_TIMEOUT);
            byte[] head = new byte[Frames.HEADER];
            connection.readFully(head);
            Frames.Header header = Frames.header(head);
            kind = header.kind();
            if (peer.uid() != 0 && peer.uid() != ownUid) {
                stats.count(DaemonStats.Event.REFUSED);
                LOG.log(WARNING, "refused " + describe(peer) + ": this daemon serves root and uid " + ownUid);
                reply(connection, kind, failure(CniException.INVALID_ENVIRONMENT, "the jnetlink CNI daemon serves root"
                        + " and uid " + ownUid + " only; the caller is uid " + peer.uid(), null));
                return;
            }
            if (header.bodyLength() > settings.maxRequestBytes()) {
                stats.count(DaemonStats.Event.TOO_LARGE);
                reply(connection, kind, failure(CniException.INVALID_CONFIG, "request of " + header.bodyLength()
                        + " bytes is larger than the daemon's limit of " + settings.maxRequestBytes()
                        + " bytes (cni-daemon --max-request)", null));
                return;
            }
            byte[] body = new byte[(int) header.bodyLength()];
            connection.readFully(body);
            if (kind == Frames.STATS) {
                reply(connection, kind, new Frames.Answer(0, Json.bytes(stats.toJson()), new byte[0]));
                return;
            }
            call(connection, peer, Frames.call(body), start);
        } catch (MalformedFrameException e) {
            stats.count(DaemonStats.Event.MALFORMED);
            LOG.log(WARNING, "malformed request from " + describe(peer) + ": " + e.getMessage());
            reply(connection, kind, failure(CniException.DECODING_FAILURE, "malformed request to the jnetlink CNI daemon: "
                    + e.getMessage(), null));
        } catch (EOFException e) {
            stats.count(DaemonStats.Event.MALFORMED);
            LOG.log(WARNING, "incomplete request from " + describe(peer) + ": " + e.getMessage());
        } catch (IOException e) {
            LOG.log(WARNING, "request from " + describe(peer) + " not read: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A plugin call: run in the caller's namespace by a worker, answered within the timeout. */
    private void call(UnixConnection connection, PeerCredentials peer, Frames.Call call, long start)
            throws InterruptedException {
        if (!plugins.serves(call.plugin())) {
            stats.count(DaemonStats.Event.NOT_SERVED);
            LOG.log(INFO, "not served here: plugin " + call.plugin() + " for " + describe(peer)
                    + "; its shim runs the executable");
            reply(connection, Frames.NOT_SERVED, new Frames.Answer(0, new byte[0], new byte[0]));
            return;
        }
        Map<String, String> env = CniExecutable.environment(call.environ());
        String command = env.getOrDefault("CNI_COMMAND", "");
        NetNs callerNs;
        try {
            callerNs = NetNs.pid(peer.pid());
        } catch (RuntimeException gone) { // the caller exited: nobody to answer
            LOG.log(WARNING, "caller " + describe(peer) + " gone before its " + command + " ran: " + gone.getMessage());
            return;
        }
        Job job = new Job();
        stats.started();
        workers.execute(() -> {
            try (callerNs) {
                boolean ran = job.run(() -> runIn(callerNs, call.plugin(), env, call.stdin()),
                        () -> undo(callerNs, call, env, peer));
                if (!ran) {
                    LOG.log(WARNING, call.plugin() + " " + command + " for " + describe(peer)
                            + " never ran: its caller was answered 'try again later' first");
                }
            }
        });
        Frames.Answer answer = job.await(settings.timeout());
        Job.Verdict verdict = Job.Verdict.UNDELIVERED;
        try {
            if (answer == null) {
                stats.count(DaemonStats.Event.TIMED_OUT);
                answer = failure(CniException.TRY_AGAIN_LATER, call.plugin() + " " + command + " took longer than the"
                        + " daemon's limit of " + settings.timeout().toMillis() + " ms (cni-daemon --timeout); "
                        + (job.started() ? "what it made is undone" : "it did not run"), call.stdin());
                verdict = Job.Verdict.TIMED_OUT;
                reply(connection, Frames.CALL, answer);
            } else if (reply(connection, Frames.CALL, answer)) {
                verdict = Job.Verdict.DELIVERED;
            } else {
                stats.count(DaemonStats.Event.UNDELIVERED);
            }
        } finally {
            job.decided(verdict);
            long nanos = System.nanoTime() - start;
            stats.finished(call.plugin(), command, answer.exitCode(), nanos);
            Frames.Answer told = answer;
            Job.Verdict end = verdict;
            LOG.log(INFO, () -> call.plugin() + " " + command + subject(env) + ": served by the daemon for "
                    + describe(peer) + ": exit " + told.exitCode() + switch (end) {
                        case DELIVERED -> "";
                        case UNDELIVERED -> ", not delivered (the caller is gone)";
                        case TIMED_OUT -> ", timed out";
                    } + String.format(java.util.Locale.ROOT, " in %.2f ms", nanos / 1e6));
        }
    }

    /** {@code " container ID IFNAME in NETNS"} as far as the caller gave them. */
    private static String subject(Map<String, String> env) {
        StringBuilder s = new StringBuilder();
        if (env.containsKey("CNI_CONTAINERID")) {
            s.append(" container ").append(env.get("CNI_CONTAINERID"));
        }
        if (env.containsKey("CNI_IFNAME")) {
            s.append(' ').append(env.get("CNI_IFNAME"));
        }
        if (env.containsKey("CNI_NETNS")) {
            s.append(" in ").append(env.get("CNI_NETNS"));
        }
        return s.toString();
    }

    /** Runs the call on this (worker) thread, entering the caller's namespace if it is not this thread's. */
    private Frames.Answer runIn(NetNs callerNs, String plugin, Map<String, String> env, byte[] stdin) {
        if (callerNs.isSameAs(own)) {
            return plugins.runHere(plugin, env, stdin);
        }
        return callerNs.call(() -> plugins.runEntered(plugin, env, stdin));
    }

    /** DEL of an ADD whose answer the caller never got. */
    private void undo(NetNs callerNs, Frames.Call call, Map<String, String> env, PeerCredentials peer) {
        if (!"ADD".equals(env.get("CNI_COMMAND"))) {
            return;
        }
        Map<String, String> del = new HashMap<>(env);
        del.put("CNI_COMMAND", "DEL");
        Frames.Answer undone = runIn(callerNs, call.plugin(), del, call.stdin());
        if (undone.exitCode() == 0) {
            stats.count(DaemonStats.Event.ROLLED_BACK);
            LOG.log(INFO, call.plugin() + " ADD" + subject(env) + " for " + describe(peer)
                    + " deleted again: its caller never got the answer");
        } else {
            stats.count(DaemonStats.Event.ROLLBACK_FAILED);
            LOG.log(WARNING, call.plugin() + " ADD" + subject(env) + " for " + describe(peer)
                    + " not deleted after its caller left: " + new String(undone.stdout(), StandardCharsets.UTF_8));
        }
    }

    /** The error answer an executable would give: exit 1 and the error JSON in the config's version. */
    private static Frames.Answer failure(int code, String message, byte[] config) {
        return new Frames.Answer(1, CniExecutable.errorOutput(new CniException(code, message, ""), config),
                new byte[0]);
    }

    /** Writes the answer; false if the caller is gone. */
    private static boolean reply(UnixConnection connection, byte kind, Frames.Answer answer) {
        try {
            connection.write(Frames.answer(kind, answer));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String describe(PeerCredentials peer) {
        return "pid " + peer.pid() + " (uid " + peer.uid() + ")";
    }

    /** Blocks until {@link #close()} has run (from a shutdown hook, say). */
    public void awaitClose() throws InterruptedException {
        synchronized (closing) {
            while (!closed) {
                closing.wait();
            }
        }
    }

    /**
     * Stops accepting (new callers find no socket, and their shims run the executable), lets the
     * calls in flight finish and answer, then releases everything; idempotent.
     */
    @Override
    public void close() throws IOException {
        synchronized (closing) {
            if (closed) {
                return;
            }
        }
        listener.shutdown();
        try {
            acceptor.join();
            connections.shutdown();
            long limit = settings.timeout().plus(IO_TIMEOUT).toMillis();
            if (!connections.awaitTermination(limit, TimeUnit.MILLISECONDS)) {
                LOG.log(WARNING, "calls still in flight after " + limit + " ms; stopping anyway");
            }
            workers.shutdown();
            workers.awaitTermination(limit, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            listener.close();
            plugins.close();
            own.close();
            synchronized (closing) {
                closed = true;
                closing.notifyAll();
            }
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
