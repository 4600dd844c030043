package io.jnetlink.cni.libcni;

import io.jnetlink.cni.types.CniException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * libcni 1.1.2's {@code ConfFiles} and {@code LoadConfList}: how a network is found in a directory,
 * the rules {@link NetworkConfigList#load} lists. The match must then have a valid name and a
 * supported version ({@link NetworkConfigList#checked}); the files before it are not judged for
 * those, as libcni does not judge them.
 */
final class ConfFiles {

    /** The extension of network config lists. */
    static final String LIST = ".conflist";
    /** The extensions of single plugin configs. */
    static final Set<String> SINGLE = Set.of(".conf", ".json");

    private static final Comparator<Path> BYTE_ORDER = (a, b) -> Arrays.compareUnsigned(nameBytes(a), nameBytes(b));

    private ConfFiles() {
    }

    /** The network called {@code name} in {@code dir}, by the rules {@link NetworkConfigList#load} lists. */
    static NetworkConfigList loadConfList(Path dir, String name) {
        List<Path> lists = new ArrayList<>();
        List<Path> singles = new ArrayList<>();
        for (Path file : entries(dir)) {
            String extension = extension(file);
            if (extension.equals(LIST)) {
                lists.add(file);
            } else if (SINGLE.contains(extension)) {
                singles.add(file);
            }
        }
        for (Path file : lists) {
            NetworkConfigList list = NetworkConfigList.readList(read(file), file.toString());
            if (list.name().equals(name)) {
                return NetworkConfigList.checked(list, file.toString());
            }
        }
        for (Path file : singles) {
            Map<String, Object> conf = NetworkConfigList.readConf(read(file), file.toString());
            if (NetworkConfigList.confName(conf).equals(name)) {
                return NetworkConfigList.checked(NetworkConfigList.fromConf(conf), conf, file.toString());
            }
        }
        if (lists.isEmpty() && singles.isEmpty()) {
            throw new CniException(CniException.INVALID_CONFIG, "no net configurations found in " + dir);
        }
        throw new CniException(CniException.INVALID_CONFIG, "no net configuration with name \"" + name + "\" in " + dir);
    }

    /** {@code file}'s extension as Go's {@code filepath.Ext} takes it: from the last dot, or empty. */
    static String extension(Path file) {
        String fileName = file.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot);
    }

    /** The entries of {@code dir} but real directories, in byte order of their names; none if it is missing. */
    private static List<Path> entries(Path dir) {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path entry : stream) {
                if (!Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    entries.add(entry);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (NotDirectoryException e) {
            throw new CniException(CniException.IO_FAILURE, "error reading " + dir + ": not a directory");
        } catch (IOException e) {
            throw new CniException(CniException.IO_FAILURE, "error reading " + dir + ": " + reason(e));
        }
        entries.sort(BYTE_ORDER);
        return entries;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CniException(CniException.IO_FAILURE, "error reading " + file + ": " + reason(e));
        }
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        String reason = e instanceof FileSystemException fs ? fs.getReason() : e.getMessage();
        return reason == null ? e.getClass().getSimpleName() : reason;
    }

    private static byte[] nameBytes(Path file) {
        return file.getFileName().toString().getBytes(StandardCharsets.UTF_8);
    }
}
