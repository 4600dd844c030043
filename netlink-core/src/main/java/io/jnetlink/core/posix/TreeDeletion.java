package io.jnetlink.core.posix;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;

/**
 * Deletes a directory tree without following links. Every entry, the root included, is looked at
 * and opened relative to its parent's descriptor ({@link SecureDirectoryStream}: {@code fstatat}
 * and {@code openat} with {@code O_NOFOLLOW}), so a link is deleted, never entered; a directory
 * swapped for a link while this runs fails the deletion ({@code ELOOP}) instead of emptying the
 * link's target.
 */
final class TreeDeletion {

    private TreeDeletion() {
    }

    static void delete(Path root) throws IOException {
        Path absolute = root.toAbsolutePath();
        Path parentDir = absolute.getParent();
        if (parentDir == null) {
            throw new IllegalArgumentException("refusing to delete " + root + ", the file system's root");
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(parentDir)) {
            if (!(stream instanceof SecureDirectoryStream<Path> parent)) {
                throw new UnsupportedOperationException("deleting " + root + " without following links needs a "
                        + "SecureDirectoryStream, which this platform's file system does not offer");
            }
            remove(parent, absolute.getFileName());
        } catch (NoSuchFileException gone) {
            // nothing there: what was wanted
        }
    }

    /** Deletes {@code name} in {@code directory}, a directory with everything below it, without following links. */
    private static void remove(SecureDirectoryStream<Path> directory, Path name) throws IOException {
        try {
            boolean isDirectory = directory.getFileAttributeView(name, BasicFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS).readAttributes().isDirectory();
            if (isDirectory) {
                try (SecureDirectoryStream<Path> child = directory.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
                    for (Path entry : child) {
                        remove(child, entry.getFileName());
                    }
                }
                directory.deleteDirectory(name);
            } else {
                directory.deleteFile(name);
            }
        } catch (NoSuchFileException vanished) {
            // deleted meanwhile: what was wanted
        }
    }
}
