package io.jnetlink.cni.libcni;

import io.jnetlink.cni.types.CniException;
import io.jnetlink.cni.types.CniResult;
import io.jnetlink.cni.types.Json;
import io.jnetlink.core.posix.Posix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ADD results kept on disk in the reference library's layout and format, so DEL works after the
 * runtime restarts and a tool using libcni and one using this library can each remove what the
 * other added: {@code <cacheDir>/results/<network>-<containerId>-<ifName>}, a JSON object with
 * {@code kind: cniCacheV1}, the container id, the network config (base64), the interface, the
 * network's name, the CNI_ARGS pairs, the capability arguments and the result. Written atomically
 * (a temporary file renamed into place), mode 0600. Entries are read with {@code O_NOFOLLOW} and
 * listed without following links: a link planted in the cache never leads out of it, and garbage
 * collection ({@link #retainOnly}) removes it, and whatever else in the directory is not a regular
 * file, since the cache (and libcni) never writes one.
 */
public final class ResultCache {

    /** The {@code kind} of every entry. */
    public static final String KIND = "cniCacheV1";
    /** Temporary files are {@code .cache-<pid of the writer>-<random>.tmp}. */
    private static final String TEMP_PREFIX = ".cache-";

    private final Path dir;

    /** The cache below {@code cacheDir} ({@code /var/lib/cni} for libcni), in its {@code results} directory. */
    public ResultCache(Path cacheDir) {
        this.dir = cacheDir.resolve("results");
    }

    /** The entry's file for {@code network} and the attachment of {@code rt}. */
    public Path file(String network, RuntimeConf rt) {
        return dir.resolve(network + "-" + rt.containerId() + "-" + rt.ifName());
    }

    /** Records {@code result} of {@code list} for the attachment of {@code rt}. */
    public void put(NetworkConfigList list, RuntimeConf rt, CniResult result) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("kind", KIND);
        entry.put("containerId", rt.containerId());
        entry.put("config", Base64.getEncoder().encodeToString(list.bytes()));
        entry.put("ifName", rt.ifName());
        entry.put("networkName", list.name());
        if (!rt.args().isEmpty()) {
            List<Object> pairs = new ArrayList<>();
            rt.args().forEach(p -> pairs.add(List.of(p.getKey(), p.getValue())));
            entry.put("cniArgs", pairs);
        }
        if (!rt.capabilityArgs().isEmpty()) {
            entry.put("capabilityArgs", rt.capabilityArgs());
        }
        entry.put("result", result.toJson());
        Path target = file(list.name(), rt);
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path temp = Files.createTempFile(dir, TEMP_PREFIX + ProcessHandle.current().pid() + "-", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.write(temp, Json.bytes(entry));
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new CniException(CniException.IO_FAILURE, "caching the result of network " + list.name() + " in "
                    + target + ": " + e);
        }
    }

    /** The cached result, converted to {@code version}; empty if none is cached. */
    public Optional<CniResult> get(String network, RuntimeConf rt, String version) {
        Path source = file(network, rt);
        byte[] bytes;
        try {
            bytes = Posix.readNoFollow(source);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new CniException(CniException.IO_FAILURE, "reading cached result " + source + ": " + e);
        }
        Map<String, Object> entry = Json.object(bytes, "cached result " + source);
        if (!(entry.get("result") instanceof Map<?, ?> result)) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) result;
        return Optional.of(CniResult.fromJson(typed, "cached result " + source).withVersion(version));
    }

    /** The attachments of {@code network} with a cache entry (container id and interface). */
    public List<RuntimeConf> attachments(String network) {
        List<RuntimeConf> found = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return found;
        }
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(network + "-")
                    && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).toList()) {
                Map<String, Object> entry = Json.object(Posix.readNoFollow(file), "cached result " + file);
                if (network.equals(entry.get("networkName")) && entry.get("containerId") instanceof String id
                        && entry.get("ifName") instanceof String ifName) {
                    found.add(RuntimeConf.of(id, "", ifName));
                }
            }
        } catch (IOException e) {
            throw new CniException(CniException.IO_FAILURE, "listing cached results in " + dir + ": " + e);
        }
        return found;
    }

    /**
     * Removes the cache entries of {@code network} except those of {@code valid}; temporary files
     * whose writer is no longer running (a crash between writing and renaming); and, whatever
     * network they name, the entries no cache writes: symbolic links (the link, never what it
     * points to), directories (with what is below them, no link followed), FIFOs, sockets, devices.
     */
    public void retainOnly(String network, List<RuntimeConf> valid) {
        removeOrphanedTemporaryFiles();
        removeWhatNoCacheWrites();
        for (RuntimeConf cached : attachments(network)) {
            boolean keep = valid.stream().anyMatch(v -> v.containerId().equals(cached.containerId())
                    && v.ifName().equals(cached.ifName()));
            if (!keep) {
                remove(network, cached);
            }
        }
    }

    private void removeOrphanedTemporaryFiles() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.newDirectoryStream(dir, TEMP_PREFIX + "*.tmp")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                int dash = name.indexOf('-', TEMP_PREFIX.length());
                long writer = dash < 0 ? -1 : parsePid(name.substring(TEMP_PREFIX.length(), dash));
                if (writer < 0 || ProcessHandle.of(writer).filter(ProcessHandle::isAlive).isEmpty()) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            throw new CniException(CniException.IO_FAILURE, "removing temporary files in " + dir + ": " + e);
        }
    }

    private void removeWhatNoCacheWrites() {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (!Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                    Posix.deleteRecursively(entry);
                }
            }
        } catch (IOException e) {
            throw new CniException(CniException.IO_FAILURE, "removing what is not a cache entry from " + dir + ": "
                    + e);
        }
    }

    private static long parsePid(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Removes the entry of {@code network} for the attachment of {@code rt}, if there is one. */
    public void remove(String network, RuntimeConf rt) {
        try {
            Files.deleteIfExists(file(network, rt));
        } catch (IOException e) {
            throw new CniException(CniException.IO_FAILURE, "removing cached result of " + network + ": " + e);
        }
    }
}
