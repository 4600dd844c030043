package io.jnetlink.testkit;

import io.jnetlink.core.posix.Posix;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What this JVM holds of jnetlink's own, for leak tests: its netlink sockets, its network-namespace
 * descriptors and its threads (named {@code jnetlink-*}). Leak tests compare these for equality
 * rather than the whole process's descriptor and thread counts with {@code <=}, so a descriptor or
 * thread of someone else's that ends meanwhile cannot hide one of ours left behind, and one that
 * starts meanwhile cannot fail the test.
 * <pre>{@code
 * OwnResources before = OwnResources.now();
 * ... open and close handles and subscriptions ...
 * assertThat(OwnResources.settledAt(before)).isEqualTo(before);
 * }</pre>
 * A descriptor is a namespace handle when it is a file of {@code nsfs} (however it was opened: by
 * a name under {@code /run/netns} it links to that path, not to {@code net:[<inode>]}), and a
 * netlink socket when {@code /proc/self/fd/<n>} links to {@code socket:[<inode>]}
 * and the socket calls its protocol {@code NETLINK} (the {@code system.sockprotoname} attribute
 * sockets have, read with core's {@code Posix.extendedAttribute}, so the caller grants native access
 * to {@code io.jnetlink.core} only, as for everything else). {@code /proc/net/netlink} would not do: it lists the
 * sockets of the reader's own namespace only, and ours live in sandbox namespaces.
 *
 * @param netlinkSockets   the open netlink sockets, as {@code socket:[<inode>]}, sorted
 * @param namespaceHandles the open namespace descriptors, as {@code net:[<inode>]} (the inode of
 *                         the namespace, as {@code NetNsId} has it), one entry per descriptor, sorted
 * @param threads          the live threads whose name starts with {@value #THREAD_PREFIX}
 */
public record OwnResources(List<String> netlinkSockets, List<String> namespaceHandles, Set<Thread> threads) {

    /** How the library names every thread it starts. */
    public static final String THREAD_PREFIX = "jnetlink-";

    private static final Path FDS = Path.of("/proc/self/fd");
    private static final long SETTLE_NANOS = 10_000_000_000L;

    public OwnResources {
        netlinkSockets = List.copyOf(netlinkSockets);
        namespaceHandles = List.copyOf(namespaceHandles);
        threads = Set.copyOf(threads);
    }

    /** What this JVM holds now. */
    public static OwnResources now() {
        List<String> sockets = new ArrayList<>();
        List<String> namespaces = new ArrayList<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(FDS)) {
            long nsfs = device(Path.of("/proc/self/ns/net"));
            for (Path fd : fds) {
                String target = linkTarget(fd);
                if (target.startsWith("socket:[")) {
                    if ("NETLINK".equals(socketProtocol(fd))) {
                        sockets.add(target);
                    }
                } else if (device(fd) == nsfs) {
                    namespaces.add("net:[" + inode(fd) + "]");
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            throw new IllegalStateException("list " + FDS + ": " + e, e);
        }
        Collections.sort(sockets);
        Collections.sort(namespaces);
        Set<Thread> threads = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(THREAD_PREFIX)).collect(Collectors.toSet());
        return new OwnResources(sockets, namespaces, threads);
    }

    /**
     * What this JVM holds once it holds exactly what {@code before} held, or after 10 s whatever
     * it holds then (for threads that end a moment after the call that stops them returns).
     */
    public static OwnResources settledAt(OwnResources before) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE_NANOS;
        OwnResources now = now();
        while (!now.equals(before) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            now = now();
        }
        return now;
    }

    /** What this holds that {@code earlier} did not (each descriptor counted once per open). */
    public OwnResources since(OwnResources earlier) {
        Set<Thread> newThreads = new HashSet<>(threads);
        newThreads.removeAll(earlier.threads);
        return new OwnResources(minus(netlinkSockets, earlier.netlinkSockets),
                minus(namespaceHandles, earlier.namespaceHandles), newThreads);
    }

    private static List<String> minus(List<String> these, List<String> those) {
        List<String> rest = new ArrayList<>(these);
        those.forEach(rest::remove);
        return rest;
    }

    /** The device of the file {@code path} leads to, or -1 if it is gone. */
    private static long device(Path path) {
        return stat(path, "unix:dev");
    }

    private static long inode(Path path) {
        return stat(path, "unix:ino");
    }

    private static long stat(Path path, String attribute) {
        try {
            return ((Number) Files.getAttribute(path, attribute)).longValue();
        } catch (NoSuchFileException closedMeanwhile) {
            return -1;
        } catch (IOException e) {
            throw new IllegalStateException("stat " + path + ": " + e, e);
        }
    }

    private static String linkTarget(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (NoSuchFileException closedMeanwhile) {
            return "";
        } catch (IOException e) {
            throw new IllegalStateException("readlink " + fd + ": " + e, e);
        }
    }

    /** The socket's {@code system.sockprotoname} (e.g. {@code NETLINK}), or null if it closed meanwhile. */
    private static String socketProtocol(Path fd) {
        try {
            return Posix.extendedAttribute(fd, "system.sockprotoname").orElse(null);
        } catch (IOException e) {
            throw new IllegalStateException("getxattr " + fd + ": " + e, e);
        }
    }
}
